import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { atRiskFor } from '../../services/sla-queries.ts';

export const handler = httpHandler(routeFor('listAtRisk'), async ({ query, principal }) => ({ statusCode: 200, body: await atRiskFor(principal, query.limit) }));
