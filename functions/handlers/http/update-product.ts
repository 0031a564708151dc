import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductDetail } from '../../api/product-view.ts';
import { updateProduct } from '../../services/catalogue.ts';

export const handler = httpHandler(routeFor('updateProduct'), async ({ params, body, principal }) => ({ statusCode: 200, body: toProductDetail(await updateProduct(principal, params.id, body)) }));
