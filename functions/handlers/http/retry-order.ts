import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductOrder } from '../../api/product-order-view.ts';
import { retryOrder } from '../../services/order-changes.ts';

export const handler = httpHandler(routeFor('retryOrder'), async ({ params, body, principal }) => ({ statusCode: 202, body: toProductOrder(await retryOrder(principal, params.id, body)) }));
