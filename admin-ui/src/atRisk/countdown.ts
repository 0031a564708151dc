/** Time left until a due time, as the at-risk page counts it down: 2d 03:04:05, negative (overdue) with a minus sign. */
export function formatTimeLeft(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let seconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const pad = (value: number) => String(value).padStart(2, '0');
  const clock = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  return `${sign}${days > 0 ? `${days}d ` : ''}${clock}`;
}

/** Time left now, from what the API said at `asOf` and how much real time passed since the answer arrived. */
export function timeLeftNow(timeLeftMs: number, receivedAt: number, now: number): number {
  return timeLeftMs - (now - receivedAt);
}
