import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { toHubSubscriptionView } from '../../api/hub-view.ts';
import { recentDeliveriesFor, subscriptionFor } from '../../services/order-event-hub.ts';

export const handler = httpHandler(routeFor('getHubSubscription'), async ({ params, principal }) => {
  const subscription = await subscriptionFor(principal, params.id);
  return { statusCode: 200, body: toHubSubscriptionView(subscription, await recentDeliveriesFor(principal, params.id)) };
});
