/** Hub subscriptions and their deliveries (see functions/services/order-event-hub.ts). */
import { ConflictError } from '../commons/errors.ts';
import { HubDeliveryEntity, HubSubscriptionEntity } from './entities/hub.ts';
import type { Page } from './page.ts';
import { isConditionFailure } from './table.ts';
import type { HubSubscriptionRecord, HubDeliveryRecord } from './entities/hub.ts';


export async function putSubscription(subscription: HubSubscriptionRecord): Promise<void> {
  await HubSubscriptionEntity.create(subscription).go();
}

export async function findSubscription(subscriptionId: string): Promise<HubSubscriptionRecord | undefined> {
  return (await HubSubscriptionEntity.get({ subscriptionId }).go()).data ?? undefined;
}

export async function deleteSubscription(subscriptionId: string): Promise<void> {
  await HubSubscriptionEntity.delete({ subscriptionId }).go();
}

export async function listSubscriptionsOf(owner: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<HubSubscriptionRecord>> {
  const result = await HubSubscriptionEntity.query.byOwner({ owner }).go({ limit: page.limit, cursor: page.cursor ?? null });
  return { items: result.data, nextCursor: result.cursor ?? undefined };
}

export async function allSubscriptions(): Promise<HubSubscriptionRecord[]> {
  return (await HubSubscriptionEntity.query.all({}).go({ pages: 'all' })).data;
}

/** Records the delivery once; a second dispatch of the same event to the same subscription finds it there (false). */
export async function createDelivery(delivery: HubDeliveryRecord): Promise<boolean> {
  try {
    await HubDeliveryEntity.create(delivery).go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function findDelivery(subscriptionId: string, eventId: string): Promise<HubDeliveryRecord | undefined> {
  return (await HubDeliveryEntity.get({ subscriptionId, eventId }).go()).data ?? undefined;
}

/**
 * Take the next attempt of a pending delivery before sending it. `attempts` is the fencing token: of two senders that
 * read the same delivery (the dispatcher's first try and a retry sweep, or two sweeps) only one wins the claim, and
 * until `leaseUntil` the retry sweep leaves it alone. Undefined when someone else has it or it is no longer pending.
 */
export async function claimAttempt(delivery: HubDeliveryRecord, leaseUntil: string, at: string): Promise<HubDeliveryRecord | undefined> {
  const claimed = { attempts: delivery.attempts + 1, retryBucket: 'PENDING' as const, nextAttemptAt: leaseUntil, lastAttemptAt: at, updatedAt: at };
  try {
    await HubDeliveryEntity.patch({ subscriptionId: delivery.subscriptionId, eventId: delivery.eventId })
      .set(claimed)
      .where((attributes, { eq }) => `${eq(attributes.attempts, delivery.attempts)} AND ${eq(attributes.status, 'PENDING')}`)
      .go();
    return { ...delivery, ...claimed };
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

export type AttemptOutcome = Pick<HubDeliveryRecord, 'status' | 'retryBucket' | 'nextAttemptAt' | 'updatedAt'> & Partial<Pick<HubDeliveryRecord, 'lastStatusCode' | 'lastError' | 'deliveredAt'>>;

/** Record how a claimed attempt ended, conditional on nobody having claimed a later one meanwhile (lease expired). */
export async function recordAttempt(claimed: HubDeliveryRecord, outcome: AttemptOutcome): Promise<void> {
  try {
    await HubDeliveryEntity.patch({ subscriptionId: claimed.subscriptionId, eventId: claimed.eventId })
      .set(outcome)
      .where((attributes, { eq }) => `${eq(attributes.attempts, claimed.attempts)} AND ${eq(attributes.status, 'PENDING')}`)
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`delivery ${claimed.eventId} to ${claimed.subscriptionId} was taken over by a later attempt`);
    throw error;
  }
}

/** Stop a pending delivery without sending (its subscription is gone), unless a sender holds it. */
export async function abandonDelivery(delivery: HubDeliveryRecord, reason: string, at: string): Promise<boolean> {
  try {
    await HubDeliveryEntity.patch({ subscriptionId: delivery.subscriptionId, eventId: delivery.eventId })
      .set({ status: 'GAVE_UP', retryBucket: 'DONE', nextAttemptAt: at, updatedAt: at, lastError: reason })
      .where((attributes, { eq }) => `${eq(attributes.attempts, delivery.attempts)} AND ${eq(attributes.status, 'PENDING')}`)
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Pending deliveries due by `now`, oldest first. */
export async function dueDeliveries(now: string, limit: number): Promise<HubDeliveryRecord[]> {
  return (await HubDeliveryEntity.query.due({ retryBucket: 'PENDING' }).lte({ nextAttemptAt: now }).go({ limit })).data;
}

export async function deliveriesOf(subscriptionId: string, limit: number): Promise<HubDeliveryRecord[]> {
  return (await HubDeliveryEntity.query.byKey({ subscriptionId }).go({ limit, order: 'desc' })).data;
}
