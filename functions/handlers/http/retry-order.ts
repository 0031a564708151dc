import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductOrder } from '../../api/product-order-view.ts';
import { orderCommandIdempotency, runOrderCommand } from '../../services/order-changes.ts';

export const handler = httpHandler(routeFor('retryOrder'), async ({ params, body, headers, context, principal }) => {
  orderCommandIdempotency.registerLambdaContext(context);
  const detail = await runOrderCommand({ principal, command: 'retry', orderId: params.id, body }, headers['idempotency-key']);
  return { statusCode: 202, body: toProductOrder(detail) };
});
