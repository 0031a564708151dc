/**
 * The API lists only the stages an order has entered. The timeline shows the whole closed loop so the reader sees
 * what is still ahead: stages not entered yet are "not reached", and stages the order went past without entering
 * (network build, when resources were available) are "skipped".
 */
import { orderStages, type OrderStage, type OrderStageName, type StageStatus } from '../api/types.ts';

export type TimelineStatus = StageStatus | 'SKIPPED' | 'NOT_REACHED';

/** `plannedDueAt`: for a stage not entered yet, the due time its SLA plan gives it. */
export type TimelineEntry = { stage: OrderStageName; status: TimelineStatus; record?: OrderStage; plannedDueAt?: string };

export function timelineOf(entered: readonly OrderStage[], plannedDueTimes: Partial<Record<OrderStageName, string>> = {}): TimelineEntry[] {
  const byStage = new Map(entered.map((record) => [record.stage, record]));
  const canonical: readonly string[] = orderStages;
  // Stages the API knows and this console does not still show, after the known ones.
  const unknown = entered.filter((record) => !canonical.includes(record.stage)).sort((a, b) => a.sequence - b.sequence);
  const furthest = Math.max(0, ...orderStages.map((stage, index) => (byStage.has(stage) ? index + 1 : 0)));
  const known = orderStages.map((stage, index): TimelineEntry => {
    const record = byStage.get(stage);
    if (record) return { stage, status: record.status, record };
    if (index + 1 < furthest) return { stage, status: 'SKIPPED' };
    const plannedDueAt = plannedDueTimes[stage];
    return { stage, status: 'NOT_REACHED', ...(plannedDueAt ? { plannedDueAt } : {}) };
  });
  return [...known, ...unknown.map((record) => ({ stage: record.stage, status: record.status, record }))];
}
