import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { tmfHubPath } from '../../api/routes.ts';
import { subscribe } from '../../services/order-event-hub.ts';
import { toHubSubscriptionView } from '../../api/hub-view.ts';

export const handler = httpHandler(routeFor('createHubSubscription'), async ({ body, principal }) => {
  const { subscription, secret } = await subscribe(principal, body);
  return { statusCode: 201, body: { ...toHubSubscriptionView(subscription), secret }, headers: { location: `${tmfHubPath}/${subscription.subscriptionId}` } };
});
