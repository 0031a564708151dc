/** The TMF622 ProductOrder representation of a KAMflow order, with the finer KAMflow state and stages beside it. */
import type { z } from 'zod';
import { circuitProducts } from '../domain/catalogue.ts';
import { toTmfState } from '../domain/order-lifecycle.ts';
import type { OrderDetail, OrderRecord, OrderStageRecord } from '../data/orders-repository.ts';
import type { productOrderSchema } from './schemas.ts';
import { tmfProductOrderPath } from './routes.ts';

type ProductOrderView = z.input<typeof productOrderSchema>;

const milestoneStatus: Record<OrderStageRecord['status'], string> = {
  PENDING: 'pending',
  IN_PROGRESS: 'inProgress',
  WAITING: 'inProgress',
  DONE: 'completed',
  FAILED: 'failed',
};

export function toProductOrder(detail: Pick<OrderDetail, 'order'> & Partial<OrderDetail>): ProductOrderView {
  const { order } = detail;
  const stages = detail.stages ?? [];
  const product = circuitProducts[order.productId];
  return {
    id: order.orderId,
    href: `${tmfProductOrderPath}/${order.orderId}`,
    '@type': 'ProductOrder',
    ...(order.externalId ? { externalId: order.externalId } : {}),
    ...(order.description ? { description: order.description } : {}),
    ...(order.priority ? { priority: order.priority } : {}),
    category: 'circuit',
    state: toTmfState(order.state),
    kamflowState: order.state,
    currentStage: order.currentStage,
    orderDate: order.orderDate,
    requestedCompletionDate: order.requestedCompletionDate,
    ...(order.completionDate ? { completionDate: order.completionDate } : {}),
    relatedParty: [{ id: order.accountId, name: order.accountName, role: 'customer', '@referredType': 'Organization' }],
    productOrderItem: [
      {
        id: '1',
        action: 'add',
        quantity: 1,
        state: toTmfState(order.state),
        product: {
          productSpecification: { id: order.productId, name: product.name },
          productCharacteristic: [
            { name: 'bandwidth', value: order.bandwidth },
            { name: 'leaseTermDays', value: String(order.leaseTermDays) },
          ],
          place: order.places.map((place) => ({ role: place.role, city: place.city, address: place.address, ...(place.exchange ? { exchange: place.exchange } : {}) })),
        },
      },
    ],
    milestone: stages.map((stage) => ({
      id: stage.stage,
      name: stage.stage,
      status: milestoneStatus[stage.status],
      ...(stage.finishedAt ?? stage.startedAt ? { milestoneDate: stage.finishedAt ?? stage.startedAt } : {}),
      ...(stage.note ? { message: stage.note } : {}),
    })),
    jeopardyAlert: (detail.alerts ?? []).map((alert) => ({
      id: alert.alertId,
      alertDate: alert.alertDate,
      name: alert.name,
      message: alert.message,
      jeopardyType: alert.jeopardyType,
      level: alert.level,
      stage: alert.target,
      owner: alert.owner,
      dueAt: alert.dueAt,
    })),
    stages: stages.map(toStageView),
    events: (detail.events ?? []).map(({ orderId: _orderId, eventId, ...event }) => ({ id: eventId, ...event })),
    ...(detail.billing
      ? {
          billing: {
            billingAccountId: detail.billing.billingAccountId,
            oneOffCharge: detail.billing.oneOffCharge,
            monthlyCharge: detail.billing.monthlyCharge,
            currency: 'CNY' as const,
            chargesFrom: detail.billing.chargesFrom,
            leaseType: detail.billing.leaseType,
            startedAt: detail.billing.startedAt,
          },
        }
      : {}),
    ...(order.contractId ? { agreement: [{ id: order.contractId }], slaClass: order.slaClass } : {}),
    ...(order.dueAt ? { dueAt: order.dueAt } : {}),
    ...(order.slaPolicyId ? { slaPolicy: { id: order.slaPolicyId, version: order.slaPolicyVersion ?? 1, note: order.slaNote ?? '' } } : {}),
    ...(order.circuitId ? { circuitId: order.circuitId } : {}),
    ...(order.failure ? { failure: order.failure } : {}),
    ...(order.rejectionReason ? { rejectionReason: order.rejectionReason } : {}),
  };
}

/** Never includes the task token. */
function toStageView(stage: OrderStageRecord) {
  return {
    stage: stage.stage,
    sequence: stage.sequence,
    workPosition: stage.workPosition,
    owner: stage.owner,
    status: stage.status,
    ...(stage.startedAt ? { startedAt: stage.startedAt } : {}),
    ...(stage.finishedAt ? { finishedAt: stage.finishedAt } : {}),
    attempts: stage.attempts,
    ...(stage.note ? { note: stage.note } : {}),
    ...(stage.dueAt ? { dueAt: stage.dueAt } : {}),
    ...(stage.onTime !== undefined ? { onTime: stage.onTime } : {}),
    ...(stage.workingHours !== undefined ? { workingHours: stage.workingHours } : {}),
    ...(stage.progress?.length ? { progress: stage.progress } : {}),
  };
}

export function toProductOrderSummary(order: OrderRecord): ProductOrderView {
  return toProductOrder({ order });
}
