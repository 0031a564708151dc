/**
 * The planned due time of every stage, kept on the order as one JSON column (`stageDueTimesJson`) because stages not
 * entered yet have no record to hold theirs. One accessor reads it, checked with zod: a column that is not the map it
 * should be is a defect to see, not a plan to trust.
 */
import * as z from 'zod';
import { orderStages } from './order-stages.ts';
import type { OrderStage } from './order-stages.ts';

export type StageDueTimes = Partial<Record<OrderStage, string>>;

const stageDueTimesSchema = z.partialRecord(z.enum(orderStages), z.iso.datetime({ offset: true }));

export function stageDueTimesOf(order: { readonly stageDueTimesJson?: string | undefined }): StageDueTimes {
  if (!order.stageDueTimesJson) return {};
  return stageDueTimesSchema.parse(JSON.parse(order.stageDueTimesJson));
}

export function stageDueTimesJson(dueTimes: StageDueTimes): string {
  return JSON.stringify(dueTimes);
}
