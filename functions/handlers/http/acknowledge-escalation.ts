import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { acknowledgeEscalationFor, toEscalationView } from '../../services/sla-queries.ts';

export const handler = httpHandler(routeFor('acknowledgeEscalation'), async ({ params, principal }) => ({ statusCode: 200, body: toEscalationView(await acknowledgeEscalationFor(principal, params.id)) }));
