import { Entity } from 'electrodb';
import { bandwidths, productIds } from '../../domain/catalogue.ts';
import { tierOutcomes } from '../../domain/accounts.ts';
import { orderStages } from '../../domain/order-stages.ts';
import { orderStates } from '../../domain/order-lifecycle.ts';
import { entityConfiguration } from '../table.ts';

export const orderPhases = ['OPEN', 'ENDED'] as const;

export const OrderEntity = new Entity(
  {
    model: { entity: 'order', version: '1', service: 'kamflow' },
    attributes: {
      orderId: { type: 'string', required: true, readOnly: true },
      accountId: { type: 'string', required: true, readOnly: true },
      accountName: { type: 'string', required: true },
      /** Copied from the account when the order is submitted: orders follow their account for row-level access. */
      accountManager: { type: 'string', required: true },
      supervisorId: { type: 'string', required: true },
      unitId: { type: 'string', required: true },
      /** The account's tier and province when the order was placed: the dimensions of its SLA metrics and reports. */
      tier: { type: tierOutcomes },
      province: { type: 'string' },
      externalId: { type: 'string' },
      description: { type: 'string' },
      priority: { type: 'string' },
      productId: { type: productIds, required: true },
      bandwidth: { type: bandwidths, required: true },
      places: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            role: { type: ['A-end', 'Z-end'] as const, required: true },
            city: { type: 'string', required: true },
            address: { type: 'string', required: true },
            exchange: { type: 'string' },
          },
        },
      },
      requestedCompletionDate: { type: 'string', required: true },
      /** The approved contract the order was placed under, and its SLA class; absent: the product's standard SLA. */
      contractId: { type: 'string' },
      slaClass: { type: ['A', 'B', 'C', 'D'] as const },
      /** The SLA plan made at acknowledgement: policy kept with its version, due times on the business calendar. */
      slaPolicyId: { type: 'string' },
      slaPolicyVersion: { type: 'number' },
      slaNote: { type: 'string' },
      dueAt: { type: 'string' },
      stageDueTimesJson: { type: 'string' },
      /** Lease term: under 30 days is a temporary lease, 30 or more long-term. */
      leaseTermDays: { type: 'number', required: true, default: 365 },
      orderDate: { type: 'string', required: true, readOnly: true },
      state: { type: orderStates, required: true },
      currentStage: { type: orderStages, required: true },
      /** OPEN while a workflow should be running for the order; drives the resume-after-restart index. */
      phase: { type: orderPhases, required: true },
      circuitId: { type: 'string' },
      completionDate: { type: 'string' },
      rejectionReason: { type: 'string' },
      failure: { type: 'map', properties: { error: { type: 'string', required: true }, cause: { type: 'string', required: true }, at: { type: 'string', required: true } } },
      executionArn: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true, default: 1 },
    },
    indexes: {
      byId: { collection: 'orderDetail', pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: [] } },
      byAccount: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['accountId'] }, sk: { field: 'gsi1sk', composite: ['orderDate', 'orderId'] } },
      allOrders: { index: 'gsi2', pk: { field: 'gsi2pk', composite: [] }, sk: { field: 'gsi2sk', composite: ['orderDate', 'orderId'] } },
      byOwner: { index: 'gsi4', pk: { field: 'gsi4pk', composite: ['accountManager'] }, sk: { field: 'gsi4sk', composite: ['orderDate', 'orderId'] } },
      byTeam: { index: 'gsi5', pk: { field: 'gsi5pk', composite: ['supervisorId'] }, sk: { field: 'gsi5sk', composite: ['orderDate', 'orderId'] } },
      byUnit: { index: 'gsi6', pk: { field: 'gsi6pk', composite: ['unitId'] }, sk: { field: 'gsi6sk', composite: ['orderDate', 'orderId'] } },
      byPhase: { index: 'gsi3', pk: { field: 'gsi3pk', composite: ['phase'] }, sk: { field: 'gsi3sk', composite: ['orderDate', 'orderId'] } },
    },
  },
  entityConfiguration,
);
