/**
 * `orders` → TMF622 `productOrder`: a bare array with the cursor in `X-Next-Cursor`, optionally one account's orders.
 * Beyond react-admin's calls, the lifecycle commands (hold, resume, amend, cancel, retry, build confirmation) and the
 * customer acceptance (验收) decision.
 */
import type { Identifier } from 'react-admin';
import { tmfCancelProductOrderPath, tmfProductOrderPath } from '../../../functions/api/tmf-paths.ts';
import type { AcceptanceDecision } from '../api/types.ts';
import { fetchPage, listingKey } from '../dataProvider/cursorPages.ts';
import type { ApiClient } from '../dataProvider/httpClient.ts';
import { newIdempotencyKey } from '../dataProvider/idempotencyKey.ts';
import { recordPath, stringFilter, toListPage, type AdapterContext, type ResourceAdapter } from '../dataProvider/resourceAdapter.ts';
import { readRecord, readRecords } from '../dataProvider/responses.ts';
import { draftFieldForIssue, toProductOrderCreate, type OrderDraft } from './orderDraft.ts';

export function ordersAdapter({ client, pages }: AdapterContext): ResourceAdapter {
  return {
    async list({ page, perPage, filter, signal }) {
      const accountId = stringFilter(filter, 'accountId');
      const key = listingKey('orders', { accountId }, perPage);
      const result = await fetchPage(pages(), key, page, perPage, async (cursor) => {
        const { json, headers } = await client(tmfProductOrderPath, {
          query: { limit: perPage, cursor, accountId },
          ...(signal ? { signal } : {}),
        });
        const nextCursor = headers.get('X-Next-Cursor') ?? undefined;
        return { items: readRecords(json, 'order list'), ...(nextCursor ? { nextCursor } : {}) };
      });
      return toListPage(result);
    },
    async one(id, signal) {
      const { json } = await client(recordPath(tmfProductOrderPath, id), signal ? { signal } : {});
      return readRecord(json, 'order');
    },
    async create(data) {
      const { json } = await client(tmfProductOrderPath, {
        method: 'POST',
        body: toProductOrderCreate(data as OrderDraft),
        // A fresh key per submit: a retried network call is deduplicated, a second click is a second order only if
        // the user submits the form again.
        headers: { 'Idempotency-Key': newIdempotencyKey() },
        formFields: draftFieldForIssue,
      });
      return readRecord(json, 'order');
    },
  };
}

/** The lifecycle commands on an order, each one route of the API. */
export type OrderCommand = 'hold' | 'resume' | 'amend' | 'cancel' | 'retry' | 'confirm-build';

/** Where each command goes: method, path and the body the API expects. */
export function orderCommandRequest(orderId: Identifier, command: OrderCommand, body: Record<string, unknown>): { method: 'POST' | 'PATCH'; path: string; body: unknown } {
  const id = encodeURIComponent(String(orderId));
  switch (command) {
    case 'hold':
    case 'resume':
    case 'retry':
      return { method: 'POST', path: `/api/orders/${id}/${command}`, body };
    case 'confirm-build':
      return { method: 'POST', path: `/api/orders/${id}/network-build`, body };
    case 'amend':
      return { method: 'PATCH', path: `${tmfProductOrderPath}/${id}`, body };
    case 'cancel':
      return { method: 'POST', path: tmfCancelProductOrderPath, body: { productOrder: { id: String(orderId) }, cancellationReason: body.reason } };
  }
}

export type OrderCalls = {
  /** Hold, resume, amend, cancel, retry an order, or confirm its network build. */
  orderCommand(orderId: Identifier, command: OrderCommand, body: Record<string, unknown>): Promise<void>;
  /** `POST /api/orders/{id}/acceptance`: the customer's decision on a delivered circuit. */
  recordAcceptance(orderId: Identifier, decision: AcceptanceDecision): Promise<void>;
};

export function orderCalls(client: ApiClient): OrderCalls {
  return {
    async orderCommand(orderId, command, body) {
      const request = orderCommandRequest(orderId, command, body);
      // A build confirmation is naturally repeat-safe; every other command carries a fresh key per submit.
      const headers = command === 'confirm-build' ? undefined : { 'Idempotency-Key': newIdempotencyKey() };
      await client(request.path, { method: request.method, body: request.body, ...(headers ? { headers } : {}) });
    },
    async recordAcceptance(orderId, decision) {
      await client(`/api/orders/${encodeURIComponent(String(orderId))}/acceptance`, { method: 'POST', body: decision });
    },
  };
}
