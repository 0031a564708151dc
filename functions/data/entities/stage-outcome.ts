import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { tierOutcomes } from '../../domain/accounts.ts';
import { productIds } from '../../domain/catalogue.ts';
import { orderStages, workPositions } from '../../domain/order-stages.ts';
import { entityConfiguration } from '../table.ts';

/**
 * One record per finished stage attempt: the fact SLA reports are made of (on time or late, working hours, the work
 * position that did it), with the report dimensions (tier, product, province) and the order's ownership copied in, so
 * a manager's report is one Query on the index of their reach, by finish time. Written in the same transaction that
 * finishes the stage, never changed afterwards.
 *
 * The scope indexes are the orders' (all / owner / team / unit on gsi2 / gsi4 / gsi5 / gsi6): the same partitions
 * answer "orders of X" and "stages finished under X", told apart by the sort key's entity prefix.
 */
export const StageOutcomeEntity = new Entity(
  {
    model: { entity: 'stageOutcome', version: '1', service: 'kamflow' },
    attributes: {
      orderId: { type: 'string', required: true, readOnly: true },
      stage: { type: orderStages, required: true, readOnly: true },
      attempt: { type: 'number', required: true, readOnly: true },
      status: { type: ['DONE', 'FAILED'] as const, required: true, readOnly: true },
      outcome: { type: 'string', readOnly: true },
      workPosition: { type: workPositions, required: true, readOnly: true },
      owner: { type: 'string', required: true, readOnly: true },
      startedAt: { type: 'string', required: true, readOnly: true },
      finishedAt: { type: 'string', required: true, readOnly: true },
      dueAt: { type: 'string', readOnly: true },
      /** Absent when the stage had no due time (no budget, or a holiday year not yet published). */
      onTime: { type: 'boolean', readOnly: true },
      workingHours: { type: 'number', readOnly: true },
      accountId: { type: 'string', required: true, readOnly: true },
      tier: { type: tierOutcomes, readOnly: true },
      productId: { type: productIds, required: true, readOnly: true },
      province: { type: 'string', readOnly: true },
      accountManager: { type: 'string', required: true, readOnly: true },
      supervisorId: { type: 'string', required: true, readOnly: true },
      unitId: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byAttempt: { pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: ['stage', 'attempt'] } },
      allFinished: { index: 'gsi2', pk: { field: 'gsi2pk', composite: [] }, sk: { field: 'gsi2sk', composite: ['finishedAt', 'orderId', 'stage', 'attempt'] } },
      finishedByOwner: { index: 'gsi4', pk: { field: 'gsi4pk', composite: ['accountManager'] }, sk: { field: 'gsi4sk', composite: ['finishedAt', 'orderId', 'stage', 'attempt'] } },
      finishedByTeam: { index: 'gsi5', pk: { field: 'gsi5pk', composite: ['supervisorId'] }, sk: { field: 'gsi5sk', composite: ['finishedAt', 'orderId', 'stage', 'attempt'] } },
      finishedByUnit: { index: 'gsi6', pk: { field: 'gsi6pk', composite: ['unitId'] }, sk: { field: 'gsi6sk', composite: ['finishedAt', 'orderId', 'stage', 'attempt'] } },
    },
  },
  entityConfiguration,
);

export type StageOutcomeRecord = EntityItem<typeof StageOutcomeEntity>;
