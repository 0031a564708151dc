import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { decodeCursor, encodeCursor } from '../../api/cursor.ts';
import { toHubSubscriptionView } from '../../api/hub-view.ts';
import { listSubscriptionsFor } from '../../services/order-event-hub.ts';

export const handler = httpHandler(routeFor('listHubSubscriptions'), async ({ query, principal }) => {
  const page = await listSubscriptionsFor(principal, { limit: query.limit, cursor: decodeCursor(query.cursor) });
  return { statusCode: 200, body: { items: page.items.map((item) => toHubSubscriptionView(item)), ...(page.nextCursor ? { nextCursor: encodeCursor(page.nextCursor) } : {}) } };
});
