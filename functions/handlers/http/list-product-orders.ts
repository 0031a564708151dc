import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { decodeCursor, encodeCursor } from '../../api/cursor.ts';
import { toProductOrderSummary } from '../../api/product-order-view.ts';
import { listOrders, listOrdersOfAccount } from '../../data/orders-repository.ts';

export const handler = httpHandler(routeFor('listProductOrders'), async ({ query }) => {
  const pageRequest = { limit: query.limit, cursor: decodeCursor(query.cursor) };
  const page = query.accountId ? await listOrdersOfAccount(query.accountId, pageRequest) : await listOrders(pageRequest);
  return {
    statusCode: 200,
    body: page.items.map(toProductOrderSummary),
    headers: { 'x-result-count': String(page.items.length), ...(page.nextCursor ? { 'x-next-cursor': encodeCursor(page.nextCursor) } : {}) },
  };
});
