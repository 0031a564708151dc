import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { orderStates } from '../../domain/order-lifecycle.ts';
import { orderStages } from '../../domain/order-stages.ts';
import { entityConfiguration } from '../table.ts';

/**
 * The order's audit trail: every state change and stage milestone, who, when, from, to and why. Written in the same
 * transaction as the change itself, so it cannot miss one, and kept with the order (it outlives workflow history).
 */
export const OrderEventEntity = new Entity(
  {
    model: { entity: 'orderEvent', version: '1', service: 'kamflow' },
    attributes: {
      orderId: { type: 'string', required: true, readOnly: true },
      /** ULID: time-ordered, unique. */
      eventId: { type: 'string', required: true, readOnly: true },
      at: { type: 'string', required: true },
      type: { type: ['STATE_CHANGE', 'STAGE_UPDATE', 'ORDER_SUBMITTED', 'JEOPARDY_ALERT', 'ESCALATION'] as const, required: true },
      actor: { type: 'string', required: true },
      fromState: { type: orderStates },
      toState: { type: orderStates },
      stage: { type: orderStages },
      stageStatus: { type: 'string' },
      reason: { type: 'string' },
    },
    indexes: {
      byOrder: { collection: 'orderDetail', pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: ['eventId'] } },
    },
  },
  entityConfiguration,
);

export type OrderEventRecord = EntityItem<typeof OrderEventEntity>;
