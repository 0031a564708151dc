/**
 * One change of an order, start to finish: load what the decision needs (the business calendar the order is planned
 * on), let the domain plan it (domain/order-change-plan.ts), write the plan as one transaction, then do what follows a
 * committed change: the stage metrics, and the parent's roll-up for a child order.
 */
import { nowIso } from '../commons/clock.ts';
import { InvalidTransitionError } from '../commons/errors.ts';
import { newEventId } from '../commons/event-ids.ts';
import { recordStageFinished } from '../commons/sla-metrics.ts';
import { planOrderChange } from '../domain/order-change-plan.ts';
import type { OrderState } from '../domain/order-lifecycle.ts';
import { calendarOfOrder } from '../data/calendars-repository.ts';
import { writeOrderChange } from '../data/orders-repository.ts';
import type { OrderChange } from '../data/orders-repository.ts';
import type { OrderRecord } from '../data/entities/order.ts';
import { rollUpAfterChildChange } from './order-rollup.ts';

export interface CommittedChange {
  readonly order: OrderRecord;
  readonly from: OrderState;
  readonly to: OrderState;
}

export async function commitOrderChange(change: OrderChange): Promise<CommittedChange> {
  // Stage timings and SLA watches run on the calendar the order was planned on (its A-end's province, or CN).
  const calendar = await calendarOfOrder({ ...change.order, ...(change.set ?? {}) });
  const verdict = planOrderChange(change, { at: nowIso(), calendar, newEventId });
  if (!verdict.allowed) throw new InvalidTransitionError(verdict.reason);
  const { plan } = verdict;
  await writeOrderChange(plan);
  for (const outcome of plan.outcomes) recordStageFinished(outcome);
  if (plan.parentToRollUp) await rollUpAfterChildChange(plan.parentToRollUp);
  return { order: plan.orderAfter, from: plan.from, to: plan.to };
}
