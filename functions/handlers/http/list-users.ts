import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { decodeCursor, encodeCursor } from '../../api/cursor.ts';
import { listUsersFor } from '../../services/people.ts';

export const handler = httpHandler(routeFor('listUsers'), async ({ query, principal }) => {
  const page = await listUsersFor(principal, { limit: query.limit, cursor: decodeCursor(query.cursor) });
  return { statusCode: 200, body: { items: page.items, ...(page.nextCursor ? { nextCursor: encodeCursor(page.nextCursor) } : {}) } };
});
