/** The event-hub area's function: TMF630 hub subscriptions to order events. Bundles only these handler modules. */
import { areaHandler } from '../../api/area-router.ts';
import { handler as createHubSubscription } from '../http/create-hub-subscription.ts';
import { handler as listHubSubscriptions } from '../http/list-hub-subscriptions.ts';
import { handler as getHubSubscription } from '../http/get-hub-subscription.ts';
import { handler as deleteHubSubscription } from '../http/delete-hub-subscription.ts';

export const handler = areaHandler('event-hub', {
  createHubSubscription,
  listHubSubscriptions,
  getHubSubscription,
  deleteHubSubscription,
});
