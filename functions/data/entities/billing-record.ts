import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { bandwidths, productIds } from '../../domain/catalogue.ts';
import { entityConfiguration } from '../table.ts';

/** 起租: one billing record per order, created once (attribute_not_exists) when the customer has accepted. */
export const BillingRecordEntity = new Entity(
  {
    model: { entity: 'billingRecord', version: '1', service: 'kamflow' },
    attributes: {
      orderId: { type: 'string', required: true, readOnly: true },
      accountId: { type: 'string', required: true, readOnly: true },
      billingAccountId: { type: 'string', required: true },
      productId: { type: productIds, required: true },
      bandwidth: { type: bandwidths, required: true },
      circuitId: { type: 'string' },
      oneOffCharge: { type: 'number', required: true },
      monthlyCharge: { type: 'number', required: true },
      currency: { type: ['CNY'] as const, required: true, default: 'CNY' },
      chargesFrom: { type: 'string', required: true },
      /** Absent for a cancellation charge, which has no lease. */
      leaseType: { type: ['LONG_TERM', 'TEMPORARY'] as const },
      /** SERVICE: the circuit's charges from acceptance; CANCELLATION: build costs incurred by a cancelled order. */
      chargeType: { type: ['SERVICE', 'CANCELLATION'] as const },
      startedAt: { type: 'string', required: true },
    },
    indexes: {
      byOrder: { collection: 'orderDetail', pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: [] } },
      byAccount: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['accountId'] }, sk: { field: 'gsi1sk', composite: ['chargesFrom', 'orderId'] } },
    },
  },
  entityConfiguration,
);

export type BillingRecord = EntityItem<typeof BillingRecordEntity>;
