import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { decodeCursor, encodeCursor } from '../../api/cursor.ts';
import { contractsOfAccountFor, toContractView } from '../../services/contracts.ts';

export const handler = httpHandler(routeFor('listAccountContracts'), async ({ params, query, principal }) => {
  const page = await contractsOfAccountFor(principal, params.id, { limit: query.limit, cursor: decodeCursor(query.cursor) });
  return { statusCode: 200, body: { items: page.items.map(toContractView), ...(page.nextCursor ? { nextCursor: encodeCursor(page.nextCursor) } : {}) } };
});
