import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toProductOrder } from '../../api/product-order-view.ts';
import { resumeOrder } from '../../services/order-changes.ts';

export const handler = httpHandler(routeFor('resumeOrder'), async ({ params, body, principal }) => ({ statusCode: 200, body: toProductOrder(await resumeOrder(principal, params.id, body)) }));
