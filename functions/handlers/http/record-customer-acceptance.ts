import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { recordCustomerAcceptance } from '../../services/order-callbacks.ts';
import { getOrderFor } from '../../services/order-queries.ts';

export const handler = httpHandler(routeFor('recordCustomerAcceptance'), async ({ params, body, principal }) => {
  await getOrderFor(principal, params.id);
  return { statusCode: 202, body: await recordCustomerAcceptance(params.id, body, principal.userId) };
});
