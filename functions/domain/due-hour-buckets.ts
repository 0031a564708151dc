/**
 * The SLA watches' due-time index is partitioned by the UTC hour of `fireAt` (gsi3): the sweep reads the hour buckets
 * between its watermark and now. The bucket of an instant and the buckets of a span are named here only.
 */
const MS_PER_HOUR = 3_600_000;

/** Hour bucket (UTC) of an instant: the partition of the due-time index the instant is filed under. */
export function hourBucketOf(instant: Date): string {
  return instant.toISOString().slice(0, 13);
}

/** Every hour bucket from `from` to `to`, both included, oldest first. */
export function hourBucketsBetween(from: Date, to: Date): string[] {
  const buckets: string[] = [];
  const start = Math.floor(from.getTime() / MS_PER_HOUR) * MS_PER_HOUR;
  for (let at = start; at <= to.getTime(); at += MS_PER_HOUR) buckets.push(hourBucketOf(new Date(at)));
  return buckets;
}
