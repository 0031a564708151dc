/**
 * The order event hub (TMF630 hub/listener): subscribers register a callback and a query; every entry of an order's
 * audit trail that matches, on an order the subscriber may see, is delivered to them signed, with retries.
 *
 * Delivery is driven by the table's stream: the audit trail is written in the same transaction as each change, so the
 * stream carries every event exactly as recorded, in order per order. The dispatcher (a Lambda on the stream in AWS;
 * locally the same handler fed by local/dynamodb-streams.ts) records one delivery per (event, subscription) — created
 * once, so a redelivered stream batch never sends twice — and tries it at once; a failed attempt is retried by the
 * retry sweep with exponential backoff and full jitter until it succeeds or is given up. In AWS every event also goes
 * onto the KAMflow orders bus on EventBridge when ORDER_EVENTS_BUS_NAME is set.
 */
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventBridgeClient } from '../commons/clients.ts';
import { now, nowIso } from '../commons/clock.ts';
import { optionalEnv } from '../commons/env.ts';
import { NotFoundError, ValidationError } from '../commons/errors.ts';
import { logger } from '../commons/observability.ts';
import { accountScopeOf, scopeCovers } from '../domain/people.ts';
import type { Principal } from '../domain/people.ts';
import { matchesFilter, nextAttemptDelayMs, parseHubQuery, signDelivery, toNotification } from '../domain/order-notifications.ts';
import type { AuditEvent, HubFilter, OrderNotification } from '../domain/order-notifications.ts';
import { allSubscriptions, claimAttempt, createDelivery, deleteSubscription, deliveriesOf, dueDeliveries, findSubscription, listSubscriptionsOf, putSubscription, recordAttempt } from '../data/hub-repository.ts';
import type { HubDeliveryRecord, HubSubscriptionRecord } from '../data/hub-repository.ts';
import type { OrderRecord, Page } from '../data/orders-repository.ts';
import { findOrder } from '../data/orders-repository.ts';
import { tmfProductOrderPath } from '../api/routes.ts';
import type { HubSubscriptionRequest } from '../api/schemas.ts';
import { principalOf } from './authentication.ts';

const ordersBusName = optionalEnv('ORDER_EVENTS_BUS_NAME');
/** First retry interval; later ones double (tests shorten it). */
const retryBaseMs = Number(optionalEnv('HUB_RETRY_BASE_MS') ?? 30_000);
const deliveryTimeoutMs = 5_000;

// ------------------------------------------------------------------ subscriptions
export function hubFilterOf(query: string): HubFilter {
  const parsed = parseHubQuery(query);
  if (!parsed.ok) throw ValidationError.forField('query', parsed.message);
  return parsed.filter;
}

export async function subscribe(principal: Principal, request: HubSubscriptionRequest): Promise<{ subscription: HubSubscriptionRecord; secret: string }> {
  const filter = hubFilterOf(request.query ?? '');
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

/** Whether the subscription's owner may see the order now (roles and reach are read fresh, as for any request). */
async function ownerMaySee(subscription: HubSubscriptionRecord, order: OrderRecord): Promise<boolean> {
  try {
    return scopeCovers(accountScopeOf(await principalOf(subscription.owner)), order);
  } catch {
    return false;
  }
}

/**
 * Fan one audit event out to the matching subscriptions. Safe to run again for the same event (a retried stream batch):
 * each delivery is created once and only its creator sends the first attempt.
 */
export async function dispatchOrderEvent(event: AuditEvent): Promise<void> {
  // Every audit entry passes here: read the order item only, not its whole trail.
  const order = await findOrder(event.orderId);
  if (!order) return;
  const notification = toNotification(event, { orderId: order.orderId, accountId: order.accountId, state: order.state, href: `${tmfProductOrderPath}/${order.orderId}` });
  if (!notification) return;
  if (ordersBusName) {
    await eventBridgeClient.send(
      new PutEventsCommand({ Entries: [{ EventBusName: ordersBusName, Source: 'kamflow.orders', DetailType: notification.eventType, Detail: JSON.stringify(notification), Time: new Date(notification.eventTime) }] }),
    );
  }
  for (const subscription of await allSubscriptions()) {
    if (!matchesFilter(filterOf(subscription), notification) || !(await ownerMaySee(subscription, order))) continue;
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
      // Its first attempt is the dispatcher's, right away; the retry sweep looks at it only if that never finished.
      nextAttemptAt: new Date(now().getTime() + attemptLeaseMs).toISOString(),
      createdAt: at,
      updatedAt: at,
      // Delivery records are kept for 30 days.
      expiresAt: Math.floor(Date.now() / 1000) + 30 * 86_400,
    };
    if (await createDelivery(delivery)) await attemptDelivery(subscription, delivery);
  }
}

// ------------------------------------------------------------------ sending and retrying
async function post(subscription: HubSubscriptionRecord, delivery: HubDeliveryRecord): Promise<{ ok: boolean; statusCode?: number; error?: string }> {
  const timestamp = Math.floor(now().getTime() / 1000);
  try {
    const response = await fetch(subscription.callback, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-kamflow-event-id': delivery.eventId,
        'x-kamflow-subscription': subscription.subscriptionId,
        'x-kamflow-timestamp': String(timestamp),
        'x-kamflow-signature': signDelivery(subscription.secret, timestamp, delivery.body),
      },
      body: delivery.body,
      signal: AbortSignal.timeout(deliveryTimeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { ok: response.ok, statusCode: response.status };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name : 'Error' };
  }
}

/** How long a claimed attempt is its claimer's before another sweep may try (more than the POST's timeout). */
const attemptLeaseMs = 60_000;

/** One attempt: claim it, POST, record the outcome; a failure is scheduled again (or given up after the last attempt). */
async function attemptDelivery(subscription: HubSubscriptionRecord, unclaimed: HubDeliveryRecord): Promise<void> {
  const delivery = await claimAttempt(unclaimed, new Date(now().getTime() + attemptLeaseMs).toISOString(), nowIso());
  // Another sweep (or the dispatcher) holds this attempt: it sends, not us.
  if (!delivery) return;
  const result = await post(subscription, delivery);
  const at = nowIso();
  const attempt = delivery.attempts;
  const outcome = result.ok
    ? ({ status: 'DELIVERED', retryBucket: 'DONE', nextAttemptAt: at, deliveredAt: at } as const)
    : (() => {
        const delay = nextAttemptDelayMs(attempt, Math.random, retryBaseMs);
        return delay === undefined
          ? ({ status: 'GAVE_UP', retryBucket: 'DONE', nextAttemptAt: at } as const)
          : ({ status: 'PENDING', retryBucket: 'PENDING', nextAttemptAt: new Date(now().getTime() + delay).toISOString() } as const);
      })();
  await recordAttempt(delivery, { ...outcome, updatedAt: at, ...(result.statusCode !== undefined ? { lastStatusCode: result.statusCode } : {}), ...(result.error ? { lastError: result.error } : {}) });
  // The callback URL may carry a token in its query: it is never logged, only the subscription id.
  if (!result.ok) logger.warn('hub delivery failed', { subscriptionId: subscription.subscriptionId, eventId: delivery.eventId, attempt, statusCode: result.statusCode, error: result.error, next: outcome.status });
}

/** The retry sweep: pending deliveries that are due, each tried once more. Returns how many were tried. */
export async function retryDueDeliveries(limit = 100): Promise<number> {
  const due = await dueDeliveries(nowIso(), limit);
  const subscriptions = new Map<string, HubSubscriptionRecord | undefined>();
  for (const delivery of due) {
    if (delivery.status !== 'PENDING') continue;
    if (!subscriptions.has(delivery.subscriptionId)) subscriptions.set(delivery.subscriptionId, await findSubscription(delivery.subscriptionId));
    const subscription = subscriptions.get(delivery.subscriptionId);
    try {
      if (!subscription) {
        // Unsubscribed meanwhile: nothing is sent any more.
        await recordAttempt(delivery, { status: 'GAVE_UP', retryBucket: 'DONE', nextAttemptAt: nowIso(), updatedAt: nowIso(), lastError: 'unsubscribed' });
        continue;
      }
      await attemptDelivery(subscription, delivery);
    } catch (error) {
      // Another sweep took this attempt: it is theirs.
      logger.info('hub delivery attempt raced', { eventId: delivery.eventId, error: error instanceof Error ? error.name : 'Error' });
    }
  }
  return due.length;
}

export type { OrderNotification };
