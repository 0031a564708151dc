import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toCancelProductOrder } from '../../api/product-order-view.ts';
import { tmfCancelProductOrderPath } from '../../api/routes.ts';
import { orderCommandIdempotency, runOrderCommand } from '../../services/order-changes.ts';

export const handler = httpHandler(routeFor('createCancelProductOrder'), async ({ body, headers, context, principal }) => {
  orderCommandIdempotency.registerLambdaContext(context);
  const detail = await runOrderCommand({ principal, command: 'cancel', orderId: body.productOrder.id, body }, headers['idempotency-key']);
  const view = toCancelProductOrder(detail.order);
  if (!view) throw new Error(`order ${detail.order.orderId} has no cancellation after it was requested`);
  return { statusCode: 201, body: view, headers: { location: `${tmfCancelProductOrderPath}/${view.id}` } };
});
