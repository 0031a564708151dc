/**
 * The order event hub (TMF630 hub/listener): subscribers register a callback and a query; every entry of an order's
 * audit trail that matches, on an order the subscriber may see, is delivered to them signed, with retries.
 *
 * Delivery is driven by the table's stream: the audit trail is written in the same transaction as each change, so the
 * stream carries every event exactly as recorded, in order per order. The dispatcher (a Lambda on the stream in AWS;
 * locally the same handler fed by local/dynamodb-streams.ts) records one delivery per (event, subscription) — created
 * once, so a redelivered stream batch never makes a second one — and tries it at once; a failed attempt is retried by
 * the retry sweep with exponential backoff and full jitter until it succeeds or is given up. Every attempt is claimed
 * before it is sent, so the first try and a sweep (or two sweeps) never send the same one. Every event also goes onto
 * the KAMflow orders bus on EventBridge when ORDER_EVENTS_BUS_NAME is set (locally: the PutEvents stand-in).
 */
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { idempotencyStore } from '../data/idempotency-store.ts';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ulid } from 'ulid';
import { eventBridgeClient } from '../commons/clients.ts';
import { businessDurationOf, now, nowIso } from '../commons/clock.ts';
import { numberEnv, optionalEnv } from '../commons/env.ts';
import { NotFoundError, TransientError, ValidationError } from '../commons/errors.ts';
import { logger } from '../commons/observability.ts';
import { accountScopeOf, scopeCovers } from '../domain/people.ts';
import type { AccountScope, Principal } from '../domain/people.ts';
import { isReservedAddress, refusedCallbackHost } from '../domain/callback-address.ts';
import { matchesFilter, nextAttemptDelayMs, orderEventsSource, parseHubQuery, signDelivery, toNotification } from '../domain/order-notifications.ts';
import type { AuditEvent, HubFilter, OrderNotification } from '../domain/order-notifications.ts';
import { findAccount } from '../data/accounts-repository.ts';
import { abandonDelivery, allSubscriptions, claimAttempt, createDelivery, deleteSubscription, deliveriesOf, dueDeliveries, findSubscription, listSubscriptionsOf, putSubscription, recordAttempt } from '../data/hub-repository.ts';
import type { HubDeliveryRecord, HubSubscriptionRecord } from '../data/entities/hub.ts';
import type { Page } from '../data/page.ts';
import { findOrder } from '../data/orders-repository.ts';
import { tmfProductOrderPath } from '../api/routes.ts';
import type { HubSubscriptionRequest } from '../api/schemas/hub.ts';
import { principalOf } from './authentication.ts';

const ordersBusName = optionalEnv('ORDER_EVENTS_BUS_NAME');
/** Only the local runtime sets this: its listeners run on the same machine (see functions/domain/callback-address.ts). */
const allowPrivateCallbacks = optionalEnv('HUB_ALLOW_PRIVATE_CALLBACKS') === 'true';
/** First retry interval; later ones double (tests shorten it). */
const retryBaseMs = numberEnv('HUB_RETRY_BASE_MS', 30_000);
const deliveryTimeoutMs = 5_000;
/**
 * How long a claimed attempt is left to its sender before the sweep may take it over: the POST timeout, with room. Real
 * time, turned into business time (delivery times are business time, which the local runtime may run faster).
 */
const attemptLeaseMs = businessDurationOf(60_000);

// ------------------------------------------------------------------ subscriptions
const commandStore = idempotencyStore('subscribe');

/** The caller is part of the key: two people never share one subscription. Only the id is kept, never the secret. */
export const subscribeIdempotency = new IdempotencyConfig({ eventKeyJmesPath: '[idempotencyKey, principal.userId]', payloadValidationJmesPath: 'request', expiresAfterSeconds: 24 * 3600 });

/**
 * The same Idempotency-Key with the same body answers with the first subscription (a client that lost the answer gets
 * its secret after all); with another body it is refused.
 */
export const subscribeOnce = makeIdempotent(
  async (command: { idempotencyKey: string; request: HubSubscriptionRequest; principal: Principal }) => ({ subscriptionId: (await subscribe(command.principal, command.request)).subscription.subscriptionId }),
  { persistenceStore: commandStore, config: subscribeIdempotency },
);

export function hubFilterOf(query: string): HubFilter {
  const parsed = parseHubQuery(query);
  if (!parsed.ok) throw ValidationError.forField('query', parsed.message);
  return parsed.filter;
}

export async function subscribe(principal: Principal, request: HubSubscriptionRequest): Promise<{ subscription: HubSubscriptionRecord; secret: string }> {
  const filter = hubFilterOf(request.query ?? '');
  const refused = allowPrivateCallbacks ? undefined : refusedCallbackHost(new URL(request.callback).hostname);
  if (refused) throw ValidationError.forField('callback', refused);
  if (filter.accountId) {
    // A subscription to an account out of reach would never receive anything: say so (without telling whether it exists).
    const account = await findAccount(filter.accountId);
    if (!account || !scopeCovers(accountScopeOf(principal), account)) throw ValidationError.forField('query', `productOrder.relatedParty.id ${filter.accountId} is not an account within your reach`);
  }
  const secret = randomBytes(24).toString('base64url');
  const subscription: HubSubscriptionRecord = {
    subscriptionId: `hub_${ulid()}`,
    owner: principal.userId,
    callback: request.callback,
    query: request.query ?? '',
    eventTypes: [...filter.eventTypes],
    ...(filter.states ? { states: [...filter.states] } : {}),
    ...(filter.accountId ? { accountId: filter.accountId } : {}),
    secret,
    createdAt: nowIso(),
  };
  await putSubscription(subscription);
  logger.info('hub subscription created', { subscriptionId: subscription.subscriptionId, eventTypes: filter.eventTypes });
  return { subscription, secret };
}

/** A subscription is its owner's: anyone else is told it does not exist. */
export async function subscriptionFor(principal: Principal, subscriptionId: string): Promise<HubSubscriptionRecord> {
  const subscription = await findSubscription(subscriptionId);
  if (!subscription || subscription.owner !== principal.userId) throw new NotFoundError('hub subscription', subscriptionId);
  return subscription;
}

export async function unsubscribe(principal: Principal, subscriptionId: string): Promise<void> {
  await subscriptionFor(principal, subscriptionId);
  await deleteSubscription(subscriptionId);
}

export function listSubscriptionsFor(principal: Principal, page: { limit: number; cursor?: string | undefined }): Promise<Page<HubSubscriptionRecord>> {
  return listSubscriptionsOf(principal.userId, page);
}

export async function recentDeliveriesFor(principal: Principal, subscriptionId: string): Promise<HubDeliveryRecord[]> {
  await subscriptionFor(principal, subscriptionId);
  return deliveriesOf(subscriptionId, 50);
}

// ------------------------------------------------------------------ dispatch from the stream
function filterOf(subscription: HubSubscriptionRecord): HubFilter {
  return { eventTypes: [...subscription.eventTypes], ...(subscription.states ? { states: [...subscription.states] } : {}), ...(subscription.accountId ? { accountId: subscription.accountId } : {}) };
}

/**
 * What one stream batch reads once rather than per event: the subscriptions and their owners' reach. A subscription
 * deleted during the batch may still get a delivery record; the sender checks the subscription again before retries.
 */
export interface DispatchBatch {
  subscriptions(): Promise<readonly HubSubscriptionRecord[]>;
  ownerScope(owner: string): Promise<AccountScope>;
}

export function newDispatchBatch(): DispatchBatch {
  let subscriptions: Promise<HubSubscriptionRecord[]> | undefined;
  const scopes = new Map<string, Promise<AccountScope>>();
  return {
    subscriptions: () => (subscriptions ??= allSubscriptions()),
    ownerScope: (owner) => {
      let scope = scopes.get(owner);
      if (!scope) {
        // Roles and reach are read as for any request: an owner who left or lost their role reaches nothing.
        scope = principalOf(owner).then(accountScopeOf, (): AccountScope => ({ kind: 'none' }));
        scopes.set(owner, scope);
      }
      return scope;
    },
  };
}

async function publishToBus(busName: string, notification: OrderNotification): Promise<void> {
  const result = await eventBridgeClient.send(
    new PutEventsCommand({ Entries: [{ EventBusName: busName, Source: orderEventsSource, DetailType: notification.eventType, Detail: JSON.stringify(notification), Time: new Date(notification.eventTime), Resources: [notification.event.productOrder.href] }] }),
  );
  // PutEvents answers 200 even when it refused the entry: a refused entry must fail the record, so the stream retries it.
  if ((result.FailedEntryCount ?? 0) > 0) throw new TransientError(`EventBridge refused the ${notification.eventType} event: ${result.Entries?.[0]?.ErrorCode ?? 'unknown error'}`);
}

/**
 * Fan one audit event out to the orders bus and the matching subscriptions. Safe to run again for the same event (a
 * retried stream batch): each delivery is created once, and whoever claims an attempt is the only one who sends it.
 * The bus is at least once: its consumers tell repeats by `detail.eventId`.
 */
export async function dispatchOrderEvent(event: AuditEvent, batch: DispatchBatch = newDispatchBatch()): Promise<void> {
  const order = await findOrder(event.orderId);
  if (!order) return;
  const notification = toNotification(event, { orderId: order.orderId, accountId: order.accountId, state: order.state, href: `${tmfProductOrderPath}/${order.orderId}` });
  if (!notification) return;
  if (ordersBusName) await publishToBus(ordersBusName, notification);
  for (const subscription of await batch.subscriptions()) {
    if (!matchesFilter(filterOf(subscription), notification) || !scopeCovers(await batch.ownerScope(subscription.owner), order)) continue;
    const at = nowIso();
    const delivery: HubDeliveryRecord = {
      subscriptionId: subscription.subscriptionId,
      eventId: notification.eventId,
      orderId: order.orderId,
      eventType: notification.eventType,
      body: JSON.stringify(notification),
      status: 'PENDING',
      retryBucket: 'PENDING',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      updatedAt: at,
      // Delivery records are kept for 30 days.
      expiresAt: Math.floor(Date.now() / 1000) + 30 * 86_400,
    };
    if (await createDelivery(delivery)) await attemptDelivery(subscription, delivery);
  }
}

// ------------------------------------------------------------------ sending and retrying
type PostResult = { ok: boolean; statusCode?: number; error?: string; refused?: boolean };

/** Whether every address the callback's host resolves to is public (always true where private callbacks are allowed). */
async function callbackReachesPublicAddresses(callback: string): Promise<boolean> {
  if (allowPrivateCallbacks) return true;
  const { hostname } = new URL(callback);
  if (refusedCallbackHost(hostname)) return false;
  const addresses = await lookup(hostname.replace(/^\[(.*)\]$/, '$1'), { all: true });
  return addresses.every(({ address }) => !isReservedAddress(address));
}

async function post(subscription: HubSubscriptionRecord, delivery: HubDeliveryRecord): Promise<PostResult> {
  try {
    if (!(await callbackReachesPublicAddresses(subscription.callback))) return { ok: false, refused: true, error: 'CallbackAddressRefused' };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name : 'Error' };
  }
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(subscription.callback, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-kamflow-event-id': delivery.eventId,
        'x-kamflow-event-type': delivery.eventType,
        'x-kamflow-subscription': subscription.subscriptionId,
        'x-kamflow-delivery-attempt': String(delivery.attempts),
        'x-kamflow-timestamp': String(timestamp),
        'x-kamflow-signature': signDelivery(subscription.secret, timestamp, delivery.body),
      },
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(deliveryTimeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { ok: response.status >= 200 && response.status < 300, statusCode: response.status };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name : 'Error' };
  }
}

/**
 * One attempt: claim it (or leave it to whoever did), POST, record the outcome; a failure is scheduled again with
 * backoff, or given up after the last attempt. A sender that dies mid-POST leaves the claim to expire, and the sweep
 * tries again: a listener may then see an event twice and tells by `x-kamflow-event-id`.
 */
async function attemptDelivery(subscription: HubSubscriptionRecord, delivery: HubDeliveryRecord): Promise<void> {
  const claimed = await claimAttempt(delivery, new Date(now().getTime() + attemptLeaseMs).toISOString(), nowIso());
  if (!claimed) return;
  const result = await post(subscription, claimed);
  const at = nowIso();
  const outcome = result.ok
    ? ({ status: 'DELIVERED', retryBucket: 'DONE', nextAttemptAt: at, deliveredAt: at } as const)
    : (() => {
        // A callback that now resolves to a private address is not tried again.
        const delay = result.refused ? undefined : nextAttemptDelayMs(claimed.attempts, Math.random, retryBaseMs);
        return delay === undefined
          ? ({ status: 'GAVE_UP', retryBucket: 'DONE', nextAttemptAt: at } as const)
          : ({ status: 'PENDING', retryBucket: 'PENDING', nextAttemptAt: new Date(now().getTime() + delay).toISOString() } as const);
      })();
  await recordAttempt(claimed, { ...outcome, updatedAt: at, ...(result.statusCode !== undefined ? { lastStatusCode: result.statusCode } : {}), ...(result.error ? { lastError: result.error } : {}) });
  // The callback URL may carry a token in its query: it is never logged, only the subscription id.
  if (!result.ok) logger.warn('hub delivery failed', { subscriptionId: subscription.subscriptionId, eventId: claimed.eventId, attempt: claimed.attempts, statusCode: result.statusCode, error: result.error, next: outcome.status });
}

/** The retry sweep: pending deliveries that are due, each tried once more. Returns how many were due. */
export async function retryDueDeliveries(limit = 100): Promise<number> {
  const due = await dueDeliveries(nowIso(), limit);
  const subscriptions = new Map<string, HubSubscriptionRecord | undefined>();
  for (const delivery of due) {
    if (delivery.status !== 'PENDING') continue;
    if (!subscriptions.has(delivery.subscriptionId)) subscriptions.set(delivery.subscriptionId, await findSubscription(delivery.subscriptionId));
    const subscription = subscriptions.get(delivery.subscriptionId);
    try {
      // Unsubscribed meanwhile: nothing is sent any more.
      if (!subscription) await abandonDelivery(delivery, 'unsubscribed', nowIso());
      else await attemptDelivery(subscription, delivery);
    } catch (error) {
      // A later attempt took this one over (its claim had expired): the outcome is theirs to record.
      logger.info('hub delivery attempt raced', { eventId: delivery.eventId, error: error instanceof Error ? error.name : 'Error' });
    }
  }
  return due.length;
}

export type { OrderNotification };
