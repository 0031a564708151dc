import { httpHandler } from '../http-handler.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { decodeCursor, encodeCursor } from '../../api/cursor.ts';
import { contractsInReach, toContractView } from '../../services/contracts.ts';

export const handler = httpHandler(routeFor('listContracts'), async ({ query, principal }) => {
  const page = await contractsInReach(principal, { limit: query.limit, cursor: decodeCursor(query.cursor) });
  return { statusCode: 200, body: { items: page.items.map(toContractView), ...(page.nextCursor ? { nextCursor: encodeCursor(page.nextCursor) } : {}) } };
});
