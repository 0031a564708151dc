import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { notificationTypes } from '../../domain/order-notifications.ts';
import { tmfOrderStates } from '../../domain/order-lifecycle.ts';
import { entityConfiguration } from '../table.ts';

/**
 * A TMF hub subscription: where to send order notifications, which ones (the parsed query), whose reach they follow
 * (the owner's), and the secret deliveries are signed with (returned once, never logged).
 */
export const HubSubscriptionEntity = new Entity(
  {
    model: { entity: 'hubSubscription', version: '1', service: 'kamflow' },
    attributes: {
      subscriptionId: { type: 'string', required: true, readOnly: true },
      owner: { type: 'string', required: true, readOnly: true },
      callback: { type: 'string', required: true, readOnly: true },
      query: { type: 'string', required: true, readOnly: true },
      eventTypes: { type: 'set', items: notificationTypes, required: true },
      states: { type: 'set', items: tmfOrderStates },
      accountId: { type: 'string' },
      secret: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['subscriptionId'] }, sk: { field: 'sk', composite: [] } },
      /** Every subscription, for the dispatcher (a short list: one per listening system). */
      all: { index: 'gsi2', pk: { field: 'gsi2pk', composite: [] }, sk: { field: 'gsi2sk', composite: ['createdAt', 'subscriptionId'] } },
      byOwner: { index: 'gsi4', pk: { field: 'gsi4pk', composite: ['owner'] }, sk: { field: 'gsi4sk', composite: ['createdAt', 'subscriptionId'] } },
    },
  },
  entityConfiguration,
);

/** One notification to one subscription: created once (the event id and subscription are its key), retried until delivered or given up. */
export const HubDeliveryEntity = new Entity(
  {
    model: { entity: 'hubDelivery', version: '1', service: 'kamflow' },
    attributes: {
      subscriptionId: { type: 'string', required: true, readOnly: true },
      eventId: { type: 'string', required: true, readOnly: true },
      orderId: { type: 'string', required: true, readOnly: true },
      eventType: { type: notificationTypes, required: true, readOnly: true },
      body: { type: 'string', required: true, readOnly: true },
      status: { type: ['PENDING', 'DELIVERED', 'GAVE_UP'] as const, required: true },
      attempts: { type: 'number', required: true },
      lastStatusCode: { type: 'number' },
      /** When the latest attempt was taken (its POST may still be under way until nextAttemptAt, the lease). */
      lastAttemptAt: { type: 'string' },
      lastError: { type: 'string' },
      /** When a pending delivery is tried next (for a finished one: when it finished). */
      nextAttemptAt: { type: 'string', required: true },
      /** PENDING deliveries are the retry sweep's partition; finished ones move to DONE, out of its way. */
      retryBucket: { type: ['PENDING', 'DONE'] as const, required: true },
      deliveredAt: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      expiresAt: { type: 'number' },
    },
    indexes: {
      byKey: { collection: 'hubDeliveries', pk: { field: 'pk', composite: ['subscriptionId'] }, sk: { field: 'sk', composite: ['eventId'] } },
      /** Pending deliveries by when they are due: the retry sweep reads only what is due. */
      due: { index: 'gsi3', pk: { field: 'gsi3pk', composite: ['retryBucket'] }, sk: { field: 'gsi3sk', composite: ['nextAttemptAt', 'subscriptionId', 'eventId'] } },
    },
  },
  entityConfiguration,
);

export type HubSubscriptionRecord = EntityItem<typeof HubSubscriptionEntity>;

export type HubDeliveryRecord = EntityItem<typeof HubDeliveryEntity>;
