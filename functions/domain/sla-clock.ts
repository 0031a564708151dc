/**
 * The SLA clock: working time between instants, due times from budgets of working time, customer holds that stop the
 * clock, extensions that only count when approved in time, and the ON_TRACK / AT_RISK / BREACHED status.
 *
 * Everything is measured on a {@link BusinessCalendar} (its time zone, working hours, holidays and make-up days), in
 * integer milliseconds of working time, so sums of elapsed working time add up exactly. A working day is the calendar's
 * working hours of one day (8 h with the standard hours), so `{ workingDays: 1 }` from Monday 10:00 is due Tuesday 10:00.
 *
 * A computation that needs a day of a year without a published holiday schedule throws CalendarNotPublishedError
 * (see business-calendar.ts): the clock refuses rather than treat an unannounced Spring Festival as working days.
 */
import { coversInstant, instantAtWorkingTimePosition, workingTimePosition } from './business-calendar.ts';
import type { BusinessCalendar } from './business-calendar.ts';

const MS_PER_HOUR = 3_600_000;

// ---------------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------------

/** A budget that is negative, not a finite number, or empty. */
export class InvalidBudgetError extends RangeError {
  override readonly name = 'InvalidBudgetError';
}

/** An instant, range, hold or threshold the clock cannot work with (invalid date, end before start, …). */
export class InvalidClockInputError extends RangeError {
  override readonly name = 'InvalidClockInputError';
}

/** The due time cannot be known: a hold that has not ended stopped the clock before the budget was used up. */
export class ClockHeldError extends Error {
  override readonly name = 'ClockHeldError';
  constructor(
    readonly heldSince: Date,
    readonly remainingWorkingMs: number,
  ) {
    super(`the clock is held since ${heldSince.toISOString()} with ${remainingWorkingMs} ms of working time left`);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Budgets and holds
// ---------------------------------------------------------------------------------------------------------------------

/** Working time to spend; both parts add up. Same shape as an SLA policy's stage budget. */
export interface WorkingTimeBudget {
  readonly workingDays?: number;
  readonly workingHours?: number;
}

/**
 * A customer-caused hold: the clock stops from `from` until `to` (exclusive); without `to` the order is still held.
 * Overlapping holds count once.
 */
export interface Pause {
  readonly from: Date;
  readonly to?: Date | undefined;
}

/** The budget in milliseconds of working time on this calendar (a working day = its working hours of one day). */
export function workingTimeOf(budget: WorkingTimeBudget, calendar: BusinessCalendar): number {
  const { workingDays, workingHours } = budget;
  if (workingDays === undefined && workingHours === undefined) throw new InvalidBudgetError('a budget needs workingDays or workingHours');
  for (const [field, value] of [['workingDays', workingDays], ['workingHours', workingHours]] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidBudgetError(`${field} must be a finite number, not ${String(value)}`);
    if (value < 0) throw new InvalidBudgetError(`${field} must not be negative (${value})`);
  }
  return Math.round((workingDays ?? 0) * calendar.workingMsPerDay + (workingHours ?? 0) * MS_PER_HOUR);
}

export function asWorkingHours(workingMs: number): number {
  return workingMs / MS_PER_HOUR;
}

export function asWorkingDays(workingMs: number, calendar: BusinessCalendar): number {
  return workingMs / calendar.workingMsPerDay;
}

function instantMs(instant: Date, what: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new InvalidClockInputError(`${what} is not a valid instant`);
  return ms;
}

interface NormalizedPause {
  readonly from: number;
  /** Infinity while the hold has not ended. */
  readonly to: number;
}

/** Holds sorted and merged, so that overlapping holds do not stop the clock twice. */
function normalizePauses(pauses: readonly Pause[]): NormalizedPause[] {
  const sorted = pauses
    .map((pause, i) => {
      const from = instantMs(pause.from, `pauses[${i}].from`);
      const to = pause.to === undefined ? Number.POSITIVE_INFINITY : instantMs(pause.to, `pauses[${i}].to`);
      if (to < from) throw new InvalidClockInputError(`pauses[${i}] ends before it starts`);
      return { from, to };
    })
    .filter((pause) => pause.to > pause.from)
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const pause of sorted) {
    const last = merged[merged.length - 1];
    if (last && pause.from <= last.to) last.to = Math.max(last.to, pause.to);
    else merged.push({ ...pause });
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------------------------------
// Elapsed working time
// ---------------------------------------------------------------------------------------------------------------------

function workingMsBetween(calendar: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  return workingTimePosition(calendar, new Date(to)) - workingTimePosition(calendar, new Date(from));
}

function elapsedMs(calendar: BusinessCalendar, from: number, to: number, pauses: readonly NormalizedPause[]): number {
  let elapsed = workingMsBetween(calendar, from, to);
  for (const pause of pauses) {
    const heldFrom = Math.max(pause.from, from);
    const heldTo = Math.min(pause.to, to);
    if (heldTo > heldFrom) elapsed -= workingMsBetween(calendar, heldFrom, heldTo);
  }
  return elapsed;
}

/**
 * Milliseconds of working time from `from` to `to`, without the working time of holds.
 * @throws InvalidClockInputError when `to` is before `from`; CalendarNotPublishedError outside published years.
 */
export function elapsedWorkingTime(from: Date, to: Date, calendar: BusinessCalendar, pauses: readonly Pause[] = []): number {
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  if (toMs < fromMs) throw new InvalidClockInputError(`to (${to.toISOString()}) is before from (${from.toISOString()})`);
  return elapsedMs(calendar, fromMs, toMs, normalizePauses(pauses));
}

// ---------------------------------------------------------------------------------------------------------------------
// Due times
// ---------------------------------------------------------------------------------------------------------------------

export type DueTimeProjection =
  | { readonly kind: 'DUE'; readonly due: Date }
  | { readonly kind: 'HELD'; readonly heldSince: Date; readonly remainingWorkingMs: number };

/**
 * The instant `workingMs` of working time after `fromMs`, or how far it got before `limitMs`. Only touches the calendar
 * up to the earlier of the two, so a hold starting in a year not yet published does not matter if the due time is before it.
 */
function advanceUntil(calendar: BusinessCalendar, fromMs: number, workingMs: number, limitMs: number): { reached: number } | { consumed: number } {
  const fromPosition = workingTimePosition(calendar, new Date(fromMs));
  if (coversInstant(calendar, new Date(limitMs))) {
    const available = workingTimePosition(calendar, new Date(limitMs)) - fromPosition;
    if (available < workingMs) return { consumed: available };
  }
  // Either the budget runs out by the limit, or the limit lies beyond the published years and so must the due time.
  return { reached: instantAtWorkingTimePosition(calendar, fromPosition + workingMs).getTime() };
}

function projectDue(start: number, budgetMs: number, calendar: BusinessCalendar, pauses: readonly NormalizedPause[]): DueTimeProjection {
  // A zero budget is due at once, wherever the start falls: the stage owed nothing. The start must still be in a
  // published year, so that a zero budget does not slip an unpublished year past the clock.
  if (budgetMs === 0) {
    workingTimePosition(calendar, new Date(start));
    return { kind: 'DUE', due: new Date(start) };
  }
  let cursor = start;
  let remaining = budgetMs;
  for (const pause of pauses) {
    if (pause.to <= cursor) continue;
    if (pause.from > cursor) {
      const step = advanceUntil(calendar, cursor, remaining, pause.from);
      if ('reached' in step) return { kind: 'DUE', due: new Date(step.reached) };
      remaining -= step.consumed;
    }
    if (pause.to === Number.POSITIVE_INFINITY) return { kind: 'HELD', heldSince: new Date(Math.max(pause.from, start)), remainingWorkingMs: remaining };
    cursor = pause.to;
  }
  return { kind: 'DUE', due: instantAtWorkingTimePosition(calendar, workingTimePosition(calendar, new Date(cursor)) + remaining) };
}

/**
 * When `budget` of working time from `start` runs out, holds excluded; or, when a hold that has not ended stopped the
 * clock first, since when it is held and how much working time is left.
 */
export function dueTimeOrHold(start: Date, budget: WorkingTimeBudget, calendar: BusinessCalendar, pauses: readonly Pause[] = []): DueTimeProjection {
  return projectDue(instantMs(start, 'start'), workingTimeOf(budget, calendar), calendar, normalizePauses(pauses));
}

/**
 * When `budget` of working time from `start` runs out, holds excluded. The due time is the earliest instant at which
 * the budget is used up, so it falls inside working hours or exactly at the end of a working interval (Friday 18:00
 * rather than Monday 09:00); a zero budget is due at `start`.
 * @throws InvalidBudgetError for a negative, non-finite or empty budget; ClockHeldError when an open hold stops the
 *   clock first; CalendarNotPublishedError when the budget reaches a year without a published schedule.
 */
export function dueTime(start: Date, budget: WorkingTimeBudget, calendar: BusinessCalendar, pauses: readonly Pause[] = []): Date {
  const projection = dueTimeOrHold(start, budget, calendar, pauses);
  if (projection.kind === 'HELD') throw new ClockHeldError(projection.heldSince, projection.remainingWorkingMs);
  return projection.due;
}

// ---------------------------------------------------------------------------------------------------------------------
// Extensions
// ---------------------------------------------------------------------------------------------------------------------

export interface ExtensionDecision {
  readonly requestedAt: Date;
  /** Absent while the extension waits for approval. */
  readonly approvedAt?: Date | undefined;
}

/** More working time on top of the current due time, or an agreed new due time (e.g. after a network build plan). */
export type ExtensionRequest = ExtensionDecision & ({ readonly extraWorkingTime: WorkingTimeBudget } | { readonly newDue: Date });

export type ExtensionRefusal = 'NOT_APPROVED' | 'REQUESTED_AFTER_DUE' | 'APPROVED_AFTER_DUE';

export type ExtensionOutcome =
  | { readonly kind: 'EXTENDED'; readonly due: Date; readonly previousDue: Date; readonly addedWorkingMs: number }
  /** The due time stays; after REQUESTED_AFTER_DUE or APPROVED_AFTER_DUE the stage stays overdue. */
  | { readonly kind: 'REFUSED'; readonly reason: ExtensionRefusal; readonly due: Date };

/**
 * Applies an extension to the stage's current due time (as last computed, with the holds that had ended). It only
 * counts when it was asked for and approved no later than that due time: the stage is overdue only after its due time,
 * and an extension approved once it is overdue would erase the breach the loop exists to record.
 * @throws InvalidClockInputError when approval precedes the request or `newDue` is not later than the current due;
 *   InvalidBudgetError when the extension adds no working time.
 */
export function applyExtension(currentDue: Date, extension: ExtensionRequest, calendar: BusinessCalendar, pauses: readonly Pause[] = []): ExtensionOutcome {
  const dueMs = instantMs(currentDue, 'currentDue');
  const requestedMs = instantMs(extension.requestedAt, 'extension.requestedAt');
  const approvedMs = extension.approvedAt === undefined ? undefined : instantMs(extension.approvedAt, 'extension.approvedAt');
  if (approvedMs !== undefined && approvedMs < requestedMs) throw new InvalidClockInputError('an extension cannot be approved before it is requested');
  // Like the due time it extends, the new due time includes the holds that have ended; an open hold moves it later
  // only once it ends and the due time is recomputed.
  const endedHolds = normalizePauses(pauses).filter((pause) => pause.to !== Number.POSITIVE_INFINITY);
  const extraMs = 'extraWorkingTime' in extension ? workingTimeOf(extension.extraWorkingTime, calendar) : undefined;
  const newDueMs = 'newDue' in extension ? instantMs(extension.newDue, 'extension.newDue') : undefined;
  if (newDueMs !== undefined && newDueMs <= dueMs) throw new InvalidClockInputError('the new due time must be later than the current one');

  if (requestedMs > dueMs) return { kind: 'REFUSED', reason: 'REQUESTED_AFTER_DUE', due: currentDue };
  if (approvedMs === undefined) return { kind: 'REFUSED', reason: 'NOT_APPROVED', due: currentDue };
  if (approvedMs > dueMs) return { kind: 'REFUSED', reason: 'APPROVED_AFTER_DUE', due: currentDue };

  const addedWorkingMs = extraMs ?? elapsedMs(calendar, dueMs, newDueMs ?? dueMs, endedHolds);
  if (addedWorkingMs === 0) throw new InvalidBudgetError('the extension adds no working time');
  const projection = projectDue(dueMs, addedWorkingMs, calendar, endedHolds);
  if (projection.kind === 'HELD') throw new Error('unreachable: only ended holds are applied');
  return { kind: 'EXTENDED', due: projection.due, previousDue: currentDue, addedWorkingMs };
}

// ---------------------------------------------------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------------------------------------------------

export type SlaStatus = 'ON_TRACK' | 'AT_RISK' | 'BREACHED';

export const DEFAULT_JEOPARDY_THRESHOLD = 0.75;

export interface SlaStatusReport {
  readonly status: SlaStatus;
  /** Working time used ÷ budget; above 1 once the stage runs late during working hours. */
  readonly fractionUsed: number;
  readonly budgetMs: number;
  readonly usedMs: number;
  readonly remainingMs: number;
  /** Due time with every hold applied; null while an open hold stops the clock before the budget runs out. */
  readonly due: Date | null;
  /** Whether a hold is open at `now`. */
  readonly held: boolean;
}

/**
 * The SLA status of a stage or order at `now`.
 *
 * `due` is the stage's due time as last computed: with the holds that had ended by then (dueTime(start, budget,
 * calendar, endedHolds)); a hold still open has not moved it yet, since nobody knows how long it will last. The budget
 * is recovered from it as the working time from `start` to `due` without the ended holds, and is then compared with the
 * working time used from `start` to `now` without any hold. BREACHED means `now` is past the due time with every
 * hold applied; AT_RISK means at least `jeopardyThreshold` of the budget is used.
 */
export function slaStatus(
  start: Date,
  due: Date,
  now: Date,
  calendar: BusinessCalendar,
  pauses: readonly Pause[] = [],
  jeopardyThreshold: number = DEFAULT_JEOPARDY_THRESHOLD,
): SlaStatusReport {
  const startMs = instantMs(start, 'start');
  const dueMs = instantMs(due, 'due');
  const nowMs = instantMs(now, 'now');
  if (dueMs < startMs) throw new InvalidClockInputError('due is before start');
  if (!(jeopardyThreshold > 0 && jeopardyThreshold <= 1)) throw new InvalidClockInputError(`jeopardy threshold must be in (0, 1], not ${jeopardyThreshold}`);
  const all = normalizePauses(pauses);
  const ended = all.filter((pause) => pause.to !== Number.POSITIVE_INFINITY);

  const budgetMs = elapsedMs(calendar, startMs, dueMs, ended);
  const usedMs = nowMs <= startMs ? 0 : elapsedMs(calendar, startMs, nowMs, all);
  const projection = projectDue(startMs, budgetMs, calendar, all);
  const effectiveDue = projection.kind === 'DUE' ? projection.due : null;
  const fractionUsed = budgetMs === 0 ? (nowMs >= startMs ? 1 : 0) : usedMs / budgetMs;
  const status: SlaStatus =
    effectiveDue !== null && nowMs > effectiveDue.getTime() ? 'BREACHED' : fractionUsed >= jeopardyThreshold ? 'AT_RISK' : 'ON_TRACK';
  const held = all.some((pause) => pause.from <= nowMs && nowMs < pause.to);
  return { status, fractionUsed, budgetMs, usedMs, remainingMs: Math.max(0, budgetMs - usedMs), due: effectiveDue, held };
}
