/**
 * Node's setTimeout stores its delay in a signed 32-bit integer: anything above this fires after 1 ms (with a
 * TimeoutOverflowWarning). Workflow timeouts (TimeoutSeconds up to 99,999,999 s) exceed it easily at timeScale 1.
 */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * Calls `onElapsed` once `delayMs` have passed, however large the delay, by re-arming in chunks that setTimeout can
 * hold. The deadline is measured on the monotonic clock, so wall-clock changes do not shorten or stretch it.
 * Returns a function that cancels the timer (safe to call more than once, also after it fired).
 */
export function startLongTimer(delayMs: number, onElapsed: () => void, maxChunkMs: number = MAX_TIMER_DELAY_MS): () => void {
  const deadline = performance.now() + Math.max(0, delayMs);
  let handle: ReturnType<typeof setTimeout> | undefined;

  const arm = (): void => {
    const remaining = deadline - performance.now();
    handle = setTimeout(onChunkElapsed, Math.min(Math.max(remaining, 0), maxChunkMs));
  };
  const onChunkElapsed = (): void => {
    handle = undefined;
    if (deadline - performance.now() > 0) {
      arm();
      return;
    }
    onElapsed();
  };

  arm();
  return () => {
    if (handle !== undefined) clearTimeout(handle);
    handle = undefined;
  };
}
