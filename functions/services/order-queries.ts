/** Reading orders within the caller's reach: orders follow their account's ownership. */
import { accountScopeOf } from '../domain/people.ts';
import type { Principal } from '../domain/people.ts';
import { getOrderDetail, listOrdersInScope, listOrdersOfAccount } from '../data/orders-repository.ts';
import type { OrderDetail, OrderRecord, Page } from '../data/orders-repository.ts';
import { assertCovers } from './access.ts';
import { getAccountFor } from './accounts.ts';

export async function getOrderFor(principal: Principal, orderId: string): Promise<OrderDetail> {
  const detail = await getOrderDetail(orderId);
  assertCovers(principal, detail.order, 'order', orderId);
  return detail;
}

export async function listOrdersFor(principal: Principal, request: { accountId?: string | undefined; limit: number; cursor?: string | undefined }): Promise<Page<OrderRecord>> {
  const page = { limit: request.limit, cursor: request.cursor };
  if (request.accountId) {
    await getAccountFor(principal, request.accountId);
    return listOrdersOfAccount(request.accountId, page);
  }
  return listOrdersInScope(accountScopeOf(principal), page);
}
