import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { accountStatuses, industrySegments, tierOutcomes } from '../../domain/accounts.ts';
import { entityConfiguration } from '../table.ts';

export const AccountEntity = new Entity(
  {
    model: { entity: 'account', version: '1', service: 'kamflow' },
    attributes: {
      accountId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      industry: { type: industrySegments, required: true },
      tier: { type: tierOutcomes, required: true },
      /** A supervisor's manual override; rule evaluations leave such an account alone. */
      tierOverridden: { type: 'boolean', required: true, default: false },
      status: { type: accountStatuses, required: true, default: 'ACTIVE' },
      creditCode: { type: 'string' },
      monthlyBilledRevenue: { type: 'number', required: true, default: 0 },
      strategic: { type: 'boolean', required: true, default: false },
      /** Group headquarters → provincial → city branches; `none` for a root. */
      parentAccountId: { type: 'string', required: true, default: 'none' },
      tierRuleVersion: { type: 'number' },
      province: { type: 'string' },
      city: { type: 'string' },
      /** The one owning key account manager (大客户经理), and where that person sits, for row-level access. */
      accountManager: { type: 'string', required: true },
      supervisorId: { type: 'string', required: true },
      unitId: { type: 'string', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true, default: 1 },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['accountId'] }, sk: { field: 'sk', composite: [] } },
      /** All accounts, newest first (the console's account list). */
      /** Branches of an account; `none` lists the roots of the hierarchy. */
      byParent: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['parentAccountId'] }, sk: { field: 'gsi1sk', composite: ['name', 'accountId'] } },
      allAccounts: { index: 'gsi2', pk: { field: 'gsi2pk', composite: [] }, sk: { field: 'gsi2sk', composite: ['createdAt', 'accountId'] } },
      byOwner: { index: 'gsi4', pk: { field: 'gsi4pk', composite: ['accountManager'] }, sk: { field: 'gsi4sk', composite: ['createdAt', 'accountId'] } },
      byTeam: { index: 'gsi5', pk: { field: 'gsi5pk', composite: ['supervisorId'] }, sk: { field: 'gsi5sk', composite: ['createdAt', 'accountId'] } },
      byUnit: { index: 'gsi6', pk: { field: 'gsi6pk', composite: ['unitId'] }, sk: { field: 'gsi6sk', composite: ['createdAt', 'accountId'] } },
    },
  },
  entityConfiguration,
);

export type AccountRecord = EntityItem<typeof AccountEntity>;
