/**
 * Optimistic concurrency's other half: a conditional write that lost a race is decided again on fresh data. One helper
 * instead of a loop per command, so the attempts, the back-off and what counts as "try again" are written once. A
 * refusal of the lifecycle (InvalidTransitionError) is not a race: another try cannot change it, so it is thrown.
 */
import { ConflictError } from './errors.ts';

export interface ConflictRetryOptions<T> {
  /** At most this many attempts in all (the first included). */
  readonly attempts: number;
  /** After a lost race: try again, or answer from the fresh state instead (e.g. "that was this very event"). */
  readonly onConflict?: (error: ConflictError, attempt: number) => Promise<'retry' | { readonly answer: T }>;
  /** Random wait before each retry, up to `jitterMs × attempt`: racers that collided do not collide again at once. */
  readonly jitterMs?: number;
}

export async function retryOnConflict<T>(work: (attempt: number) => Promise<T>, options: ConflictRetryOptions<T>): Promise<T> {
  const jitterMs = options.jitterMs ?? 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= options.attempts) throw error;
      const decision = options.onConflict ? await options.onConflict(error, attempt) : 'retry';
      if (decision !== 'retry') return decision.answer;
      if (jitterMs > 0) await new Promise((settle) => setTimeout(settle, Math.random() * jitterMs * attempt));
    }
  }
}
