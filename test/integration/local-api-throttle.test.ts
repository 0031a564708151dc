/** The local API refuses what the deployed stage would refuse: more than the burst at once, more than the rate after. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiThrottling } from '../../functions/api/throttling.ts';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack({ apiThrottle: apiThrottling, simulator: false, slaSweep: false });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

async function get(path: string, authorization?: string) {
  const response = await fetch(`${stack.apiUrl}${path}`, authorization === undefined ? {} : { headers: { authorization } });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), errorType: response.headers.get('x-amzn-errortype'), body: await response.text() };
}

describe('the local API under more load than its throttle allows', () => {
  it('answers the excess 429 Too Many Requests with Retry-After, before any handler runs, and recovers', async () => {
    const authorization = `Bearer ${await stack.signIn('admin')}`;
    // Let the bucket fill after the start-up traffic.
    await new Promise((resolve) => setTimeout(resolve, 2500));

    // An unknown resource costs a token like any request, and its 403 is answered at once: the requests arrive within
    // a fraction of a second, so the bound below depends on the burst, not on how busy the machine is.
    const sent = apiThrottling.burstLimit + 200;
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: sent }, () => get('/throttle-probe')));
    const elapsedSeconds = (performance.now() - started) / 1000;
    const refused = answers.filter((answer) => answer.status === 429);
    const served = answers.filter((answer) => answer.status === 403);
    expect(served.length + refused.length).toBe(sent);
    expect(served.length).toBeGreaterThanOrEqual(apiThrottling.burstLimit);
    expect(served.length).toBeLessThanOrEqual(apiThrottling.burstLimit + Math.ceil(apiThrottling.rateLimit * elapsedSeconds) + 1);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(JSON.parse(answer.body)).toEqual({ message: 'Too Many Requests' });
      expect(answer.errorType).toBe('TooManyRequestsException');
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    }

    // Refused before routing: the unknown resource's 403 (and any handler) comes after the throttle.
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(refused[0]?.retryAfter ?? 1)));
    expect((await get('/api/accounts?limit=1', authorization)).status).toBe(200);
  });
});
