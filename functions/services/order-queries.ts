/** Reading orders within the caller's reach: orders follow their account's ownership. */
import { accountScopeOf, scopeCovers } from '../domain/people.ts';
import type { Principal } from '../domain/people.ts';
import { getOrderDetail, listFalloutOrders, listOrdersInScope, listOrdersOfAccount } from '../data/orders-repository.ts';
import type { OrderDetail } from '../data/orders-repository.ts';
import type { OrderRecord } from '../data/entities/order.ts';
import type { Page } from '../data/page.ts';
import { assertCovers } from './access.ts';
import { rollUpIsBehind, rollUpParentOrder } from './order-rollup.ts';
import { getAccountFor } from './accounts.ts';

export async function getOrderFor(principal: Principal, orderId: string): Promise<OrderDetail> {
  const detail = await getOrderDetail(orderId);
  assertCovers(principal, detail.order, 'order', orderId);
  return rollUpIsBehind(detail) ? repairRollUp(orderId) : detail;
}

/**
 * A parent whose roll-up was deferred by a lost race is brought up to date before it is shown — an explicit repair
 * step, then a fresh read, so that its state and its audit trail (the roll-up's own event) agree.
 */
async function repairRollUp(parentOrderId: string): Promise<OrderDetail> {
  await rollUpParentOrder(parentOrderId).catch(() => undefined);
  return getOrderDetail(parentOrderId);
}

export async function listOrdersFor(principal: Principal, request: { accountId?: string | undefined; limit: number; cursor?: string | undefined }): Promise<Page<OrderRecord>> {
  const page = { limit: request.limit, cursor: request.cursor };
  if (request.accountId) {
    await getAccountFor(principal, request.accountId);
    return listOrdersOfAccount(request.accountId, page);
  }
  return listOrdersInScope(accountScopeOf(principal), page);
}

/**
 * The fallout queue within reach. One Query on the phase index (FALLOUT holds only failed orders, a short list by
 * design); managers see those of their accounts, so a page may hold fewer than `limit` items with a cursor for more.
 */
export async function listFalloutFor(principal: Principal, request: { limit: number; cursor?: string | undefined }): Promise<Page<OrderRecord>> {
  const scope = accountScopeOf(principal);
  const page = await listFalloutOrders({ limit: request.limit, cursor: request.cursor });
  return { items: page.items.filter((order) => scopeCovers(scope, order)), nextCursor: page.nextCursor };
}
