/**
 * An order's timed plan: from its SLA policy and the business calendar, a planned due time for every stage (each stage's
 * budget added after the previous stage's due time) and for the order; and, when a stage finishes, whether it was on
 * time and how much working time it took. A year whose holiday schedule is not published yet is reported, not guessed.
 */
import { CalendarNotPublishedError } from './business-calendar.ts';
import type { BusinessCalendar } from './business-calendar.ts';
import { asWorkingHours, dueTime, elapsedWorkingTime } from './sla-clock.ts';
import { orderStages } from './order-stages.ts';
import type { OrderStage } from './order-stages.ts';
import type { SlaPolicy } from './sla-policy.ts';

export interface OrderSlaPlan {
  readonly dueAt?: string;
  readonly stageDueTimes: Partial<Record<OrderStage, string>>;
  /** Why some due times are missing (an unpublished holiday year), or which policy applied. */
  readonly note: string;
}

export function planOrderSla(start: Date, policy: SlaPolicy, calendar: BusinessCalendar, standard: boolean): OrderSlaPlan {
  const stageDueTimes: Partial<Record<OrderStage, string>> = {};
  const label = `${standard ? 'standard SLA (no contract), ' : ''}policy ${policy.policyId} v${policy.version}`;
  try {
    let cursor = start;
    for (const stage of orderStages) {
      const budget = policy.stageBudgets[stage];
      if (!budget) continue;
      cursor = dueTime(cursor, budget, calendar);
      stageDueTimes[stage] = cursor.toISOString();
    }
    return { dueAt: dueTime(start, policy.endToEnd, calendar).toISOString(), stageDueTimes, note: label };
  } catch (error) {
    if (error instanceof CalendarNotPublishedError) {
      return { stageDueTimes, note: `${label}; the ${error.year} holiday schedule is not published yet, so later due times are not set` };
    }
    throw error;
  }
}

export interface StageTiming {
  readonly onTime?: boolean;
  readonly workingHours?: number;
}

export function stageTiming(startedAt: string, finishedAt: string, due: string | undefined, calendar: BusinessCalendar): StageTiming {
  let workingHours: number | undefined;
  try {
    workingHours = Math.round(asWorkingHours(elapsedWorkingTime(new Date(startedAt), new Date(finishedAt), calendar)) * 100) / 100;
  } catch (error) {
    if (!(error instanceof CalendarNotPublishedError)) throw error;
  }
  return { ...(due ? { onTime: finishedAt <= due } : {}), ...(workingHours !== undefined ? { workingHours } : {}) };
}

/**
 * A customer-caused hold stopped the clock from `holdStart` to `holdEnd`: a due time not yet reached when the hold
 * began keeps the working time it had left, counted again from the end of the hold. A due time already passed when the
 * hold began stays: a hold does not rescue a stage that was already late.
 */
export function dueAfterHold(due: string, holdStart: Date, holdEnd: Date, calendar: BusinessCalendar): string {
  const dueInstant = new Date(due);
  if (dueInstant <= holdStart) return due;
  const remainingMs = elapsedWorkingTime(holdStart, dueInstant, calendar);
  return dueTime(holdEnd, { workingHours: remainingMs / 3_600_000 }, calendar).toISOString();
}

export interface PlanAfterHold {
  readonly stageDueTimes: Partial<Record<OrderStage, string>>;
  readonly dueAt?: string | undefined;
  /** Working hours the hold took out of the clock (absent when the calendar could not say). */
  readonly heldWorkingHours?: number | undefined;
  readonly note?: string | undefined;
}

/** The order's plan after a hold: every stage not finished and the order's own due time move by the held working time. */
export function planAfterHold(
  plan: { stageDueTimes: Partial<Record<OrderStage, string>>; dueAt?: string | undefined },
  finishedStages: ReadonlySet<OrderStage>,
  holdStart: Date,
  holdEnd: Date,
  calendar: BusinessCalendar,
): PlanAfterHold {
  try {
    const stageDueTimes: Partial<Record<OrderStage, string>> = {};
    for (const stage of orderStages) {
      const due = plan.stageDueTimes[stage];
      if (due === undefined) continue;
      stageDueTimes[stage] = finishedStages.has(stage) ? due : dueAfterHold(due, holdStart, holdEnd, calendar);
    }
    const heldWorkingHours = Math.round(asWorkingHours(elapsedWorkingTime(holdStart, holdEnd, calendar)) * 100) / 100;
    return { stageDueTimes, dueAt: plan.dueAt === undefined ? undefined : dueAfterHold(plan.dueAt, holdStart, holdEnd, calendar), heldWorkingHours };
  } catch (error) {
    if (error instanceof CalendarNotPublishedError) {
      return { ...plan, note: `the ${error.year} holiday schedule is not published yet, so due times were not moved for the hold` };
    }
    throw error;
  }
}
