/**
 * What the SLA sweep must watch after an order change: one watch per open stage with a planned due time, and one for
 * the order end to end (target ORDER). Pure: the order change planner (order-change-plan.ts) puts these writes in the
 * same transaction as the stage records, so the due-time index cannot drift from the stages; the sweep advances a
 * watch with {@link watchItemFromSchedule}.
 *
 * - a stage entering IN_PROGRESS or WAITING with a due time (re)schedules its watch from AT_RISK;
 * - a stage DONE or FAILED, or not started (PENDING), has its watch removed;
 * - an order whose plan sets `dueAt` gets an ORDER watch; an order reaching HELD loses every watch it has (the clock is
 *   stopped) and an order that ends (phase ENDED) too;
 * - a change that carries pauses (customer holds, ended or not) schedules with them: a resume re-adds the watch with
 *   its due time moved by the hold; an open hold schedules nothing.
 */
import type { BusinessCalendar } from './business-calendar.ts';
import { CalendarNotPublishedError } from './business-calendar.ts';
import { isInterruption, isTerminal } from './order-lifecycle.ts';
import type { OrderState } from './order-lifecycle.ts';
import { orderStages, orderTarget } from './order-stages.ts';
import type { OrderStage, SlaTarget, StageStatus } from './order-stages.ts';
import { DEFAULT_JEOPARDY_THRESHOLD } from './sla-clock.ts';
import type { Pause, SlaStatus } from './sla-clock.ts';
import { hourBucketOf, scheduleWatch } from './sla-jeopardy.ts';
import type { WatchSchedule, WatchStep } from './sla-jeopardy.ts';
import { slaPolicies } from './sla-policy.ts';

/** The order as the watch needs it: ownership (for the at-risk lists) and the policy it was planned with. */
export interface WatchedOrder {
  readonly orderId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly accountManager: string;
  readonly supervisorId: string;
  readonly unitId: string;
  readonly slaPolicyId?: string | undefined;
  readonly slaPolicyVersion?: number | undefined;
}

/** One SLA watch: the next instant the sweep must act on a target and what it must do then. */
export interface SlaWatchItem {
  readonly orderId: string;
  readonly target: SlaTarget;
  readonly step: WatchStep;
  readonly fireAt: string;
  readonly bucket: string;
  readonly state: SlaStatus;
  readonly startedAt: string;
  readonly atRiskAt: string;
  readonly dueAt: string;
  readonly jeopardyThreshold: number;
  readonly owner: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly accountManager: string;
  readonly supervisorId: string;
  readonly unitId: string;
  readonly calendarId?: string | undefined;
  readonly updatedAt: string;
}

export type SlaWatchWrite = { readonly kind: 'put'; readonly item: SlaWatchItem } | { readonly kind: 'delete'; readonly key: { orderId: string; target: SlaTarget } };

/** The jeopardy threshold of the policy the order was planned with (kept with its version), else the default. */
export function jeopardyThresholdOf(order: Pick<WatchedOrder, 'slaPolicyId' | 'slaPolicyVersion'>): number {
  const policy = slaPolicies.find((candidate) => candidate.policyId === order.slaPolicyId && candidate.version === (order.slaPolicyVersion ?? candidate.version));
  return policy?.jeopardyThreshold ?? DEFAULT_JEOPARDY_THRESHOLD;
}

/** The watch's item from a schedule: the index attributes (bucket, fireAt, state) are derived here and nowhere else. */
export function watchItemFromSchedule(base: Omit<SlaWatchItem, 'step' | 'fireAt' | 'bucket' | 'state' | 'atRiskAt' | 'dueAt' | 'updatedAt'>, schedule: WatchSchedule, at: string): SlaWatchItem {
  return {
    ...base,
    step: schedule.step,
    fireAt: schedule.fireAt.toISOString(),
    bucket: hourBucketOf(schedule.fireAt),
    state: schedule.state,
    atRiskAt: schedule.atRiskAt.toISOString(),
    dueAt: schedule.dueAt.toISOString(),
    updatedAt: at,
  };
}

/**
 * The watch item of one target of an order that is open at `at`, or undefined when there is nothing to watch (no due
 * time, a due time in an unpublished year, or a hold that is still open).
 */
export function slaWatchItem(
  order: WatchedOrder,
  target: { target: SlaTarget; owner: string; startedAt: string; dueAt: string },
  at: string,
  calendar: BusinessCalendar,
  pauses: readonly Pause[] = [],
): SlaWatchItem | undefined {
  const jeopardyThreshold = jeopardyThresholdOf(order);
  let schedule: WatchSchedule | undefined;
  try {
    schedule = scheduleWatch({ startedAt: new Date(target.startedAt), dueAt: new Date(target.dueAt), jeopardyThreshold, pauses }, new Date(at), calendar);
  } catch (error) {
    if (error instanceof CalendarNotPublishedError) return undefined;
    throw error;
  }
  if (!schedule) return undefined;
  return watchItemFromSchedule(
    {
      orderId: order.orderId,
      target: target.target,
      startedAt: target.startedAt,
      jeopardyThreshold,
      owner: target.owner,
      accountId: order.accountId,
      accountName: order.accountName,
      accountManager: order.accountManager,
      supervisorId: order.supervisorId,
      unitId: order.unitId,
      calendarId: calendar.id,
    },
    schedule,
    at,
  );
}

/** A stage as the watches need it, after the change. */
export interface WatchedStage {
  readonly stage: OrderStage;
  readonly status: StageStatus;
  readonly owner: string;
  readonly startedAt?: string | undefined;
  readonly dueAt?: string | undefined;
}

/**
 * The watch writes of one order change (see the module comment): at most one per target. `order` is the order after
 * the change, `stages` the stage records after it.
 */
export function slaWatchWrites(
  change: {
    order: WatchedOrder & { readonly orderDate: string; readonly dueAt?: string | undefined };
    nextState: OrderState;
    stages: readonly WatchedStage[];
    at: string;
    pauses?: readonly Pause[] | undefined;
    orderPlanned: boolean;
  },
  calendar: BusinessCalendar,
): SlaWatchWrite[] {
  const { order, at } = change;
  const writes = new Map<SlaTarget, SlaWatchWrite>();
  const clear = (target: SlaTarget) => writes.set(target, { kind: 'delete', key: { orderId: order.orderId, target } });
  // Ended, held (the clock is stopped; resuming reschedules with the moved due times) or being cancelled: nothing to watch.
  if (isTerminal(change.nextState) || isInterruption(change.nextState)) {
    for (const target of [...orderStages, orderTarget]) clear(target);
    return [...writes.values()];
  }
  for (const stage of change.stages) {
    const open = stage.status === 'IN_PROGRESS' || stage.status === 'WAITING';
    const item = open && stage.startedAt && stage.dueAt ? slaWatchItem(order, { target: stage.stage, owner: stage.owner, startedAt: stage.startedAt, dueAt: stage.dueAt }, at, calendar, change.pauses) : undefined;
    if (item) writes.set(stage.stage, { kind: 'put', item });
    else clear(stage.stage);
  }
  if ((change.orderPlanned || change.pauses !== undefined) && order.dueAt) {
    const item = slaWatchItem(order, { target: orderTarget, owner: order.accountManager, startedAt: order.orderDate, dueAt: order.dueAt }, at, calendar, change.pauses);
    if (item) writes.set(orderTarget, { kind: 'put', item });
    else clear(orderTarget);
  }
  return [...writes.values()];
}
