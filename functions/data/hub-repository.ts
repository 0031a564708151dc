/** Hub subscriptions and their deliveries (see functions/services/order-event-hub.ts). */
import type { EntityItem } from 'electrodb';
import { ConflictError } from '../commons/errors.ts';
import { HubDeliveryEntity, HubSubscriptionEntity } from './entities/hub.ts';
import type { Page } from './orders-repository.ts';
import { isConditionFailure } from './table.ts';

export type HubSubscriptionRecord = EntityItem<typeof HubSubscriptionEntity>;
export type HubDeliveryRecord = EntityItem<typeof HubDeliveryEntity>;

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

/** Record the outcome of the attempt claimed (conditional on it: a late outcome of an expired claim is dropped). */
export async function recordAttempt(delivery: HubDeliveryRecord, outcome: Pick<HubDeliveryRecord, 'status' | 'retryBucket' | 'nextAttemptAt' | 'updatedAt'> & Partial<Pick<HubDeliveryRecord, 'lastStatusCode' | 'lastError' | 'deliveredAt'>>): Promise<void> {
  try {
    await HubDeliveryEntity.patch({ subscriptionId: delivery.subscriptionId, eventId: delivery.eventId })
      .set({ ...outcome })
      .where((attributes, { eq }) => eq(attributes.attempts, delivery.attempts))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`delivery ${delivery.eventId} to ${delivery.subscriptionId} was attempted concurrently`);
    throw error;
  }
}

/**
 * Claim the next attempt before sending: one conditional write on the attempt count that also moves the delivery's
 * next attempt a lease ahead, so no other sweep (or the dispatcher) sends it meanwhile. False when someone else has it.
 */
export async function claimAttempt(delivery: HubDeliveryRecord, leaseUntil: string, at: string): Promise<HubDeliveryRecord | undefined> {
  try {
    await HubDeliveryEntity.patch({ subscriptionId: delivery.subscriptionId, eventId: delivery.eventId })
      .set({ attempts: delivery.attempts + 1, nextAttemptAt: leaseUntil, retryBucket: 'PENDING', updatedAt: at })
      .where((attributes, { eq }) => `${eq(attributes.attempts, delivery.attempts)} AND ${eq(attributes.status, 'PENDING')}`)
      .go();
    return { ...delivery, attempts: delivery.attempts + 1, nextAttemptAt: leaseUntil, updatedAt: at };
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
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
