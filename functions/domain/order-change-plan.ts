/**
 * Decides everything one change of an order writes, without writing anything: the new state (through the pure
 * transition function), the order's fields, each stage record (created, or updated on the version read), the audit
 * trail, the stage outcomes the SLA reports are made of, and the SLA watches. The service loads what the decision needs
 * (the order, its stages, its business calendar), asks this planner, and hands the plan to the orders repository,
 * which writes it as one transaction conditioned on the order's version and state — so a racing change fails whole.
 *
 * The planner is generic over the order and stage records: it reads the fields it names and passes the rest through,
 * so the data layer's record types (beside their ElectroDB entities) flow through it unchanged.
 */
import type { BusinessCalendar } from './business-calendar.ts';
import type { TierOutcome } from './accounts.ts';
import type { ProductId } from './catalogue.ts';
import { orderPhase, transition } from './order-lifecycle.ts';
import type { OrderEvent, OrderPhase, OrderState } from './order-lifecycle.ts';
import { stageTiming } from './order-sla.ts';
import { stageDueTimesOf } from './stage-due-times.ts';
import { stageDefinitions, stageOwner } from './order-stages.ts';
import type { OrderStage, StageStatus, WorkPosition } from './order-stages.ts';
import type { Pause } from './sla-clock.ts';
import { slaWatchWrites } from './sla-watch-plan.ts';
import type { SlaWatchWrite } from './sla-watch-plan.ts';

/** What the planner reads of an order. */
export interface PlannableOrder {
  readonly orderId: string;
  readonly state: OrderState;
  readonly phase: OrderPhase;
  readonly currentStage: OrderStage;
  readonly version: number;
  readonly orderDate: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly accountManager: string;
  readonly supervisorId: string;
  readonly unitId: string;
  readonly productId: ProductId;
  readonly tier?: TierOutcome | undefined;
  readonly province?: string | undefined;
  readonly parentOrderId?: string | undefined;
  readonly stageDueTimesJson?: string | undefined;
  readonly dueAt?: string | undefined;
  readonly slaPolicyId?: string | undefined;
  readonly slaPolicyVersion?: number | undefined;
}

/** What the planner reads of a stage record. */
export interface PlannableStage {
  readonly stage: OrderStage;
  readonly status: StageStatus;
  readonly owner: string;
  readonly attempts: number;
  readonly version: number;
  readonly startedAt?: string | undefined;
  readonly appliedEventIds?: string[] | undefined;
}

/** A change to one stage record, written in the same transaction as the order's change. */
export interface StageChange<S extends PlannableStage = PlannableStage> {
  readonly stage: OrderStage;
  /** The record as read, or undefined when the stage is entered for the first time. */
  readonly current: S | undefined;
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

/** Attributes a change may remove from the order (an ended hold, a consumed task token). */
export type RemovableOrderAttribute = 'hold' | 'resumeTaskToken' | 'failure' | 'circuitId';

export type ResourceKey = { readonly exchangeCode: string; readonly resourceType: 'ACCESS_LINE' | 'PORT'; readonly resourceId: string };

export interface OrderChange<O extends PlannableOrder, S extends PlannableStage = PlannableStage, Set = Partial<O>, Billing = never> {
  readonly order: O;
  /** Who made the change, for the audit trail: `user:<id>`, `system:<id>`, or the workflow. */
  readonly actor?: string;
  /** Why, for the audit trail (a rejection reason, a failure cause, a customer's words). */
  readonly reason?: string;
  /** The lifecycle event, when the order's state changes; checked by the pure transition function. */
  readonly event?: OrderEvent;
  /** For RESUME and RETRY: the state the order goes back to. */
  readonly target?: OrderState;
  readonly currentStage?: OrderStage;
  readonly set?: Set;
  readonly remove?: readonly RemovableOrderAttribute[];
  readonly stages?: readonly StageChange<S>[];
  readonly billing?: Billing;
  readonly reserveResources?: readonly ResourceKey[];
  readonly addResources?: readonly ResourceKey[];
  /** Reservations of this order given back to the inventory (cancellation, an amendment that moves a site). */
  readonly releaseResources?: readonly ResourceKey[];
  /** Customer holds of the order (ended or not), when the change concerns them: SLA watches are scheduled with them. */
  readonly slaPauses?: readonly Pause[];
}

export type AuditEventType = 'STATE_CHANGE' | 'STAGE_UPDATE' | 'ORDER_SUBMITTED' | 'JEOPARDY_ALERT' | 'ESCALATION';

export interface AuditEvent {
  readonly orderId: string;
  readonly eventId: string;
  readonly at: string;
  readonly type: AuditEventType;
  readonly actor: string;
  readonly fromState?: OrderState;
  readonly toState?: OrderState;
  readonly stage?: OrderStage;
  readonly stageStatus?: string;
  readonly reason?: string;
}

export interface NewStageRecord {
  readonly orderId: string;
  readonly stage: OrderStage;
  readonly sequence: number;
  readonly workPosition: WorkPosition;
  readonly owner: string;
  readonly status: StageStatus;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly attempts: number;
  readonly appliedEventIds: string[];
  readonly updatedAt: string;
  readonly version: number;
  readonly note?: string;
  readonly outcome?: string;
  readonly resultJson?: string;
  readonly taskToken?: string;
  readonly requestId?: string;
  readonly dueAt?: string;
  readonly onTime?: boolean;
  readonly workingHours?: number;
}

export type StageUpdate = Partial<Omit<NewStageRecord, 'orderId' | 'stage' | 'sequence' | 'workPosition' | 'owner'>> & { readonly status: StageStatus; readonly updatedAt: string; readonly version: number };

export type StageWrite =
  | { readonly kind: 'create'; readonly item: NewStageRecord }
  | { readonly kind: 'update'; readonly stage: OrderStage; readonly expectedVersion: number; readonly set: StageUpdate };

/** The report fact of one finished stage attempt. */
export interface StageOutcome {
  readonly orderId: string;
  readonly stage: OrderStage;
  readonly attempt: number;
  readonly status: 'DONE' | 'FAILED';
  readonly outcome?: string;
  readonly workPosition: WorkPosition;
  readonly owner: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly dueAt?: string;
  readonly onTime?: boolean;
  readonly workingHours?: number;
  readonly accountId: string;
  readonly tier?: TierOutcome;
  readonly productId: ProductId;
  readonly province?: string;
  readonly accountManager: string;
  readonly supervisorId: string;
  readonly unitId: string;
}

export interface OrderChangePlan<O extends PlannableOrder, Set, Billing> {
  readonly orderId: string;
  readonly at: string;
  /** The write is conditioned on the order still being at this version and state. */
  readonly expected: { readonly version: number; readonly state: OrderState; readonly orderDate: string };
  readonly from: OrderState;
  readonly to: OrderState;
  /** The order's fields to set (state, phase, stage, version, and the change's own). */
  readonly orderSet: { readonly state: OrderState; readonly phase: OrderPhase; readonly currentStage: OrderStage; readonly updatedAt: string; readonly version: number } & Set;
  readonly orderRemove: readonly RemovableOrderAttribute[];
  readonly stageWrites: readonly StageWrite[];
  readonly auditEvents: readonly AuditEvent[];
  readonly outcomes: readonly StageOutcome[];
  readonly watchWrites: readonly SlaWatchWrite[];
  readonly billing: Billing | undefined;
  readonly reserveResources: readonly ResourceKey[];
  readonly releaseResources: readonly ResourceKey[];
  readonly addResources: readonly ResourceKey[];
  /** The order as it is once the plan is written. */
  readonly orderAfter: O;
  /** A child whose state changes rolls up into its parent once this change is written. */
  readonly parentToRollUp: string | undefined;
}

export interface PlanningContext {
  /** The instant of the change (business time). */
  readonly at: string;
  /** The calendar the order was planned on: stage timings and SLA watches run on it. */
  readonly calendar: BusinessCalendar;
  /** A new, time-ordered audit event id. */
  readonly newEventId: () => string;
}

export type PlanVerdict<O extends PlannableOrder, Set, Billing> = { readonly allowed: true; readonly plan: OrderChangePlan<O, Set, Billing> } | { readonly allowed: false; readonly reason: string };

/** The plan of a change, or why the lifecycle refuses it (the caller raises that as an invalid transition). */
export function planOrderChange<O extends PlannableOrder, S extends PlannableStage, Set extends Partial<O>, Billing>(
  change: OrderChange<O, S, Set, Billing>,
  context: PlanningContext,
): PlanVerdict<O, Set, Billing> {
  const { order } = change;
  const { at, calendar } = context;
  let nextState: OrderState = order.state;
  if (change.event) {
    const verdict = transition(order.state, change.event, change.target);
    if (!verdict.allowed) return { allowed: false, reason: verdict.reason };
    nextState = verdict.to;
  }
  // A parent order never runs a workflow: it keeps its roll-up phase whatever is recorded on it.
  const phase: OrderPhase = order.phase === 'ROLL_UP' ? 'ROLL_UP' : orderPhase(nextState);
  const currentStage = change.currentStage ?? order.currentStage;
  const orderSet = { state: nextState, phase, currentStage, updatedAt: at, version: order.version + 1, ...(change.set ?? ({} as Set)) };
  // Stage timings read the plan as changed (a resume writes its moved due times in the same change).
  const plannedOrder = { ...order, ...(change.set ?? {}) };
  const stageWrites = (change.stages ?? []).map((stageChange) => stageWriteOf(plannedOrder, stageChange, at, calendar));
  const stagesAfter = (change.stages ?? []).map((stageChange, index) => stageAfter(stageChange, stageWrites[index] as StageWrite));
  const orderAfter = { ...order, ...orderSet } as O;
  for (const attribute of change.remove ?? []) delete (orderAfter as Partial<Record<RemovableOrderAttribute, unknown>>)[attribute];
  const plan: OrderChangePlan<O, Set, Billing> = {
    orderId: order.orderId,
    at,
    expected: { version: order.version, state: order.state, orderDate: order.orderDate },
    from: order.state,
    to: nextState,
    orderSet,
    orderRemove: change.remove ?? [],
    stageWrites,
    auditEvents: auditEventsOf(change, nextState, context),
    outcomes: (change.stages ?? []).flatMap((stageChange) => stageOutcomeOf(plannedOrder, stageChange, at, calendar)),
    watchWrites: slaWatchWrites({ order: plannedOrder, nextState, stages: stagesAfter, at, pauses: change.slaPauses, orderPlanned: change.set?.dueAt !== undefined }, calendar),
    billing: change.billing,
    reserveResources: change.reserveResources ?? [],
    releaseResources: change.releaseResources ?? [],
    addResources: change.addResources ?? [],
    orderAfter,
    parentToRollUp: order.parentOrderId && nextState !== order.state ? order.parentOrderId : undefined,
  };
  return { allowed: true, plan };
}

/** The first stage record of a new order: its acceptance check, started at submission. */
export function firstStageOf(order: PlannableOrder, at: string, calendar: BusinessCalendar): NewStageRecord {
  const write = stageWriteOf(order, { stage: 'ORDER_ACCEPTANCE', current: undefined, status: 'IN_PROGRESS' }, at, calendar);
  if (write.kind !== 'create') throw new Error('a new order has no stage records to update');
  return write.item;
}

/** The stage record after the change, as the SLA watches see it. */
function stageAfter(change: StageChange, write: StageWrite) {
  if (write.kind === 'create') return write.item;
  const current = change.current as PlannableStage;
  return { stage: change.stage, owner: current.owner, startedAt: current.startedAt, ...write.set };
}

/** One event for the state change (if any) and one per stage record the change touches. */
function auditEventsOf(change: OrderChange<PlannableOrder, PlannableStage, unknown, unknown>, nextState: OrderState, context: PlanningContext): AuditEvent[] {
  const actor = change.actor ?? 'system:workflow';
  const base = { orderId: change.order.orderId, at: context.at, actor, ...(change.reason ? { reason: change.reason.slice(0, 1000) } : {}) };
  const events: AuditEvent[] = [];
  if (nextState !== change.order.state) {
    events.push({ ...base, eventId: context.newEventId(), type: 'STATE_CHANGE', fromState: change.order.state, toState: nextState });
  }
  for (const stage of change.stages ?? []) {
    if (stage.current?.status === stage.status && !stage.startAttempt) continue;
    events.push({ ...base, eventId: context.newEventId(), type: 'STAGE_UPDATE', stage: stage.stage, stageStatus: stage.status, ...(stage.note ? { reason: stage.note.slice(0, 1000) } : {}) });
  }
  return events;
}

/** Planned due time of a stage (from the order's SLA plan) and, when it finishes, on-time and working hours. */
function timingFields(order: PlannableOrder, change: StageChange, startedAt: string | undefined, at: string, calendar: BusinessCalendar) {
  const due = stageDueTimesOf(order)[change.stage];
  const timing = change.finish && startedAt ? stageTiming(startedAt, at, due, calendar) : {};
  return { ...(due ? { dueAt: due } : {}), ...timing };
}

/** The report fact of a stage attempt this change finishes (none when it does not finish one). */
function stageOutcomeOf(order: PlannableOrder, change: StageChange, at: string, calendar: BusinessCalendar): StageOutcome[] {
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

function stageWriteOf(order: PlannableOrder, change: StageChange, at: string, calendar: BusinessCalendar): StageWrite {
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
      kind: 'create',
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
    kind: 'update',
    stage: change.stage,
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
