import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { decodeCursor, encodeCursor } from '../../api/cursor.ts';
import { toProductOrderSummary } from '../../api/product-order-view.ts';
import { listOrdersFor } from '../../services/order-queries.ts';

export const handler = httpHandler(routeFor('listProductOrders'), async ({ query, principal }) => {
  const page = await listOrdersFor(principal, { accountId: query.accountId, limit: query.limit, cursor: decodeCursor(query.cursor) });
  return {
    statusCode: 200,
    body: page.items.map(toProductOrderSummary),
    headers: { 'x-result-count': String(page.items.length), ...(page.nextCursor ? { 'x-next-cursor': encodeCursor(page.nextCursor) } : {}) },
  };
});
