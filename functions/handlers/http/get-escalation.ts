import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { escalationFor, toEscalationView } from '../../services/sla-queries.ts';

export const handler = httpHandler(routeFor('getEscalation'), async ({ params, principal }) => ({ statusCode: 200, body: toEscalationView(await escalationFor(principal, params.id)) }));
