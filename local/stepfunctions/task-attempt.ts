/**
 * One attempt of one Task state: it ends exactly once (result or error), whatever ends it first — the handler, a
 * SendTask* call, a timeout, a stop — and then cancels every timer it owns.
 */
import type { JsonValue } from './json.ts';
import { startLongTimer } from './timers.ts';

interface Outcome {
  readonly promise: Promise<JsonValue>;
  resolve(result: JsonValue): void;
  reject(error: Error): void;
}

function createOutcome(): Outcome {
  let resolve: Outcome['resolve'] = () => undefined;
  let reject: Outcome['reject'] = () => undefined;
  const promise = new Promise<JsonValue>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  // Between engine re-entries (see waitForOutcome) nobody may be listening; the next listener still gets the error.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export class TaskAttempt {
  private readonly outcome = createOutcome();
  private readonly timerCancellers: Array<() => void> = [];
  private cancelHeartbeatTimer: (() => void) | undefined;
  private ended = false;

  constructor(
    readonly executionArn: string,
    readonly stateName: string,
    /** Present for callback (.waitForTaskToken) tasks only. */
    readonly taskToken: string | undefined,
    private readonly onEnded: (attempt: TaskAttempt) => void,
  ) {}

  get hasEnded(): boolean {
    return this.ended;
  }

  /**
   * Returns false when the attempt had already ended (the result is then ignored). The attempt ends at once (its
   * token is spent, its timers cancelled) but the engine hears of it on the next turn of the event loop, so events
   * published about what ended it reach the observer before those of the engine moving on.
   */
  succeed(result: JsonValue): boolean {
    if (!this.end()) return false;
    setImmediate(() => this.outcome.resolve(result));
    return true;
  }

  fail(error: Error): boolean {
    if (!this.end()) return false;
    setImmediate(() => this.outcome.reject(error));
    return true;
  }

  /** Ends the attempt with `onElapsed()` after `delayMs`, unless it ended before. */
  failAfter(delayMs: number, onElapsed: () => Error): void {
    this.timerCancellers.push(startLongTimer(delayMs, () => this.fail(onElapsed())));
  }

  succeedAfter(delayMs: number, result: JsonValue): void {
    this.timerCancellers.push(startLongTimer(delayMs, () => this.succeed(result)));
  }

  /** (Re)starts the heartbeat clock: the attempt fails with `onElapsed()` unless beaten again within `delayMs`. */
  armHeartbeat(delayMs: number, onElapsed: () => Error): void {
    this.cancelHeartbeatTimer?.();
    this.cancelHeartbeatTimer = startLongTimer(delayMs, () => this.fail(onElapsed()));
  }

  /**
   * The attempt's outcome, or `renewal()` after `renewAfterMs` if it is still pending by then. The engine arms an
   * uncancellable timer for each entry into a Task; rejecting with the renewal error before it fires makes the
   * engine's hidden renewal retrier re-enter the state, and the new entry waits on this same attempt again.
   */
  waitForOutcome(renewAfterMs: number, renewal: () => Error): Promise<JsonValue> {
    return new Promise<JsonValue>((resolve, reject) => {
      const cancelRenewal = startLongTimer(renewAfterMs, () => {
        if (!this.ended) reject(renewal());
      });
      this.outcome.promise.then(
        (result) => {
          cancelRenewal();
          resolve(result);
        },
        (error: unknown) => {
          cancelRenewal();
          reject(error);
        },
      );
    });
  }

  private end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.cancelHeartbeatTimer?.();
    for (const cancel of this.timerCancellers) cancel();
    this.timerCancellers.length = 0;
    this.onEnded(this);
    return true;
  }
}
