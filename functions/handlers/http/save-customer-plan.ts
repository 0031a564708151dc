import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { savePlanFor } from '../../services/accounts.ts';

export const handler = httpHandler(routeFor('saveCustomerPlan'), async ({ params, body, principal }) => ({ statusCode: 200, body: await savePlanFor(principal, params.id, params.year, body) }));
