import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductOrder } from '../../api/product-order-view.ts';
import { orderCommandIdempotency, runOrderCommand } from '../../services/order-changes.ts';

export const handler = httpHandler(routeFor('resumeOrder'), async ({ params, body, headers, context, principal }) => {
  orderCommandIdempotency.registerLambdaContext(context);
  const detail = await runOrderCommand({ principal, command: 'resume', orderId: params.id, body }, headers['idempotency-key']);
  return { statusCode: 200, body: toProductOrder(detail) };
});
