import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toCancelProductOrder } from '../../api/product-order-view.ts';
import { tmfCancelProductOrderPath } from '../../api/routes.ts';
import { requestCancellation } from '../../services/order-changes.ts';

export const handler = httpHandler(routeFor('createCancelProductOrder'), async ({ body, principal }) => {
  const detail = await requestCancellation(principal, body);
  const view = toCancelProductOrder(detail.order);
  if (!view) throw new Error(`order ${detail.order.orderId} has no cancellation after it was requested`);
  return { statusCode: 201, body: view, headers: { location: `${tmfCancelProductOrderPath}/${view.id}` } };
});
