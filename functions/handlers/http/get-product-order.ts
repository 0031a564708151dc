import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductOrder } from '../../api/product-order-view.ts';
import { getOrderFor } from '../../services/order-queries.ts';

export const handler = httpHandler(routeFor('getProductOrder'), async ({ params, principal }) => ({ statusCode: 200, body: toProductOrder(await getOrderFor(principal, params.id)) }));
