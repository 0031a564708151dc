import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { confirmNetworkBuild } from '../../services/order-callbacks.ts';
import { getOrderFor } from '../../services/order-queries.ts';

export const handler = httpHandler(routeFor('confirmNetworkBuild'), async ({ params, body, principal }) => {
  await getOrderFor(principal, params.id);
  return { statusCode: 202, body: await confirmNetworkBuild(params.id, body, principal.userId) };
});
