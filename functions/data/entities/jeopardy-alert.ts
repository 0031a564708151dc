import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { entityConfiguration } from '../table.ts';
import { slaTargets } from './sla-watch.ts';

/**
 * A TMF622-style jeopardy alert on an order: one per (target, level), created only if absent, so a level is recorded
 * once however many sweeps see it. Kept with the order (collection orderDetail).
 */
export const JeopardyAlertEntity = new Entity(
  {
    model: { entity: 'jeopardyAlert', version: '1', service: 'kamflow' },
    attributes: {
      orderId: { type: 'string', required: true, readOnly: true },
      target: { type: slaTargets, required: true, readOnly: true },
      level: { type: ['AT_RISK', 'BREACHED'] as const, required: true, readOnly: true },
      alertId: { type: 'string', required: true, readOnly: true },
      alertDate: { type: 'string', required: true },
      jeopardyType: { type: ['hazard', 'critical'] as const, required: true },
      name: { type: 'string', required: true },
      message: { type: 'string', required: true },
      owner: { type: 'string', required: true },
      dueAt: { type: 'string', required: true },
    },
    indexes: {
      byOrder: { collection: 'orderDetail', pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: ['target', 'level'] } },
    },
  },
  entityConfiguration,
);

export type JeopardyAlertRecord = EntityItem<typeof JeopardyAlertEntity>;
