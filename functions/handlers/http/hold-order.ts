import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductOrder } from '../../api/product-order-view.ts';
import { holdOrder } from '../../services/order-changes.ts';

export const handler = httpHandler(routeFor('holdOrder'), async ({ params, body, principal }) => ({ statusCode: 200, body: toProductOrder(await holdOrder(principal, params.id, body)) }));
