/**
 * The API lists only the stages an order has entered. The timeline shows the whole closed loop so the reader sees
 * what is still ahead: stages not entered yet are "not reached", and stages the order went past without entering
 * (network build, when resources were available) are "skipped".
 */
import { orderStages, type OrderStage, type OrderStageName, type StageStatus } from '../api/types.ts';

export type TimelineStatus = StageStatus | 'SKIPPED' | 'NOT_REACHED';

export type TimelineEntry = { stage: OrderStageName; status: TimelineStatus; record?: OrderStage };

export function timelineOf(entered: readonly OrderStage[]): TimelineEntry[] {
  const byStage = new Map(entered.map((record) => [record.stage, record]));
  const canonical: readonly string[] = orderStages;
  // Stages the API knows and this console does not still show, after the known ones.
  const unknown = entered.filter((record) => !canonical.includes(record.stage)).sort((a, b) => a.sequence - b.sequence);
  const furthest = Math.max(0, ...orderStages.map((stage, index) => (byStage.has(stage) ? index + 1 : 0)));
  const known = orderStages.map((stage, index): TimelineEntry => {
    const record = byStage.get(stage);
    if (record) return { stage, status: record.status, record };
    return { stage, status: index + 1 < furthest ? 'SKIPPED' : 'NOT_REACHED' };
  });
  return [...known, ...unknown.map((record) => ({ stage: record.stage, status: record.status, record }))];
}
