import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductOrder } from '../../api/product-order-view.ts';
import { tmfProductOrderPath } from '../../api/routes.ts';
import { getOrderDetail } from '../../data/orders-repository.ts';
import { submitOrder, submitOrderIdempotency, submitOrderOnce } from '../../services/order-submission.ts';

export const handler = httpHandler(routeFor('createProductOrder'), async ({ body, headers, context, principal }) => {
  // An in-progress record must not outlive the invocation that holds it.
  submitOrderIdempotency.registerLambdaContext(context);
  const idempotencyKey = headers['idempotency-key'];
  const detail = idempotencyKey
    ? await getOrderDetail((await submitOrderOnce({ idempotencyKey, request: body, principal })).orderId)
    : await submitOrder(principal, body);
  return { statusCode: 201, body: toProductOrder(detail), headers: { location: `${tmfProductOrderPath}/${detail.order.orderId}` } };
});
