/**
 * API Gateway's stage throttle, locally: a token bucket refilled at the rate limit and holding the burst limit, checked
 * before a request reaches any handler. A refused request gets what API Gateway answers — 429
 * `{"message":"Too Many Requests"}` with `x-amzn-ErrorType: TooManyRequestsException` — and a Retry-After header saying
 * when the bucket holds a token again.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ApiThrottling } from '../functions/api/throttling.ts';

export type ThrottleDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly settings: ApiThrottling,
    /** Milliseconds, monotonic. */
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (!(settings.rateLimit > 0) || !(settings.burstLimit >= 1)) {
      throw new Error(`The API throttle needs a positive rate and a burst of at least 1, got ${settings.rateLimit}/s and ${settings.burstLimit}`);
    }
    this.tokens = settings.burstLimit;
    this.refilledAt = clock();
  }

  take(): ThrottleDecision {
    const now = this.clock();
    this.tokens = Math.min(this.settings.burstLimit, this.tokens + ((now - this.refilledAt) / 1000) * this.settings.rateLimit);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true };
    }
    const secondsToNextToken = (1 - this.tokens) / this.settings.rateLimit;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(secondsToNextToken)) };
  }
}

/** Returns a check that answers 429 itself and returns true when the request is refused; `false` throttles nothing. */
export function createApiThrottle(settings: ApiThrottling | false): (response: ServerResponse) => boolean {
  if (settings === false) return () => false;
  const bucket = new TokenBucket(settings);
  return (response) => {
    const decision = bucket.take();
    if (decision.allowed) return false;
    const body = JSON.stringify({ message: 'Too Many Requests' });
    response.writeHead(429, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': randomUUID(),
      'x-amzn-errortype': 'TooManyRequestsException',
      'retry-after': String(decision.retryAfterSeconds),
    });
    response.end(body);
    return true;
  };
}
