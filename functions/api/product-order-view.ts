/** The TMF622 ProductOrder representation of a KAMflow order, with the finer KAMflow state and stages beside it. */
import type { z } from 'zod';
import { circuitProducts } from '../domain/catalogue.ts';
import { assessCancellation, availableActions, toTmfState } from '../domain/order-lifecycle.ts';
import { stageDueTimesOf } from '../domain/stage-due-times.ts';
import type { OrderStage } from '../domain/order-stages.ts';
import type { OrderDetail } from '../data/orders-repository.ts';
import type { OrderRecord } from '../data/entities/order.ts';
import type { OrderStageRecord } from '../data/entities/order-stage.ts';
import type { productOrderSchema } from './schemas/product-orders.ts';
import { tmfCancelProductOrderPath, tmfProductOrderPath } from './routes.ts';

type ProductOrderView = z.input<typeof productOrderSchema>;

const milestoneStatus: Record<OrderStageRecord['status'], string> = {
  PENDING: 'pending',
  IN_PROGRESS: 'inProgress',
  WAITING: 'inProgress',
  HELD: 'held',
  DONE: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
};

export function toProductOrder(detail: Pick<OrderDetail, 'order'> & Partial<OrderDetail>): ProductOrderView {
  const { order } = detail;
  const stages = detail.stages ?? [];
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
    productOrderItem: detail.children ? detail.children.map((child) => orderItemOf(child, child.orderItemId ?? child.orderId)) : [orderItemOf(order, order.orderItemId ?? '1')],
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
            ...(detail.billing.leaseType ? { leaseType: detail.billing.leaseType } : {}),
            chargeType: detail.billing.chargeType ?? 'SERVICE',
            startedAt: detail.billing.startedAt,
          },
        }
      : {}),
    ...(order.contractId ? { agreement: [{ id: order.contractId }], slaClass: order.slaClass } : {}),
    ...(order.dueAt ? { dueAt: order.dueAt } : {}),
    ...(order.slaPolicyId ? { slaPolicy: { id: order.slaPolicyId, version: order.slaPolicyVersion ?? 1, note: order.slaNote ?? '', calendarId: order.calendarId ?? 'CN', stageDueTimes: stageDueTimesOf(order) } } : {}),
    ...(order.circuitId ? { circuitId: order.circuitId } : {}),
    ...(order.failure ? { failure: order.failure } : {}),
    ...(order.rejectionReason ? { rejectionReason: order.rejectionReason } : {}),
    ...(order.hold ? { hold: order.hold } : {}),
    ...(order.holdHistory?.length ? { holdHistory: order.holdHistory } : {}),
    ...(order.cancellation
      ? {
          cancellation: {
            id: order.cancellation.cancellationId,
            state: order.cancellation.state,
            cancellationReason: order.cancellation.reason,
            requestedBy: order.cancellation.requestedBy,
            requestedAt: order.cancellation.requestedAt,
            ...(order.cancellation.effectiveAt ? { effectiveCancellationDate: order.cancellation.effectiveAt } : {}),
            ...(order.cancellation.releasedResources ? { releasedResources: order.cancellation.releasedResources } : {}),
            ...(order.cancellation.buildCostCharged !== undefined ? { buildCostCharged: order.cancellation.buildCostCharged } : {}),
          },
        }
      : {}),
    ...(detail.children
      ? { orderRelationship: detail.children.map((child) => ({ id: child.orderId, href: `${tmfProductOrderPath}/${child.orderId}`, relationshipType: 'child' as const, state: toTmfState(child.state), kamflowState: child.state })) }
      : order.parentOrderId
        ? { orderRelationship: [{ id: order.parentOrderId, href: `${tmfProductOrderPath}/${order.parentOrderId}`, relationshipType: 'parent' as const }] }
        : {}),
    // A parent is acted on through its children; cancelling it cancels every child that may still be cancelled.
    availableActions: order.childOrderIds?.length
      ? detail.children?.some((child) => assessCancellation({ state: child.state, heldFrom: child.hold?.heldFrom, circuitId: child.circuitId }).allowed)
        ? ['cancel']
        : []
      : availableActions({ state: order.state, heldFrom: order.hold?.heldFrom, circuitId: order.circuitId }),
  };
}

/** A TMF622 order item: one circuit, in the state of the order that carries it out. */
function orderItemOf(order: OrderRecord, itemId: string) {
  return {
    id: itemId,
    action: 'add',
    quantity: 1,
    state: toTmfState(order.state),
    product: {
      productSpecification: { id: order.productId, name: circuitProducts[order.productId].name },
      productCharacteristic: [
        { name: 'bandwidth', value: order.bandwidth },
        { name: 'leaseTermDays', value: String(order.leaseTermDays) },
      ],
      place: order.places.map((place) => ({ role: place.role, city: place.city, address: place.address, ...(place.exchange ? { exchange: place.exchange } : {}) })),
    },
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

/** TMF622 CancelProductOrder, from the cancellation recorded on the order. */
export function toCancelProductOrder(order: OrderRecord) {
  const cancellation = order.cancellation;
  if (!cancellation) return undefined;
  return {
    id: cancellation.cancellationId,
    href: `${tmfCancelProductOrderPath}/${cancellation.cancellationId}`,
    '@type': 'CancelProductOrder' as const,
    state: cancellation.state,
    cancellationReason: cancellation.reason,
    creationDate: cancellation.requestedAt,
    ...(cancellation.effectiveAt ? { effectiveCancellationDate: cancellation.effectiveAt } : {}),
    productOrder: { id: order.orderId, href: `${tmfProductOrderPath}/${order.orderId}`, '@referredType': 'ProductOrder' as const },
    ...(cancellation.releasedResources ? { releasedResources: cancellation.releasedResources } : {}),
    ...(cancellation.buildCostCharged !== undefined ? { buildCostCharged: cancellation.buildCostCharged } : {}),
  };
}

/** The due time of every stage planned at acknowledgement (a stage not yet started has one too). */
