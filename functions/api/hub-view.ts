/** A hub subscription as its owner sees it: never the secret (shown once, at creation), never another's deliveries. */
import type { HubDeliveryRecord, HubSubscriptionRecord } from '../data/entities/hub.ts';

export function toHubSubscriptionView(subscription: HubSubscriptionRecord, deliveries?: readonly HubDeliveryRecord[]) {
  return {
    id: subscription.subscriptionId,
    callback: subscription.callback,
    query: subscription.query,
    createdAt: subscription.createdAt,
    ...(deliveries
      ? {
          deliveries: deliveries.map((delivery) => ({
            eventId: delivery.eventId,
            orderId: delivery.orderId,
            eventType: delivery.eventType,
            status: delivery.status,
            attempts: delivery.attempts,
            ...(delivery.lastStatusCode !== undefined ? { lastStatusCode: delivery.lastStatusCode } : {}),
            ...(delivery.status === 'PENDING' ? { nextAttemptAt: delivery.nextAttemptAt } : {}),
            ...(delivery.deliveredAt ? { deliveredAt: delivery.deliveredAt } : {}),
          })),
        }
      : {}),
  };
}
