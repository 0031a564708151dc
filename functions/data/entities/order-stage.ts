import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { orderStages, stageStatuses, workPositions } from '../../domain/order-stages.ts';
import { entityConfiguration } from '../table.ts';

/** One record per stage an order has entered: owner, start, finish, attempts, outcome, and the waiting task token. */
export const OrderStageEntity = new Entity(
  {
    model: { entity: 'orderStage', version: '1', service: 'kamflow' },
    attributes: {
      orderId: { type: 'string', required: true, readOnly: true },
      stage: { type: orderStages, required: true, readOnly: true },
      sequence: { type: 'number', required: true },
      workPosition: { type: workPositions, required: true },
      owner: { type: 'string', required: true },
      status: { type: stageStatuses, required: true },
      startedAt: { type: 'string' },
      finishedAt: { type: 'string' },
      attempts: { type: 'number', required: true, default: 0 },
      note: { type: 'string' },
      progress: { type: 'list', items: { type: 'map', properties: { at: { type: 'string', required: true }, message: { type: 'string', required: true }, percent: { type: 'number' } } } },
      /** Step Functions task token of the waiting task. Never returned by the API, never logged. */
      taskToken: { type: 'string' },
      /** Id of the outgoing request (activation request), stable across resends so the receiver can de-duplicate. */
      requestId: { type: 'string' },
      /** Callback event ids already applied, so a repeated callback is answered, not applied twice. */
      appliedEventIds: { type: 'list', items: { type: 'string' } },
      outcome: { type: 'string' },
      dueAt: { type: 'string' },
      onTime: { type: 'boolean' },
      workingHours: { type: 'number' },
      /** Stage-specific result as JSON (test report, reservations, build plan, acceptance decision). */
      resultJson: { type: 'string' },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true, default: 1 },
    },
    indexes: {
      byOrder: { collection: 'orderDetail', pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: ['stage'] } },
    },
  },
  entityConfiguration,
);

export type OrderStageRecord = EntityItem<typeof OrderStageEntity>;
