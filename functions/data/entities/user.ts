import { Entity } from 'electrodb';
import { workPositions } from '../../domain/order-stages.ts';
import { entityConfiguration } from '../table.ts';

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
      status: { type: ['ACTIVE', 'DISABLED'] as const, required: true, default: 'ACTIVE' },
      createdAt: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: [] } },
      allUsers: { index: 'gsi2', pk: { field: 'gsi2pk', composite: [] }, sk: { field: 'gsi2sk', composite: ['userId'] } },
      byManager: { index: 'gsi5', pk: { field: 'gsi5pk', composite: ['managerId'] }, sk: { field: 'gsi5sk', composite: ['userId'] } },
    },
  },
  entityConfiguration,
);
