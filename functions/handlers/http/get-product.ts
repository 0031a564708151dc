import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductDetail } from '../../api/product-view.ts';
import { productHistory } from '../../data/catalogue-repository.ts';

export const handler = httpHandler(routeFor('getProduct'), async ({ params }) => ({ statusCode: 200, body: toProductDetail(await productHistory(params.id)) }));
