import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { decodeCursor, encodeCursor } from '../../api/cursor.ts';
import { childrenFor, toAccountView } from '../../services/accounts.ts';

export const handler = httpHandler(routeFor('listAccountChildren'), async ({ params, query, principal }) => {
  const page = await childrenFor(principal, params.id, { limit: query.limit, cursor: decodeCursor(query.cursor) });
  return { statusCode: 200, body: { items: page.items.map(toAccountView), ...(page.nextCursor ? { nextCursor: encodeCursor(page.nextCursor) } : {}) } };
});
