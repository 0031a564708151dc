/**
 * Jeopardy of a stage or an order: when it becomes AT_RISK (the policy's share of its budget of working time used,
 * default 75 %), when it is BREACHED (past its due time), and what the SLA sweep does next for it. Pure: the calendar,
 * the holds and `now` come in as arguments.
 *
 * The sweep does not look at every open stage. Each open stage (and each open order) has one "watch": the next
 * instant at which something must happen to it (`fireAt`) and what (`step`): record AT_RISK, record BREACHED, then
 * climb the escalation chain. {@link scheduleWatch} computes it when a stage starts or its plan changes;
 * {@link advanceWatch} computes the following one after the sweep has acted. The data layer indexes watches by
 * `fireAt` (see functions/data/sla-repository.ts), so a sweep reads only what is due.
 */
import type { BusinessCalendar } from './business-calendar.ts';
import { dueTimeOrHold, elapsedWorkingTime, DEFAULT_JEOPARDY_THRESHOLD } from './sla-clock.ts';
import type { Pause, SlaStatus } from './sla-clock.ts';
import type { SlaTarget } from './order-stages.ts';
import { nextEscalationLevel } from './escalation.ts';
import type { EscalationLevel } from './escalation.ts';
import type { AccountTier } from './accounts.ts';


export type JeopardyLevel = 'AT_RISK' | 'BREACHED';

/**
 * What the sweep does when a watch fires: record a jeopardy level, or notify the next level of the escalation chain.
 * NONE: nothing is left to do (the chain is exhausted or someone took ownership), but the target stays breached, so the
 * watch stays in the at-risk list (and out of the due-time index) until the stage finishes.
 */
export const watchSteps = ['AT_RISK', 'BREACHED', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'GROUP_KEY_ACCOUNT', 'NONE'] as const;
export type WatchStep = (typeof watchSteps)[number];

const MS_PER_HOUR = 3_600_000;

export interface ThresholdInput {
  readonly startedAt: Date;
  /** The due time as planned, before any hold: its working time from the start is the budget. */
  readonly dueAt: Date;
  /** Share of the budget from which the target is at risk, in (0, 1]. */
  readonly jeopardyThreshold?: number | undefined;
  /**
   * Customer holds since the start: an ended hold moves both instants later by its working time; an open hold stops
   * the clock, so nothing is scheduled while it lasts. A caller whose `dueAt` already includes the holds passes none.
   */
  readonly pauses?: readonly Pause[] | undefined;
}

export interface ThresholdInstants {
  readonly atRiskAt: Date;
  readonly dueAt: Date;
}

/**
 * The instants at which a target becomes AT_RISK and BREACHED (breached: every instant after `dueAt`), on the working
 * calendar, holds excluded. Undefined while an open hold stops the clock: its due time is unknown until it ends.
 * A target started after its planned due time (earlier stages ran late) is at risk at once.
 */
export function thresholdInstants(input: ThresholdInput, calendar: BusinessCalendar): ThresholdInstants | undefined {
  const threshold = input.jeopardyThreshold ?? DEFAULT_JEOPARDY_THRESHOLD;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`jeopardy threshold must be in (0, 1], not ${threshold}`);
  const pauses = input.pauses ?? [];
  if (input.dueAt.getTime() <= input.startedAt.getTime()) {
    if (pauses.some((pause) => pause.to === undefined)) return undefined;
    return { atRiskAt: input.startedAt, dueAt: input.dueAt };
  }
  const budgetMs = elapsedWorkingTime(input.startedAt, input.dueAt, calendar);
  const atRisk = dueTimeOrHold(input.startedAt, { workingHours: (budgetMs * threshold) / MS_PER_HOUR }, calendar, pauses);
  const due = dueTimeOrHold(input.startedAt, { workingHours: budgetMs / MS_PER_HOUR }, calendar, pauses);
  if (atRisk.kind === 'HELD' || due.kind === 'HELD') return undefined;
  // Without holds the planned due time stands as planned (the clock would give the end of the previous working day
  // for a due time at the start of one: the same working time, but not the instant the customer was given).
  const dueAt = pauses.length === 0 ? input.dueAt : new Date(Math.max(due.due.getTime(), input.dueAt.getTime()));
  return { atRiskAt: atRisk.due, dueAt };
}

/** The jeopardy status at `now` from the threshold instants: BREACHED once past due, AT_RISK from the at-risk instant. */
export function jeopardyStatusAt(instants: ThresholdInstants, now: Date): SlaStatus {
  if (now.getTime() > instants.dueAt.getTime()) return 'BREACHED';
  if (now.getTime() >= instants.atRiskAt.getTime()) return 'AT_RISK';
  return 'ON_TRACK';
}

export interface WatchSchedule {
  readonly step: WatchStep;
  /** When the sweep should act; never before the instant the watch was written, so a sweep cannot have passed it. */
  readonly fireAt: Date;
  readonly state: SlaStatus;
  readonly atRiskAt: Date;
  readonly dueAt: Date;
}

/**
 * The first watch of a target that starts (or whose plan or holds change) at `now`. It always begins with AT_RISK:
 * a level that was already recorded is recognised by the sweep (the alert exists) and skipped, so rescheduling never
 * loses a level and never records one twice. A threshold already in the past fires at `now`.
 */
export function scheduleWatch(input: ThresholdInput, now: Date, calendar: BusinessCalendar): WatchSchedule | undefined {
  const instants = thresholdInstants(input, calendar);
  if (!instants) return undefined;
  return {
    step: 'AT_RISK',
    fireAt: new Date(Math.max(instants.atRiskAt.getTime(), now.getTime())),
    state: jeopardyStatusAt(instants, now),
    ...instants,
  };
}

export interface EscalationTiming {
  /** Working time after one level of the chain is notified before the next one is, if nobody took ownership. */
  readonly intervalWorkingHours: number;
  readonly tier: AccountTier | undefined;
}

/** The escalation level a watch step notifies. */
export function escalationLevelOf(step: WatchStep): EscalationLevel | undefined {
  switch (step) {
    case 'BREACHED':
      return 'OWNER';
    case 'SUPERVISOR':
    case 'DEPARTMENT_HEAD':
    case 'GROUP_KEY_ACCOUNT':
      return step;
    case 'AT_RISK':
    case 'NONE':
      return undefined;
  }
}

/** A breached watch with nothing left to do: listed as breached until its stage finishes, never fired again. */
export function exhaustedWatch(current: { readonly fireAt: Date; readonly atRiskAt: Date; readonly dueAt: Date }): WatchSchedule {
  return { step: 'NONE', state: 'BREACHED', fireAt: current.fireAt, atRiskAt: current.atRiskAt, dueAt: current.dueAt };
}

/**
 * The watch after `step` has been acted on (the step was scheduled for `fireAt`): BREACHED one millisecond after the
 * due time, then each escalation level `intervalWorkingHours` of working time after the previous one, with the group
 * key-account level only for GROUP accounts; then NONE.
 */
export function advanceWatch(
  current: { readonly step: WatchStep; readonly fireAt: Date; readonly atRiskAt: Date; readonly dueAt: Date },
  timing: EscalationTiming,
  calendar: BusinessCalendar,
): WatchSchedule {
  const base = { atRiskAt: current.atRiskAt, dueAt: current.dueAt };
  if (current.step === 'AT_RISK') {
    return { ...base, step: 'BREACHED', state: 'AT_RISK', fireAt: new Date(Math.max(current.dueAt.getTime() + 1, current.fireAt.getTime())) };
  }
  const level = escalationLevelOf(current.step);
  const next = level ? nextEscalationLevel(level, timing.tier) : undefined;
  if (!next || next === 'OWNER') return exhaustedWatch(current);
  const fireAt = dueTimeOrHold(current.fireAt, { workingHours: timing.intervalWorkingHours }, calendar);
  if (fireAt.kind === 'HELD') return exhaustedWatch(current);
  return { ...base, step: next, state: 'BREACHED', fireAt: fireAt.due };
}

export interface JeopardyAlertContent {
  readonly level: JeopardyLevel;
  /** TMF622 JeopardyAlert.jeopardyType: hazard while at risk, critical once breached. */
  readonly jeopardyType: 'hazard' | 'critical';
  readonly name: string;
  readonly message: string;
}

const targetNames: Readonly<Record<SlaTarget, string>> = {
  ORDER: 'order',
  ORDER_ACCEPTANCE: 'order acceptance check',
  RESOURCE_CONFIRMATION: 'resource confirmation',
  NETWORK_BUILD: 'network build',
  ACTIVATION: 'activation',
  TEST: 'test and completion report',
  CUSTOMER_ACCEPTANCE: 'customer acceptance',
  BILLING_START: 'billing start',
  CRM_CLOSE: 'CRM filing',
};

/** The TMF-style content of a jeopardy alert for a target reaching `level`. */
export function jeopardyAlertContent(target: SlaTarget, level: JeopardyLevel, instants: ThresholdInstants, jeopardyThreshold = DEFAULT_JEOPARDY_THRESHOLD): JeopardyAlertContent {
  const what = targetNames[target];
  return level === 'AT_RISK'
    ? {
        level,
        jeopardyType: 'hazard',
        name: `${target} at risk`,
        message: `${what} has used ${Math.round(jeopardyThreshold * 100)} % of its working time; due ${instants.dueAt.toISOString()}`,
      }
    : {
        level,
        jeopardyType: 'critical',
        name: `${target} breached`,
        message: `${what} is past its due time ${instants.dueAt.toISOString()}`,
      };
}

