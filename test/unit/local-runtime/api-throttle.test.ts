import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../local/api-throttle.ts';
import { apiThrottling } from '../../../functions/api/throttling.ts';

function bucketAt(settings = apiThrottling) {
  let nowMs = 0;
  const bucket = new TokenBucket(settings, () => nowMs);
  return { bucket, advance: (ms: number) => (nowMs += ms) };
}

const takeMany = (bucket: TokenBucket, count: number) => Array.from({ length: count }, () => bucket.take());

describe('the API token bucket', () => {
  it('lets the burst through at once, then refuses with the seconds until a token is back', () => {
    const { bucket } = bucketAt();
    const decisions = takeMany(bucket, 101);
    expect(decisions.slice(0, 100).every((decision) => decision.allowed)).toBe(true);
    expect(decisions[100]).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the rate limit and never holds more than the burst', () => {
    const { bucket, advance } = bucketAt();
    takeMany(bucket, 100);
    advance(100);
    // 0.1 s at 50/s: five tokens.
    expect(takeMany(bucket, 6).map((decision) => decision.allowed)).toEqual([true, true, true, true, true, false]);
    advance(60_000);
    expect(takeMany(bucket, 101).filter((decision) => decision.allowed)).toHaveLength(100);
  });

  it('holds a steady client to the rate limit', () => {
    const { bucket, advance } = bucketAt();
    takeMany(bucket, 100);
    let allowed = 0;
    // 200 requests a second for ten seconds.
    for (let tick = 0; tick < 2000; tick += 1) {
      advance(5);
      if (bucket.take().allowed) allowed += 1;
    }
    expect(allowed).toBe(500);
  });

  it('says how long to wait when the rate is below one a second', () => {
    const { bucket } = bucketAt({ rateLimit: 0.25, burstLimit: 1 });
    expect(bucket.take().allowed).toBe(true);
    expect(bucket.take()).toEqual({ allowed: false, retryAfterSeconds: 4 });
  });

  it('refuses settings that would let nothing through', () => {
    expect(() => new TokenBucket({ rateLimit: 0, burstLimit: 100 })).toThrow(/positive rate/);
    expect(() => new TokenBucket({ rateLimit: 50, burstLimit: 0 })).toThrow(/burst/);
  });
});
