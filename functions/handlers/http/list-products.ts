import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductView } from '../../api/product-view.ts';
import { currentCatalogue } from '../../data/catalogue-repository.ts';

export const handler = httpHandler(routeFor('listProducts'), async () => ({ statusCode: 200, body: { items: (await currentCatalogue()).map(toProductView) } }));
