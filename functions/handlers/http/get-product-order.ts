import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductOrder } from '../../api/product-order-view.ts';
import { getOrderDetail } from '../../data/orders-repository.ts';

export const handler = httpHandler(routeFor('getProductOrder'), async ({ params }) => ({ statusCode: 200, body: toProductOrder(await getOrderDetail(params.id)) }));
