import { Entity } from 'electrodb';
import { accountStatuses, accountTiers, industrySegments } from '../../domain/accounts.ts';
import { entityConfiguration } from '../table.ts';

export const AccountEntity = new Entity(
  {
    model: { entity: 'account', version: '1', service: 'kamflow' },
    attributes: {
      accountId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      industry: { type: industrySegments, required: true },
      tier: { type: accountTiers, required: true },
      status: { type: accountStatuses, required: true, default: 'ACTIVE' },
      province: { type: 'string' },
      city: { type: 'string' },
      accountManager: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true, default: 1 },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['accountId'] }, sk: { field: 'sk', composite: [] } },
      /** All accounts, newest first (the console's account list). */
      allAccounts: { index: 'gsi2', pk: { field: 'gsi2pk', composite: [] }, sk: { field: 'gsi2sk', composite: ['createdAt', 'accountId'] } },
    },
  },
  entityConfiguration,
);
