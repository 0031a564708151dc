/**
 * Named access patterns for orders, their stages and billing records. Every state change is one conditional write (or
 * one transaction) guarded by the order's state and version: a stale or racing change fails as a ConflictError. What a
 * change writes is decided by the domain (domain/order-change-plan.ts); this module only reads and writes.
 */
import { ConflictError, NotFoundError } from '../commons/errors.ts';
import { nowIso } from '../commons/clock.ts';
import { newEventId } from '../commons/event-ids.ts';
import { isTerminal } from '../domain/order-lifecycle.ts';
import type { OrderState } from '../domain/order-lifecycle.ts';
import type { AccountScope } from '../domain/people.ts';
import type { BusinessCalendar } from '../domain/business-calendar.ts';
import { firstStageOf } from '../domain/order-change-plan.ts';
import type { OrderChange as PlannedChange, OrderChangePlan, StageChange as PlannedStageChange } from '../domain/order-change-plan.ts';
import type { OrderStage } from '../domain/order-stages.ts';
import { OrderEntity } from './entities/order.ts';
import { OrderStageEntity } from './entities/order-stage.ts';
import { kamflowService } from './kamflow-service.ts';
import { queryInScope } from './scope-query.ts';
import { isConditionFailure } from './table.ts';
import type { JeopardyAlertRecord } from './entities/jeopardy-alert.ts';
import type { OrderRecord } from './entities/order.ts';
import type { OrderStageRecord } from './entities/order-stage.ts';
import type { BillingRecord } from './entities/billing-record.ts';
import type { OrderEventRecord } from './entities/order-event.ts';
import type { Page } from './page.ts';

export type NewOrder = Omit<OrderRecord, 'state' | 'currentStage' | 'phase' | 'createdAt' | 'updatedAt' | 'version' | 'orderDate'> & { orderDate: string };

export interface OrderDetail {
  readonly order: OrderRecord;
  readonly stages: readonly OrderStageRecord[];
  readonly billing: BillingRecord | undefined;
  readonly events: readonly OrderEventRecord[];
  /** A parent order's child orders (跨网一点受理), in item order. */
  readonly children?: readonly OrderRecord[];
  /** Jeopardy alerts recorded by the SLA sweep, oldest first. */
  readonly alerts?: readonly JeopardyAlertRecord[];
}

/** A new order, its first stage (the acceptance check, timed on the order's calendar) and its first audit event. */
export async function insertOrder(newOrder: NewOrder, actor: string, calendar: BusinessCalendar): Promise<OrderRecord> {
  const at = nowIso();
  const record: OrderRecord = { ...newOrder, state: 'SUBMITTED', currentStage: 'ORDER_ACCEPTANCE', phase: 'OPEN', createdAt: at, updatedAt: at, version: 1 };
  const { canceled } = await kamflowService.transaction
    .write(({ order, orderStage, orderEvent }) => [
      order.create(record).commit(),
      orderStage.create(firstStageOf(record, at, calendar)).commit(),
      orderEvent.create({ orderId: record.orderId, eventId: newEventId(), at, type: 'ORDER_SUBMITTED', actor, toState: 'SUBMITTED', stage: 'ORDER_ACCEPTANCE', stageStatus: 'IN_PROGRESS' }).commit(),
    ])
    .go();
  if (canceled) throw new ConflictError(`order ${newOrder.orderId} exists already`);
  return record;
}

/**
 * 跨网一点受理: the parent order and one child order per item, written together (all or none). The parent runs no
 * workflow (phase ROLL_UP); each child starts like any order, timed on its own calendar (`calendars`, in child order).
 */
export async function insertParentOrder(
  parent: NewOrder & { childOrderIds: string[] },
  children: readonly (NewOrder & { parentOrderId: string; orderItemId: string })[],
  actor: string,
  calendars: readonly BusinessCalendar[],
): Promise<void> {
  const at = nowIso();
  const base = { state: 'SUBMITTED' as const, currentStage: 'ORDER_ACCEPTANCE' as const, createdAt: at, updatedAt: at, version: 1 };
  const parentRecord: OrderRecord = { ...parent, ...base, phase: 'ROLL_UP' };
  const childRecords: OrderRecord[] = children.map((child) => ({ ...child, ...base, phase: 'OPEN' }));
  const { canceled } = await kamflowService.transaction
    .write(({ order, orderStage, orderEvent }) => [
      order.create(parentRecord).commit(),
      orderEvent.create({ orderId: parent.orderId, eventId: newEventId(), at, type: 'ORDER_SUBMITTED', actor, toState: 'SUBMITTED', reason: `accepted at one point with ${children.length} child orders` }).commit(),
      ...childRecords.flatMap((record, index) => {
        const calendar = calendars[index];
        if (!calendar) throw new Error(`no calendar for child order ${record.orderId}`);
        return [
          order.create(record).commit(),
          orderStage.create(firstStageOf(record, at, calendar)).commit(),
          orderEvent.create({ orderId: record.orderId, eventId: newEventId(), at, type: 'ORDER_SUBMITTED', actor, toState: 'SUBMITTED', stage: 'ORDER_ACCEPTANCE', stageStatus: 'IN_PROGRESS', reason: `child order ${record.orderItemId ?? ''} of ${parent.orderId}` }).commit(),
        ];
      }),
    ])
    .go();
  if (canceled) throw new ConflictError(`order ${parent.orderId} exists already`);
}

/** The child orders of a parent, in item order. */
export async function childOrdersOf(parent: OrderRecord): Promise<OrderRecord[]> {
  const ids = parent.childOrderIds ?? [];
  if (ids.length === 0) return [];
  const { data } = await OrderEntity.get(ids.map((orderId) => ({ orderId }))).go();
  const byId = new Map(data.map((child) => [child.orderId, child]));
  return ids.map((id) => byId.get(id)).filter((child): child is OrderRecord => child !== undefined);
}

/**
 * Record a parent's rolled-up state (domain/order-rollup.ts decides it), only if the parent is still at the version it
 * was read at. The state is derived, not a workflow transition, so it does not go through `transition`; the audit
 * trail records it as the roll-up's. Answers false when the parent changed meanwhile (read it again and decide again).
 */
export async function writeParentRollUp(parent: OrderRecord, next: OrderState, summary: string): Promise<boolean> {
  const at = nowIso();
  const { canceled } = await kamflowService.transaction
    .write(({ order, orderEvent }) => [
      order
        .patch({ orderId: parent.orderId })
        .set({
          state: next,
          updatedAt: at,
          version: parent.version + 1,
          ...(isTerminal(next) ? { completionDate: at } : {}),
          ...(parent.cancellation && isTerminal(next) ? { cancellation: { ...parent.cancellation, state: 'done' as const, effectiveAt: at } } : {}),
        })
        .composite({ orderDate: parent.orderDate })
        .where((attributes, { eq }) => eq(attributes.version, parent.version))
        .commit(),
      orderEvent.create({ orderId: parent.orderId, eventId: newEventId(), at, actor: 'system:rollup', type: 'STATE_CHANGE', fromState: parent.state, toState: next, reason: `rolled up from child orders (${summary})` }).commit(),
    ])
    .go();
  return !canceled;
}

/** The order item alone (no stages, events or billing): for readers that need its state and ownership only. */
export async function findOrder(orderId: string): Promise<OrderRecord | undefined> {
  return (await OrderEntity.get({ orderId }).go()).data ?? undefined;
}

/** The order with its stages, billing, audit trail, alerts and (for a parent) its children. A read: it never writes. */
export async function findOrderDetail(orderId: string): Promise<OrderDetail | undefined> {
  const { data } = await kamflowService.collections.orderDetail({ orderId }).go({ pages: 'all' });
  const order = data.order[0];
  if (!order) return undefined;
  const children = order.childOrderIds?.length ? await childOrdersOf(order) : undefined;
  return {
    order,
    stages: [...data.orderStage].sort((a, b) => a.sequence - b.sequence),
    billing: data.billingRecord[0],
    events: [...data.orderEvent].sort((a, b) => a.eventId.localeCompare(b.eventId)),
    alerts: [...data.jeopardyAlert].sort((a, b) => a.alertDate.localeCompare(b.alertDate)),
    ...(children ? { children } : {}),
  };
}

export async function getOrderDetail(orderId: string): Promise<OrderDetail> {
  const detail = await findOrderDetail(orderId);
  if (!detail) throw new NotFoundError('order', orderId);
  return detail;
}

/** Orders inside a row-level scope, newest first: one Query on the index that answers the scope. */
export async function listOrdersInScope(scope: AccountScope, page: { limit: number; cursor?: string | undefined }): Promise<Page<OrderRecord>> {
  return queryInScope(scope, page, {
    all: (options) => OrderEntity.query.allOrders({}).go(options),
    unit: (unitId, options) => OrderEntity.query.byUnit({ unitId }).go(options),
    team: (supervisorId, options) => OrderEntity.query.byTeam({ supervisorId }).go(options),
    owner: (accountManager, options) => OrderEntity.query.byOwner({ accountManager }).go(options),
  });
}

export async function listOrdersOfAccount(accountId: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<OrderRecord>> {
  const result = await OrderEntity.query.byAccount({ accountId }).go({ order: 'desc', limit: page.limit, cursor: page.cursor ?? null });
  return { items: result.data, nextCursor: result.cursor ?? undefined };
}

/** How many of an account's orders are open (a Query on the account's orders, open ones only). */
export async function countOpenOrdersOfAccount(accountId: string): Promise<number> {
  const { data } = await OrderEntity.query
    .byAccount({ accountId })
    .where((attributes, { eq }) => eq(attributes.phase, 'OPEN'))
    .go({ pages: 'all', attributes: ['orderId'] });
  return data.length;
}

/** Orders whose workflow should be running: the local runtime resumes them after a restart. */
export async function listOpenOrders(page: { limit: number; cursor?: string | undefined }): Promise<Page<OrderRecord>> {
  const result = await OrderEntity.query.byPhase({ phase: 'OPEN' }).go({ order: 'asc', limit: page.limit, cursor: page.cursor ?? null });
  return { items: result.data, nextCursor: result.cursor ?? undefined };
}

/** The fallout queue: failed orders, oldest first. */
export async function listFalloutOrders(page: { limit: number; cursor?: string | undefined }): Promise<Page<OrderRecord>> {
  const result = await OrderEntity.query.byPhase({ phase: 'FALLOUT' }).go({ order: 'asc', limit: page.limit, cursor: page.cursor ?? null });
  return { items: result.data, nextCursor: result.cursor ?? undefined };
}

/** The order with the fields a change may set; the plan's order-side types are checked against it. */
export type OrderChangeSet = Partial<
  Pick<
    OrderRecord,
    | 'circuitId' | 'completionDate' | 'rejectionReason' | 'failure' | 'executionArn' | 'places' | 'slaPolicyId' | 'slaPolicyVersion' | 'slaNote' | 'calendarId' | 'dueAt'
    | 'stageDueTimesJson' | 'hold' | 'holdHistory' | 'resumeTaskToken' | 'cancellation' | 'bandwidth' | 'requestedCompletionDate' | 'amendmentCount' | 'interruptedAt'
  >
>;
export type NewBilling = Omit<BillingRecord, 'currency'>;
export type OrderChange = PlannedChange<OrderRecord, OrderStageRecord, OrderChangeSet, NewBilling>;
export type StageChange = PlannedStageChange<OrderStageRecord>;
export type OrderWrite = OrderChangePlan<OrderRecord, OrderChangeSet, NewBilling>;

/**
 * Write one planned change atomically (domain/order-change-plan.ts decided it): the order (conditioned on the state and
 * version it was planned from), its stage records (conditioned on their version, or on not existing yet), its audit
 * events, stage outcomes and SLA watches, and optionally a billing record and resource reservations. A lost race fails
 * the whole transaction as a ConflictError.
 */
export async function writeOrderChange(plan: OrderWrite): Promise<void> {
  const { expected } = plan;
  const { canceled, data } = await kamflowService.transaction
    .write(({ order: orders, orderStage, billingRecord, networkResource, orderEvent, slaWatch, stageOutcome }) => [
      ...plan.auditEvents.map((event) => orderEvent.create(event).commit()),
      orders
        .patch({ orderId: plan.orderId })
        .set(plan.orderSet)
        .composite({ orderDate: expected.orderDate })
        .remove([...plan.orderRemove])
        .where((attributes, { eq }) => `${eq(attributes.version, expected.version)} AND ${eq(attributes.state, expected.state)}`)
        .commit(),
      ...plan.stageWrites.map((write) =>
        write.kind === 'create'
          ? orderStage.create(write.item).commit()
          : orderStage
              .patch({ orderId: plan.orderId, stage: write.stage })
              .set(write.set)
              .where((attributes, { eq }) => eq(attributes.version, write.expectedVersion))
              .commit(),
      ),
      ...(plan.billing ? [billingRecord.create({ ...plan.billing, currency: 'CNY' }).commit()] : []),
      ...plan.reserveResources.map((resource) =>
        networkResource
          .patch(resource)
          .set({ status: 'RESERVED', reservedBy: plan.orderId, reservedAt: plan.at })
          .where((attributes, { eq }) => eq(attributes.status, 'AVAILABLE'))
          .commit(),
      ),
      ...plan.releaseResources.map((resource) =>
        networkResource
          .patch(resource)
          .set({ status: 'AVAILABLE' })
          .remove(['reservedBy', 'reservedAt'])
          .where((attributes, { eq }) => `${eq(attributes.status, 'RESERVED')} AND ${eq(attributes.reservedBy, plan.orderId)}`)
          .commit(),
      ),
      ...plan.addResources.map((resource) => networkResource.create({ ...resource, status: 'AVAILABLE' }).commit()),
      ...plan.watchWrites.map((write) => (write.kind === 'put' ? slaWatch.put(write.item).commit() : slaWatch.delete(write.key).commit())),
      ...plan.outcomes.map((outcome) => stageOutcome.create(outcome).commit()),
    ])
    .go();
  if (canceled) {
    const reasons = data.map((item: { code?: string }) => item.code ?? 'None').filter((code: string) => code !== 'None');
    throw new ConflictError(`order ${plan.orderId} changed concurrently (${reasons.join(', ') || 'transaction cancelled'})`);
  }
}

/** Append a progress note to a waiting stage (provisioning progress callback). */
export async function appendStageProgress(stage: OrderStageRecord, note: { message: string; percent?: number | undefined; eventId: string }): Promise<void> {
  const at = nowIso();
  try {
    await OrderStageEntity.patch({ orderId: stage.orderId, stage: stage.stage })
      .set({
        progress: [...(stage.progress ?? []), { at, message: note.message, ...(note.percent !== undefined ? { percent: note.percent } : {}) }].slice(-100),
        appliedEventIds: [...(stage.appliedEventIds ?? []), note.eventId].slice(-50),
        updatedAt: at,
        version: stage.version + 1,
      })
      .where((attributes, { eq }) => `${eq(attributes.version, stage.version)} AND ${eq(attributes.status, 'WAITING')}`)
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`stage ${stage.stage} of order ${stage.orderId} changed concurrently`);
    throw error;
  }
}

export async function recordExecution(orderId: string, executionArn: string): Promise<void> {
  await OrderEntity.patch({ orderId }).set({ executionArn }).go();
}

export function stageOf(detail: OrderDetail, stage: OrderStage): OrderStageRecord | undefined {
  return detail.stages.find((record) => record.stage === stage);
}

