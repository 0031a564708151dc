import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductOrder } from '../../api/product-order-view.ts';
import { getOrderDetail } from '../../data/orders-repository.ts';
import { submitOrder, submitOrderOnce } from '../../services/order-submission.ts';

export const handler = httpHandler(routeFor('createProductOrder'), async ({ body, headers }) => {
  const idempotencyKey = headers['idempotency-key'];
  const detail = idempotencyKey
    ? await getOrderDetail((await submitOrderOnce({ idempotencyKey, request: body })).orderId)
    : await submitOrder(body);
  return { statusCode: 201, body: toProductOrder(detail), headers: { location: `/tmf-api/productOrderingManagement/v4/productOrder/${detail.order.orderId}` } };
});
