import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { orderStages } from '../../domain/order-stages.ts';
import { watchSteps } from '../../domain/sla-jeopardy.ts';
import { entityConfiguration } from '../table.ts';

export const slaTargets = [...orderStages, 'ORDER'] as const;
export const slaStates = ['ON_TRACK', 'AT_RISK', 'BREACHED'] as const;

/**
 * The SLA watch of one open stage (or of the open order, target ORDER): the next instant the SLA sweep must act on it
 * and what it must do, plus what the sweep and the at-risk list need without reading the order. Written and removed in
 * the same transaction as the stage (functions/data/sla-repository.ts); advanced by the sweep with a condition on the
 * step and instant it read, so two sweeps never act twice.
 *
 * Indexes: `byDueBucket` (gsi3, partition = UTC hour of `fireAt`, sort = fireAt#orderId#target) is what the sweep
 * queries from its watermark to now; a watch with nothing left to do (step NONE) is not in it. The scope indexes (gsi2/4/5/6, sort = state#dueAt) are sparse: only watches AT_RISK
 * or BREACHED are in them, which is exactly the at-risk list of a person, team, unit or everyone.
 */
export const SlaWatchEntity = new Entity(
  {
    model: { entity: 'slaWatch', version: '1', service: 'kamflow' },
    attributes: {
      orderId: { type: 'string', required: true, readOnly: true },
      target: { type: slaTargets, required: true, readOnly: true },
      step: { type: watchSteps, required: true },
      fireAt: { type: 'string', required: true },
      bucket: { type: 'string', required: true },
      state: { type: slaStates, required: true },
      startedAt: { type: 'string', required: true },
      atRiskAt: { type: 'string', required: true },
      dueAt: { type: 'string', required: true },
      jeopardyThreshold: { type: 'number', required: true },
      owner: { type: 'string', required: true },
      accountId: { type: 'string', required: true },
      accountName: { type: 'string', required: true },
      accountManager: { type: 'string', required: true },
      supervisorId: { type: 'string', required: true },
      unitId: { type: 'string', required: true },
      /** The business calendar of the order (escalation intervals are working hours on it); absent: CN. */
      calendarId: { type: 'string' },
      updatedAt: { type: 'string', required: true },
    },
    indexes: {
      byTarget: { pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: ['target'] } },
      byDueBucket: { index: 'gsi3', condition: (attributes) => attributes.step !== 'NONE', pk: { field: 'gsi3pk', composite: ['bucket'] }, sk: { field: 'gsi3sk', composite: ['fireAt', 'orderId', 'target'] } },
      inJeopardy: {
        index: 'gsi2',
        condition: (attributes) => attributes.state !== 'ON_TRACK',
        pk: { field: 'gsi2pk', composite: [] },
        sk: { field: 'gsi2sk', composite: ['state', 'dueAt', 'orderId', 'target'] },
      },
      inJeopardyByOwner: {
        index: 'gsi4',
        condition: (attributes) => attributes.state !== 'ON_TRACK',
        pk: { field: 'gsi4pk', composite: ['accountManager'] },
        sk: { field: 'gsi4sk', composite: ['state', 'dueAt', 'orderId', 'target'] },
      },
      inJeopardyByTeam: {
        index: 'gsi5',
        condition: (attributes) => attributes.state !== 'ON_TRACK',
        pk: { field: 'gsi5pk', composite: ['supervisorId'] },
        sk: { field: 'gsi5sk', composite: ['state', 'dueAt', 'orderId', 'target'] },
      },
      inJeopardyByUnit: {
        index: 'gsi6',
        condition: (attributes) => attributes.state !== 'ON_TRACK',
        pk: { field: 'gsi6pk', composite: ['unitId'] },
        sk: { field: 'gsi6sk', composite: ['state', 'dueAt', 'orderId', 'target'] },
      },
    },
  },
  entityConfiguration,
);

/** The sweep's progress: instants up to `watermark` have been swept. One item. */
export const SlaSweepStateEntity = new Entity(
  {
    model: { entity: 'slaSweepState', version: '1', service: 'kamflow' },
    attributes: {
      sweepId: { type: 'string', required: true, readOnly: true },
      watermark: { type: 'string', required: true },
      updatedAt: { type: 'string', required: true },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['sweepId'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  entityConfiguration,
);

export type SlaWatchRecord = EntityItem<typeof SlaWatchEntity>;
