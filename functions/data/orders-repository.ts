/**
 * Named access patterns for orders, their stages and billing records. Every state change is one conditional write (or
 * one transaction) guarded by the order's state and version: a stale or racing change fails as a ConflictError.
 */
import { ConflictError, InvalidTransitionError, NotFoundError } from '../commons/errors.ts';
import { nowIso } from '../commons/clock.ts';
import { isTerminal, orderPhase, transition } from '../domain/order-lifecycle.ts';
import { logger } from '../commons/observability.ts';
import { rollUpState } from '../domain/order-rollup.ts';
import type { AccountScope } from '../domain/people.ts';
import type { OrderEvent, OrderState } from '../domain/order-lifecycle.ts';
import { stageDefinitions, stageOwner } from '../domain/order-stages.ts';
import { stageTiming } from '../domain/order-sla.ts';
import type { BusinessCalendar } from '../domain/business-calendar.ts';
import { calendarOfOrder } from './calendars-repository.ts';
import type { OrderStage, StageStatus } from '../domain/order-stages.ts';
import { BillingRecordEntity } from './entities/billing-record.ts';
import { OrderEntity } from './entities/order.ts';
import { OrderStageEntity } from './entities/order-stage.ts';
import { OrderEventEntity } from './entities/order-event.ts';
import { StageOutcomeEntity } from './entities/stage-outcome.ts';
import { recordStageFinished } from '../commons/sla-metrics.ts';
import { monotonicFactory } from 'ulid';

/** Event ids sort in the order events happened, even within one millisecond. */
const ulid = monotonicFactory();
import { kamflowService } from './kamflow-service.ts';
import { isConditionFailure } from './table.ts';
import { slaWatchWrites } from './sla-repository.ts';
import type { JeopardyAlertRecord } from './entities/jeopardy-alert.ts';
import type { Pause } from '../domain/sla-clock.ts';
import type { OrderRecord } from './entities/order.ts';
import type { OrderStageRecord } from './entities/order-stage.ts';
import type { BillingRecord } from './entities/billing-record.ts';
import type { OrderEventRecord } from './entities/order-event.ts';
import type { StageOutcomeRecord } from './entities/stage-outcome.ts';
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

export async function insertOrder(newOrder: NewOrder, actor: string): Promise<OrderRecord> {
  const at = nowIso();
  const record: OrderRecord = {
    ...newOrder,
    state: 'SUBMITTED',
    currentStage: 'ORDER_ACCEPTANCE',
    phase: 'OPEN',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const firstStage = stageFields(record, { stage: 'ORDER_ACCEPTANCE', current: undefined, status: 'IN_PROGRESS' }, at, await calendarOfOrder(record));
  const { canceled } = await kamflowService.transaction
    .write(({ order, orderStage, orderEvent }) => [
      order.create(record).commit(),
      ...(firstStage.kind === 'create' ? [orderStage.create(firstStage.item).commit()] : []),
      orderEvent.create({ orderId: record.orderId, eventId: ulid(), at, type: 'ORDER_SUBMITTED', actor, toState: 'SUBMITTED', stage: 'ORDER_ACCEPTANCE', stageStatus: 'IN_PROGRESS' }).commit(),
    ])
    .go();
  if (canceled) throw new ConflictError(`order ${newOrder.orderId} exists already`);
  return record;
}

/**
 * 跨网一点受理: the parent order and one child order per item, written together (all or none). The parent runs no
 * workflow (phase ROLL_UP); each child starts like any order.
 */
export async function insertParentOrder(parent: NewOrder & { childOrderIds: string[] }, children: readonly (NewOrder & { parentOrderId: string; orderItemId: string })[], actor: string): Promise<void> {
  const at = nowIso();
  const base = { state: 'SUBMITTED' as const, currentStage: 'ORDER_ACCEPTANCE' as const, createdAt: at, updatedAt: at, version: 1 };
  const parentRecord: OrderRecord = { ...parent, ...base, phase: 'ROLL_UP' };
  const childRecords: OrderRecord[] = children.map((child) => ({ ...child, ...base, phase: 'OPEN' }));
  const calendars = await Promise.all(childRecords.map((record) => calendarOfOrder(record)));
  const { canceled } = await kamflowService.transaction
    .write(({ order, orderStage, orderEvent }) => [
      order.create(parentRecord).commit(),
      orderEvent.create({ orderId: parent.orderId, eventId: ulid(), at, type: 'ORDER_SUBMITTED', actor, toState: 'SUBMITTED', reason: `accepted at one point with ${children.length} child orders` }).commit(),
      ...childRecords.flatMap((record, index) => {
        const firstStage = stageFields(record, { stage: 'ORDER_ACCEPTANCE', current: undefined, status: 'IN_PROGRESS' }, at, calendars[index] as BusinessCalendar);
        return [
          order.create(record).commit(),
          ...(firstStage.kind === 'create' ? [orderStage.create(firstStage.item).commit()] : []),
          orderEvent.create({ orderId: record.orderId, eventId: ulid(), at, type: 'ORDER_SUBMITTED', actor, toState: 'SUBMITTED', stage: 'ORDER_ACCEPTANCE', stageStatus: 'IN_PROGRESS', reason: `child order ${record.orderItemId ?? ''} of ${parent.orderId}` }).commit(),
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
 * Roll a parent's state up from its children after one of them changed state (see domain/order-rollup.ts). The
 * write is conditional on the parent's version; a lost race is read again. The state is derived, not a workflow
 * transition, so it does not go through `transition`; the audit trail records it as the roll-up's.
 */
export async function rollUpParentOrder(parentOrderId: string): Promise<void> {
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    if (attempt > 1) await new Promise((settle) => setTimeout(settle, Math.random() * 50 * attempt));
    const parent = await findOrder(parentOrderId);
    if (!parent) return;
    const children = await childOrdersOf(parent);
    const next = rollUpState(children.map((child) => child.state));
    if (next === parent.state) return;
    const at = nowIso();
    const summary = children.map((child) => `${child.orderItemId ?? child.orderId}: ${child.state}`).join(', ');
    const { canceled } = await kamflowService.transaction
      .write(({ order, orderEvent }) => [
        order
          .patch({ orderId: parentOrderId })
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
        orderEvent.create({ orderId: parentOrderId, eventId: ulid(), at, actor: 'system:rollup', type: 'STATE_CHANGE', fromState: parent.state, toState: next, reason: `rolled up from child orders (${summary})` }).commit(),
      ])
      .go();
    if (!canceled) return;
  }
  throw new ConflictError(`parent order ${parentOrderId} kept changing while its state was rolled up`);
}

/** The order item alone (no stages, events or billing): for readers that need its state and ownership only. */
export async function findOrder(orderId: string): Promise<OrderRecord | undefined> {
  return (await OrderEntity.get({ orderId }).go()).data ?? undefined;
}

export async function findOrderDetail(orderId: string): Promise<OrderDetail | undefined> {
  const detail = await readOrderDetail(orderId);
  if (detail?.children && rollUpState(detail.children.map((child) => child.state)) !== detail.order.state) {
    // A roll-up deferred by a lost race: do it now, then read the parent again so that its state and its audit trail
    // (the roll-up's own event) agree.
    await rollUpParentOrder(orderId).catch(() => undefined);
    return readOrderDetail(orderId);
  }
  return detail;
}

async function readOrderDetail(orderId: string): Promise<OrderDetail | undefined> {
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
  const options = { order: 'desc' as const, limit: page.limit, cursor: page.cursor ?? null };
  const result =
    scope.kind === 'all'
      ? await OrderEntity.query.allOrders({}).go(options)
      : scope.kind === 'unit'
        ? await OrderEntity.query.byUnit({ unitId: scope.unitId }).go(options)
        : scope.kind === 'team'
          ? await OrderEntity.query.byTeam({ supervisorId: scope.supervisorId }).go(options)
          : scope.kind === 'owner'
            ? await OrderEntity.query.byOwner({ accountManager: scope.userId }).go(options)
            : { data: [], cursor: null };
  return { items: result.data, nextCursor: result.cursor ?? undefined };
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

/** A change to one stage record, written in the same transaction as the order's change. */
export interface StageChange {
  readonly stage: OrderStage;
  /** The record as read, or undefined when the stage is entered for the first time. */
  readonly current: OrderStageRecord | undefined;
  readonly status: StageStatus;
  readonly startAttempt?: boolean;
  readonly finish?: boolean;
  readonly note?: string;
  readonly outcome?: string;
  readonly resultJson?: string;
  readonly taskToken?: string;
  readonly requestId?: string;
  readonly appliedEventId?: string;
}

export interface OrderChange {
  readonly order: OrderRecord;
  /** Who made the change, for the audit trail: `user:<id>`, `system:<id>`, or the workflow. */
  readonly actor?: string;
  /** Why, for the audit trail (a rejection reason, a failure cause, a customer's words). */
  readonly reason?: string;
  /** The lifecycle event, when the order's state changes; checked by the pure transition function. */
  readonly event?: OrderEvent;
  /** For RESUME and RETRY: the state the order goes back to. */
  readonly target?: OrderState;
  readonly currentStage?: OrderStage;
  readonly set?: Partial<
    Pick<
      OrderRecord,
      | 'circuitId' | 'completionDate' | 'rejectionReason' | 'failure' | 'executionArn' | 'places' | 'slaPolicyId' | 'slaPolicyVersion' | 'slaNote' | 'calendarId' | 'dueAt'
      | 'stageDueTimesJson' | 'hold' | 'holdHistory' | 'resumeTaskToken' | 'cancellation' | 'bandwidth' | 'requestedCompletionDate' | 'amendmentCount' | 'interruptedAt'
    >
  >;
  /** Attributes removed from the order in the same write (an ended hold, a consumed task token). */
  readonly remove?: readonly ('hold' | 'resumeTaskToken' | 'failure' | 'circuitId')[];
  readonly stages?: readonly StageChange[];
  readonly billing?: Omit<BillingRecord, 'currency'>;
  readonly reserveResources?: readonly { exchangeCode: string; resourceType: 'ACCESS_LINE' | 'PORT'; resourceId: string }[];
  readonly addResources?: readonly { exchangeCode: string; resourceType: 'ACCESS_LINE' | 'PORT'; resourceId: string }[];
  /** Reservations of this order given back to the inventory (cancellation, an amendment that moves a site). */
  readonly releaseResources?: readonly { exchangeCode: string; resourceType: 'ACCESS_LINE' | 'PORT'; resourceId: string }[];
  /** Customer holds of the order (ended or not), when the change concerns them: SLA watches are scheduled with them. */
  readonly slaPauses?: readonly Pause[];
}

export interface CommittedChange {
  readonly order: OrderRecord;
  readonly from: OrderState;
  readonly to: OrderState;
}

/**
 * Apply one change to an order atomically: the order (conditioned on its state and version), its stage records
 * (conditioned on their version, or on not existing yet), and optionally a billing record or resource reservations.
 */
export async function commitOrderChange(change: OrderChange): Promise<CommittedChange> {
  const { order } = change;
  let nextState: OrderState = order.state;
  if (change.event) {
    const result = transition(order.state, change.event, change.target);
    if (!result.allowed) throw new InvalidTransitionError(result.reason);
    nextState = result.to;
  }
  const at = nowIso();
  const nextVersion = order.version + 1;
  // A parent order never runs a workflow: it keeps its roll-up phase whatever is recorded on it.
  const phase = order.phase === 'ROLL_UP' ? 'ROLL_UP' : orderPhase(nextState);
  // Stage timings and SLA watches run on the calendar the order was planned on (its A-end's province, or CN).
  const calendar = await calendarOfOrder({ ...order, ...(change.set ?? {}) });
  const watchWrites = slaWatchWritesOf(change, nextState, at, calendar);
  const outcomes = (change.stages ?? []).flatMap((stageChange) => stageOutcomeOf(order, stageChange, at, calendar));

  const { canceled, data } = await kamflowService.transaction
    .write(({ order: orders, orderStage, billingRecord, networkResource, orderEvent, slaWatch, stageOutcome }) => [
      ...auditEvents(change, nextState, at).map((event) => orderEvent.create(event).commit()),
      orders
        .patch({ orderId: order.orderId })
        .set({
          state: nextState,
          phase,
          currentStage: change.currentStage ?? order.currentStage,
          updatedAt: at,
          version: nextVersion,
          ...(change.set ?? {}),
        })
        .composite({ orderDate: order.orderDate })
        .remove([...(change.remove ?? [])])
        .where((attributes, { eq }) => `${eq(attributes.version, order.version)} AND ${eq(attributes.state, order.state)}`)
        .commit(),
      ...(change.stages ?? []).map((stageChange) => {
        const fields = stageFields(order, stageChange, at, calendar);
        return fields.kind === 'create'
          ? orderStage.create(fields.item).commit()
          : orderStage
              .patch({ orderId: order.orderId, stage: stageChange.stage })
              .set(fields.set)
              .where((attributes, { eq }) => eq(attributes.version, fields.expectedVersion))
              .commit();
      }),
      ...(change.billing ? [billingRecord.create({ ...change.billing, currency: 'CNY' }).commit()] : []),
      ...(change.reserveResources ?? []).map((resource) =>
        networkResource
          .patch(resource)
          .set({ status: 'RESERVED', reservedBy: order.orderId, reservedAt: at })
          .where((attributes, { eq }) => eq(attributes.status, 'AVAILABLE'))
          .commit(),
      ),
      ...(change.releaseResources ?? []).map((resource) =>
        networkResource
          .patch(resource)
          .set({ status: 'AVAILABLE' })
          .remove(['reservedBy', 'reservedAt'])
          .where((attributes, { eq }) => `${eq(attributes.status, 'RESERVED')} AND ${eq(attributes.reservedBy, order.orderId)}`)
          .commit(),
      ),
      ...(change.addResources ?? []).map((resource) => networkResource.create({ ...resource, status: 'AVAILABLE' }).commit()),
      ...watchWrites.map((write) => (write.kind === 'put' ? slaWatch.put(write.item).commit() : slaWatch.delete(write.key).commit())),
      ...outcomes.map((outcome) => stageOutcome.create(outcome).commit()),
    ])
    .go();
  if (canceled) {
    const reasons = data.map((item: { code?: string }) => item.code ?? 'None').filter((code: string) => code !== 'None');
    throw new ConflictError(`order ${order.orderId} changed concurrently (${reasons.join(', ') || 'transaction cancelled'})`);
  }
  for (const outcome of outcomes) recordStageFinished(outcome);
  // A child's state change rolls up into its parent (after the change itself is safely written). The roll-up never
  // fails the child's change: a parent left behind is brought up to date when it is next read.
  if (order.parentOrderId && nextState !== order.state) {
    await rollUpParentOrder(order.parentOrderId).catch((error: unknown) => logger.warn('parent roll-up deferred', { parentOrderId: order.parentOrderId, error: error instanceof Error ? error.message : String(error) }));
  }
  const updated: OrderRecord = { ...order, state: nextState, phase, currentStage: change.currentStage ?? order.currentStage, updatedAt: at, version: nextVersion, ...(change.set ?? {}) };
  for (const attribute of change.remove ?? []) delete updated[attribute];
  return { order: updated, from: order.state, to: nextState };
}

/** The SLA watches this change schedules or removes (functions/data/sla-repository.ts), from the records it writes. */
function slaWatchWritesOf(change: OrderChange, nextState: OrderState, at: string, calendar: BusinessCalendar) {
  const order = { ...change.order, ...(change.set ?? {}) };
  const stages = (change.stages ?? []).map((stageChange) => {
    const fields = stageFields(order, stageChange, at, calendar);
    return fields.kind === 'create' ? fields.item : { ...(stageChange.current as OrderStageRecord), ...fields.set };
  });
  return slaWatchWrites({ order, nextState, stages, at, pauses: change.slaPauses, orderPlanned: change.set?.dueAt !== undefined }, calendar);
}

/** One event for the state change (if any) and one per stage record the change touches. */
function auditEvents(change: OrderChange, nextState: OrderState, at: string): OrderEventRecord[] {
  const actor = change.actor ?? 'system:workflow';
  const base = { orderId: change.order.orderId, at, actor, ...(change.reason ? { reason: change.reason.slice(0, 1000) } : {}) };
  const events: OrderEventRecord[] = [];
  if (nextState !== change.order.state) {
    events.push({ ...base, eventId: ulid(), type: 'STATE_CHANGE', fromState: change.order.state, toState: nextState });
  }
  for (const stage of change.stages ?? []) {
    if (stage.current?.status === stage.status && !stage.startAttempt) continue;
    events.push({ ...base, eventId: ulid(), type: 'STAGE_UPDATE', stage: stage.stage, stageStatus: stage.status, ...(stage.note ? { reason: stage.note.slice(0, 1000) } : {}) });
  }
  return events;
}

/** Planned due time of a stage (from the order's SLA plan) and, when it finishes, on-time and working hours. */
function timingFields(order: OrderRecord, change: StageChange, startedAt: string | undefined, at: string, calendar: BusinessCalendar) {
  const plan = order.stageDueTimesJson ? (JSON.parse(order.stageDueTimesJson) as Partial<Record<OrderStage, string>>) : {};
  const due = plan[change.stage];
  const timing = change.finish && startedAt ? stageTiming(startedAt, at, due, calendar) : {};
  return { ...(due ? { dueAt: due } : {}), ...timing };
}

/** The report fact of a stage attempt this change finishes (none when it does not finish one). */
function stageOutcomeOf(order: OrderRecord, change: StageChange, at: string, calendar: BusinessCalendar): StageOutcomeRecord[] {
  if (!change.finish || (change.status !== 'DONE' && change.status !== 'FAILED')) return [];
  const { current } = change;
  // Finishing an attempt that already finished (fallout marking a failed activation again) records nothing new.
  if (current && (current.status === 'DONE' || current.status === 'FAILED') && !change.startAttempt) return [];
  const startedAt = current ? (current.startedAt ?? at) : at;
  const timing = timingFields(order, change, current ? current.startedAt : at, at, calendar);
  return [
    {
      orderId: order.orderId,
      stage: change.stage,
      attempt: current ? current.attempts + (change.startAttempt ? 1 : 0) : 1,
      status: change.status,
      ...(change.outcome !== undefined ? { outcome: change.outcome } : {}),
      workPosition: stageDefinitions[change.stage].workPosition,
      owner: current?.owner ?? stageOwner(change.stage, order.accountManager),
      startedAt,
      finishedAt: at,
      ...timing,
      accountId: order.accountId,
      ...(order.tier ? { tier: order.tier } : {}),
      productId: order.productId,
      ...(order.province ? { province: order.province } : {}),
      accountManager: order.accountManager,
      supervisorId: order.supervisorId,
      unitId: order.unitId,
    },
  ];
}

function stageFields(order: OrderRecord, change: StageChange, at: string, calendar: BusinessCalendar) {
  const definition = stageDefinitions[change.stage];
  const optional = {
    ...(change.note !== undefined ? { note: change.note } : {}),
    ...(change.outcome !== undefined ? { outcome: change.outcome } : {}),
    ...(change.resultJson !== undefined ? { resultJson: change.resultJson } : {}),
    ...(change.taskToken !== undefined ? { taskToken: change.taskToken } : {}),
    ...(change.requestId !== undefined ? { requestId: change.requestId } : {}),
  };
  if (!change.current) {
    return {
      kind: 'create' as const,
      item: {
        orderId: order.orderId,
        stage: change.stage,
        sequence: definition.sequence,
        workPosition: definition.workPosition,
        owner: stageOwner(change.stage, order.accountManager),
        status: change.status,
        startedAt: at,
        ...(change.finish ? { finishedAt: at } : {}),
        attempts: 1,
        appliedEventIds: change.appliedEventId ? [change.appliedEventId] : [],
        updatedAt: at,
        version: 1,
        ...optional,
        ...timingFields(order, change, at, at, calendar),
      },
    };
  }
  const current = change.current;
  const appliedEventIds = change.appliedEventId ? [...(current.appliedEventIds ?? []), change.appliedEventId].slice(-50) : undefined;
  return {
    kind: 'update' as const,
    expectedVersion: current.version,
    set: {
      status: change.status,
      updatedAt: at,
      version: current.version + 1,
      ...(change.startAttempt ? { attempts: current.attempts + 1, startedAt: current.startedAt ?? at } : {}),
      ...(change.finish ? { finishedAt: at } : {}),
      ...(appliedEventIds ? { appliedEventIds } : {}),
      ...optional,
      ...timingFields(order, change, current.startedAt, at, calendar),
    },
  };
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

