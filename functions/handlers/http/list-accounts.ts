import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { listAccountsFor, toAccountView } from '../../services/accounts.ts';
import { decodeCursor, encodeCursor } from '../../api/cursor.ts';

export const handler = httpHandler(routeFor('listAccounts'), async ({ query, principal }) => {
  const page = await listAccountsFor(principal, { limit: query.limit, cursor: decodeCursor(query.cursor) }, { roots: query.roots });
  return { statusCode: 200, body: { items: page.items.map(toAccountView), ...(page.nextCursor ? { nextCursor: encodeCursor(page.nextCursor) } : {}) } };
});
