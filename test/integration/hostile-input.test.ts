/**
 * 10,000 generated malformed or hostile bodies against the order and callback routes: never a 5xx, never an order
 * from an invalid request, and every refusal names at least one field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { startWebhookSink } from '../support/webhook-sink.ts';
import { call, createAccount, orderRequest, ordersPath, signedCallback, stage, submitOrder, useToken, waitForOrder } from '../support/api-client.ts';

let stack: LocalStack;
let sink: Awaited<ReturnType<typeof startWebhookSink>>;
let accountId: string;
let waitingOrderId: string;

beforeAll(async () => {
  sink = await startWebhookSink();
  process.env.PROVISIONING_WEBHOOK_URL = sink.url;
  stack = await startTestStack({ simulator: false });
  useToken(await stack.signIn('admin'));
  accountId = (await createAccount(stack.apiUrl)).id;
  waitingOrderId = (await submitOrder(stack.apiUrl, orderRequest(accountId))).id;
  await waitForOrder(stack.apiUrl, waitingOrderId, (o) => o.kamflowState === 'PROVISIONING' && stage(o, 'ACTIVATION').status === 'WAITING');
});
afterAll(async () => {
  await stack?.stop();
  await sink?.close();
});

/** Hostile strings: huge, control characters, injection attempts, prototype keys, unicode edge cases. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '<script>alert(1)</script>', "'; DROP TABLE orders; --", '${jndi:ldap://x}', '__proto__', 'constructor', '\uD800', '𠮷'.repeat(50), '1e309', 'NaN', 'A-end', 'Z-end', 'EPL', '100M'),
  fc.string({ minLength: 2000, maxLength: 5000 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A valid order with one part replaced by something hostile, so the bodies get past the first checks. */
const mutatedOrder = fc.tuple(
  fc.constantFrom('requestedCompletionDate', 'relatedParty', 'productOrderItem', 'externalId', 'place', 'characteristic', 'specification', 'extra', 'whole'),
  hostileValue,
).map(([target, value]) => {
  const valid = orderRequest(accountId);
  const item = valid.productOrderItem[0]!;
  const body = valid as unknown as Record<string, unknown>;
  switch (target) {
    case 'place': (item.product as Record<string, unknown>).place = value; break;
    case 'characteristic': (item.product as Record<string, unknown>).productCharacteristic = value; break;
    case 'specification': (item.product as Record<string, unknown>).productSpecification = value; break;
    case 'extra': body['__proto__injected'] = value; break;
    case 'whole': return value;
    default: body[target] = value;
  }
  return body;
});

const callbackBody = fc.oneof(
  hostileValue,
  fc.record({ eventId: hostileString, status: fc.oneof(fc.constantFrom('PROGRESS', 'COMPLETED', 'FAILED'), hostileString), circuitId: hostileValue, testReport: hostileValue, reason: hostileValue, message: hostileValue, percent: hostileValue }, { requiredKeys: [] }),
);

async function inBatches<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

describe('hostile input', () => {
  it('answers 10,000 generated bodies with 4xx naming a field, never 5xx, never an order', async () => {
    const orderBodies = fc.sample(mutatedOrder, { numRuns: 6000, seed: 20261126 });
    const callbackBodies = fc.sample(callbackBody, { numRuns: 4000, seed: 20261127 });
    const before = (await call<unknown[]>(stack.apiUrl, 'GET', `${ordersPath}?accountId=${accountId}&limit=100`)).body.length;
    const problems: string[] = [];
    let accepted = 0;

    await inBatches(orderBodies, 24, async (body) => {
      const text = JSON.stringify(body) ?? 'null';
      const response = await call(stack.apiUrl, 'POST', ordersPath, text);
      if (response.status === 201) {
        accepted += 1; // a mutation that happens to stay valid (e.g. a plain externalId) is a real order
        return;
      }
      if (response.status >= 500 || response.status < 400) problems.push(`order ${response.status}: ${text.slice(0, 200)}`);
      else if (!(response.body?.issues?.length > 0 && response.body.issues.every((issue: { field?: string }) => typeof issue.field === 'string'))) problems.push(`order without field: ${response.text.slice(0, 200)}`);
    });
    await inBatches(callbackBodies, 24, async (body) => {
      const response = await signedCallback(stack.apiUrl, stack.provisioningSecret, waitingOrderId, JSON.stringify(body) ?? 'null');
      if (response.status >= 500) problems.push(`callback ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
      else if (response.status === 400 && !(response.body?.issues?.length > 0)) problems.push(`callback without field: ${response.text.slice(0, 200)}`);
    });

    expect(problems.slice(0, 10)).toEqual([]);
    const after = (await call<unknown[]>(stack.apiUrl, 'GET', `${ordersPath}?accountId=${accountId}&limit=100`)).body.length;
    expect(after - before).toBe(accepted);
  }, 600_000);
});
