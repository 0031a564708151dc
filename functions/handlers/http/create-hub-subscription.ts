import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { tmfHubPath } from '../../api/routes.ts';
import { subscribe, subscribeIdempotency, subscribeOnce, subscriptionFor } from '../../services/order-event-hub.ts';
import { toHubSubscriptionView } from '../../api/hub-view.ts';

export const handler = httpHandler(routeFor('createHubSubscription'), async ({ body, headers, context, principal }) => {
  // An in-progress record must not outlive the invocation that holds it.
  subscribeIdempotency.registerLambdaContext(context);
  const idempotencyKey = headers['idempotency-key'];
  const subscription = idempotencyKey
    ? await subscriptionFor(principal, (await subscribeOnce({ idempotencyKey, request: body, principal })).subscriptionId)
    : (await subscribe(principal, body)).subscription;
  return { statusCode: 201, body: { ...toHubSubscriptionView(subscription), secret: subscription.secret }, headers: { location: `${tmfHubPath}/${subscription.subscriptionId}` } };
});
