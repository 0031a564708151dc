import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { unsubscribe } from '../../services/order-event-hub.ts';

export const handler = httpHandler(routeFor('deleteHubSubscription'), async ({ params, principal }) => {
  await unsubscribe(principal, params.id);
  return { statusCode: 204, body: undefined };
});
