import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { confirmNetworkBuild } from '../../services/order-callbacks.ts';

export const handler = httpHandler(routeFor('confirmNetworkBuild'), async ({ params, body }) => ({ statusCode: 202, body: await confirmNetworkBuild(params.id, body) }));
