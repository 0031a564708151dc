/**
 * Open stages' SLA watches loaded straight through the data layer (ElectroDB batch writes), for the sweep's scaling
 * test and bench: `open` watches of which `due` fire within the minute before `now` and the rest later (a share of them
 * later in the same hour bucket, so the sweep's range condition, not the bucket alone, must keep them out).
 * Import only after the stack set the environment.
 */
import { ulid } from 'ulid';
import { SlaWatchEntity } from '../../functions/data/entities/sla-watch.ts';
import type { SlaWatchRecord } from '../../functions/data/entities/sla-watch.ts';
import { hourBucketOf } from '../../functions/domain/sla-jeopardy.ts';

const HOUR = 3_600_000;

export function openWatches(open: number, due: number, now: Date): SlaWatchRecord[] {
  const nowMs = now.getTime();
  const nextHour = Math.ceil((nowMs + 1) / HOUR) * HOUR;
  return Array.from({ length: open }, (_, index) => {
    const isDue = index < due;
    // due: spread over the minute before now; not due: a tenth later in this hour bucket, the rest over 30 days
    const fireAtMs = isDue
      ? nowMs - 60_000 + Math.floor((index * 60_000) / Math.max(due, 1))
      : index % 10 === 0 && nextHour - nowMs > 2
        ? nowMs + 1 + (index % (nextHour - nowMs - 1))
        : nextHour + (index * 997) % (30 * 24 * HOUR);
    const fireAt = new Date(fireAtMs);
    return {
      orderId: `ord_${ulid(nowMs - index)}`,
      target: 'ACTIVATION',
      step: 'AT_RISK',
      fireAt: fireAt.toISOString(),
      bucket: hourBucketOf(fireAt),
      state: 'ON_TRACK',
      startedAt: new Date(fireAtMs - 30 * HOUR).toISOString(),
      atRiskAt: fireAt.toISOString(),
      dueAt: new Date(fireAtMs + 10 * HOUR).toISOString(),
      jeopardyThreshold: 0.75,
      owner: 'system:provisioning',
      accountId: 'acc_load',
      accountName: 'load test account',
      accountManager: `km.load${index % 50}`,
      supervisorId: 'sup.load',
      unitId: 'LOAD',
      updatedAt: now.toISOString(),
    } satisfies SlaWatchRecord;
  });
}

/** BatchWriteItem, 25 items a request, `concurrency` requests at once. */
export async function loadWatches(watches: readonly SlaWatchRecord[], concurrency = 8): Promise<void> {
  const chunk = 5_000;
  for (let start = 0; start < watches.length; start += chunk) {
    const { unprocessed } = await SlaWatchEntity.put(watches.slice(start, start + chunk)).go({ concurrency });
    if (unprocessed.length > 0) throw new Error(`${unprocessed.length} watches were not written`);
  }
}
