import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductOrder } from '../../api/product-order-view.ts';
import { amendOrder } from '../../services/order-changes.ts';

export const handler = httpHandler(routeFor('amendProductOrder'), async ({ params, body, principal }) => ({ statusCode: 200, body: toProductOrder(await amendOrder(principal, params.id, body)) }));
