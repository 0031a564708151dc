import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { escalationLevels, escalationStatuses } from '../../domain/escalation.ts';
import { entityConfiguration } from '../table.ts';
import { slaTargets } from './sla-watch.ts';

/**
 * The escalation of a breached stage or order: the chain notified so far (steps: level, who was asked to act, who was
 * kept informed, when, through which channel) and who took ownership. One per (order, target); its id names both.
 * Follows the order's account for row-level access (owner / team / unit / all indexes).
 */
export const EscalationEntity = new Entity(
  {
    model: { entity: 'escalation', version: '1', service: 'kamflow' },
    attributes: {
      escalationId: { type: 'string', required: true, readOnly: true },
      orderId: { type: 'string', required: true, readOnly: true },
      target: { type: slaTargets, required: true, readOnly: true },
      accountId: { type: 'string', required: true },
      accountName: { type: 'string', required: true },
      accountTier: { type: 'string' },
      accountManager: { type: 'string', required: true },
      supervisorId: { type: 'string', required: true },
      unitId: { type: 'string', required: true },
      owner: { type: 'string', required: true },
      dueAt: { type: 'string', required: true },
      breachedAt: { type: 'string', required: true },
      level: { type: escalationLevels, required: true },
      status: { type: escalationStatuses, required: true },
      steps: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            level: { type: escalationLevels, required: true },
            at: { type: 'string', required: true },
            notified: { type: 'list', required: true, items: { type: 'string' } },
            informed: { type: 'list', required: true, items: { type: 'string' } },
            channel: { type: 'string', required: true },
          },
        },
      },
      acknowledgedBy: { type: 'string' },
      acknowledgedAt: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true, default: 1 },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['escalationId'] }, sk: { field: 'sk', composite: [] } },
      allEscalations: { index: 'gsi2', pk: { field: 'gsi2pk', composite: [] }, sk: { field: 'gsi2sk', composite: ['createdAt', 'escalationId'] } },
      byOwner: { index: 'gsi4', pk: { field: 'gsi4pk', composite: ['accountManager'] }, sk: { field: 'gsi4sk', composite: ['createdAt', 'escalationId'] } },
      byTeam: { index: 'gsi5', pk: { field: 'gsi5pk', composite: ['supervisorId'] }, sk: { field: 'gsi5sk', composite: ['createdAt', 'escalationId'] } },
      byUnit: { index: 'gsi6', pk: { field: 'gsi6pk', composite: ['unitId'] }, sk: { field: 'gsi6sk', composite: ['createdAt', 'escalationId'] } },
    },
  },
  entityConfiguration,
);

export type EscalationRecord = EntityItem<typeof EscalationEntity>;
