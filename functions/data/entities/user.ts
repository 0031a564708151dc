import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { workPositions } from '../../domain/order-stages.ts';
import { entityConfiguration } from '../table.ts';

export const userStatuses = ['PENDING', 'ACTIVE', 'DISABLED'] as const;
export type UserStatus = (typeof userStatuses)[number];

/** People of the operator. Identity (passwords, MFA) lives in the identity provider; roles and reporting line here. */
export const UserEntity = new Entity(
  {
    model: { entity: 'user', version: '1', service: 'kamflow' },
    attributes: {
      userId: { type: 'string', required: true, readOnly: true },
      displayName: { type: 'string', required: true },
      email: { type: 'string' },
      /** Role names (validated against userRoles when written and read, see users-repository). */
      roles: { type: 'list', required: true, items: { type: 'string' } },
      /** Reporting line; `none` at the top. */
      managerId: { type: 'string', required: true, default: 'none' },
      unitId: { type: 'string', required: true, default: 'none' },
      workPosition: { type: workPositions },
      /** PENDING while an administrator's creation has claimed the name but the identity is not finished yet. */
      status: { type: userStatuses, required: true, default: 'ACTIVE' },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string' },
      /** Optimistic locking for administrators' changes. */
      version: { type: 'number', required: true, default: 1 },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: [] } },
      allUsers: { index: 'gsi2', pk: { field: 'gsi2pk', composite: [] }, sk: { field: 'gsi2sk', composite: ['userId'] } },
      byManager: { index: 'gsi5', pk: { field: 'gsi5pk', composite: ['managerId'] }, sk: { field: 'gsi5sk', composite: ['userId'] } },
    },
  },
  entityConfiguration,
);

export type UserRecord = EntityItem<typeof UserEntity>;
