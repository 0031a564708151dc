import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { planFor } from '../../services/accounts.ts';

export const handler = httpHandler(routeFor('getCustomerPlan'), async ({ params, principal }) => ({ statusCode: 200, body: await planFor(principal, params.id, params.year) }));
