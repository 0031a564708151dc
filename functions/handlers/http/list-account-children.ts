import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { decodeCursor, encodeCursor } from '../../api/cursor.ts';
import { childrenFor, toAccountView } from '../../services/accounts.ts';
import { rollupOf } from '../../services/account-rollups.ts';

export const handler = httpHandler(routeFor('listAccountChildren'), async ({ params, query, principal }) => {
  const page = await childrenFor(principal, params.id, { limit: query.limit, cursor: decodeCursor(query.cursor) });
  const items = await Promise.all(page.items.map(async (child) => ({ ...toAccountView(child), rollup: await rollupOf(principal, child) })));
  return { statusCode: 200, body: { items, ...(page.nextCursor ? { nextCursor: encodeCursor(page.nextCursor) } : {}) } };
});
