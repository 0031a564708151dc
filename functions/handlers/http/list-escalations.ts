import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { decodeCursor, encodeCursor } from '../../api/cursor.ts';
import { escalationsFor, toEscalationView } from '../../services/sla-queries.ts';

export const handler = httpHandler(routeFor('listEscalations'), async ({ query, principal }) => {
  const page = await escalationsFor(principal, { limit: query.limit, cursor: decodeCursor(query.cursor) });
  return { statusCode: 200, body: { items: page.items.map(toEscalationView), ...(page.nextCursor ? { nextCursor: encodeCursor(page.nextCursor) } : {}) } };
});
