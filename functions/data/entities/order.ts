import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { bandwidths, productIds } from '../../domain/catalogue.ts';
import { tierOutcomes } from '../../domain/accounts.ts';
import { orderStages } from '../../domain/order-stages.ts';
import { orderStates } from '../../domain/order-lifecycle.ts';
import { entityConfiguration } from '../table.ts';

/** ROLL_UP: a parent order (跨网一点受理): no workflow of its own, its state rolls up from its child orders. */
export const orderPhases = ['OPEN', 'FALLOUT', 'ENDED', 'ROLL_UP'] as const;

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
      /** The catalogue version of the product when the order was placed: its prices and stage template apply. */
      productVersion: { type: 'number' },
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
      /** The business calendar the plan was made on (CN or a province, from the A-end's city); absent: CN. */
      calendarId: { type: 'string' },
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
      /** A customer-caused hold in force: why, who approved it, when, and the state it interrupted (RESUME goes back). */
      hold: {
        type: 'map',
        properties: {
          reason: { type: 'string', required: true },
          approvedBy: { type: 'string', required: true },
          startedAt: { type: 'string', required: true },
          heldFrom: { type: orderStates, required: true },
          expectedResumeDate: { type: 'string' },
        },
      },
      /** Every hold that has ended: the SLA clock was stopped for these periods. */
      holdHistory: {
        type: 'list',
        items: {
          type: 'map',
          properties: {
            reason: { type: 'string', required: true },
            approvedBy: { type: 'string', required: true },
            startedAt: { type: 'string', required: true },
            endedAt: { type: 'string', required: true },
            resumedBy: { type: 'string', required: true },
            heldWorkingHours: { type: 'number' },
          },
        },
      },
      /** The workflow's AwaitResume task token while the order is held (never returned or logged). */
      resumeTaskToken: { type: 'string' },
      /** TMF622 CancelProductOrder: the request, and once done what was released and charged. */
      cancellation: {
        type: 'map',
        properties: {
          cancellationId: { type: 'string', required: true },
          reason: { type: 'string', required: true },
          requestedBy: { type: 'string', required: true },
          requestedAt: { type: 'string', required: true },
          cancelledFrom: { type: orderStates, required: true },
          state: { type: ['acknowledged', 'inProgress', 'done', 'terminatedWithError'] as const, required: true },
          effectiveAt: { type: 'string' },
          releasedResources: { type: 'list', items: { type: 'string' } },
          buildCostCharged: { type: 'number' },
        },
      },
      /** 跨网一点受理: a child order names its parent and its item there; a parent lists its children. */
      parentOrderId: { type: 'string' },
      orderItemId: { type: 'string' },
      childOrderIds: { type: 'list', items: { type: 'string' } },
      /** When a person last interrupted the running workflow (hold, amendment, cancellation): a step that lost a race to it yields. */
      interruptedAt: { type: 'string' },
      /** Amendments accepted so far (the audit trail has the detail). */
      amendmentCount: { type: 'number' },
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

export type OrderRecord = EntityItem<typeof OrderEntity>;
