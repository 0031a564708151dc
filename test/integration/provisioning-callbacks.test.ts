/**
 * The provisioning API as a provisioning system sees it: signed callbacks, refusal of unsigned, tampered, old and
 * replayed requests, 409 for a stage that is not waiting, idempotent repeats, one winner between racing callbacks,
 * heartbeats, failures to the fallout path, and task tokens that never leave the product.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { startWebhookSink } from '../support/webhook-sink.ts';
import { call, createAccount, getOrder, inState, orderRequest, signedCallback, stage, submitOrder, waitForOrder, useToken } from '../support/api-client.ts';

let stack: LocalStack;
let sink: Awaited<ReturnType<typeof startWebhookSink>>;

beforeAll(async () => {
  // No simulator: the test is the provisioning system; a sink accepts the activation requests.
  sink = await startWebhookSink();
  process.env.PROVISIONING_WEBHOOK_URL = sink.url;
  stack = await startTestStack({ simulator: false });
  useToken(await stack.signIn('admin'));
});
afterAll(async () => {
  await stack?.stop();
  await sink?.close();
});

async function orderWaitingForActivation(): Promise<string> {
  const account = await createAccount(stack.apiUrl);
  const order = await submitOrder(stack.apiUrl, orderRequest(account.id));
  await waitForOrder(stack.apiUrl, order.id, (o) => o.kamflowState === 'PROVISIONING' && stage(o, 'ACTIVATION').status === 'WAITING');
  return order.id;
}

const completed = (eventId: string) => ({ eventId, status: 'COMPLETED', circuitId: `CIR-${eventId}`, testReport: { passed: true, measuredBandwidth: '100M', latencyMs: 3 } });

describe('provisioning callbacks', () => {
  it('refuses unsigned, tampered, stale and replayed requests with 401', async () => {
    const orderId = await orderWaitingForActivation();
    const body = { eventId: 'p-1', status: 'PROGRESS', message: 'design started' };
    const unsigned = await call(stack.apiUrl, 'POST', `/provisioning/v1/orders/${orderId}/stages/ACTIVATION/callbacks`, body);
    expect(unsigned.status).toBe(401);
    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, body, { tamper: true })).status).toBe(401);
    expect((await signedCallback(stack.apiUrl, 'not-the-shared-secret', orderId, body)).status).toBe(401);
    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, body, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);

    const timestamp = Math.floor(Date.now() / 1000);
    const nonce = 'replayed-nonce-0000000001';
    const first = await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, body, { timestamp, nonce });
    expect(first.status).toBe(200);
    const replay = await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, body, { timestamp, nonce });
    expect(replay.status).toBe(401);
    expect(replay.body.message).toContain('replay');
    // The exact accepted request, only its system header changed: the replay window is keyed by system and nonce, so
    // this passed as new while the system id was not signed.
    const underAnotherName = await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, body, { timestamp, nonce, sentSystemId: 'another-system' });
    expect(underAnotherName.status).toBe(401);
    expect(underAnotherName.body.message).toContain('signature does not match');
  });

  it('records progress as a heartbeat and answers a repeated event as a duplicate', async () => {
    const orderId = await orderWaitingForActivation();
    const progress = { eventId: 'progress-1', status: 'PROGRESS', message: '光缆施工完成', percent: 60 };
    const first = await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, progress);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ duplicate: false, status: 'PROGRESS' });
    const again = await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, progress);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true });
    const order = await getOrder(stack.apiUrl, orderId);
    expect(stage(order, 'ACTIVATION').progress).toEqual([expect.objectContaining({ message: '光缆施工完成', percent: 60 })]);
  });

  it('lets exactly one of two racing completions through; the other is a 409', async () => {
    const orderId = await orderWaitingForActivation();
    const [a, b] = await Promise.all([
      signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, completed('race-a')),
      signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, completed('race-b')),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'race-a' : 'race-b';
    const order = await waitForOrder(stack.apiUrl, orderId, inState('PENDING_ACCEPTANCE'));
    expect(order.circuitId).toBe(`CIR-${winner}`);
    // the winner repeated is idempotent; a new event for a stage no longer waiting is a conflict
    expect((await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, completed(winner))).body).toMatchObject({ duplicate: true });
    const late = await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, completed('late'));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('CONFLICT');
  });

  it('sends a reported activation failure to the fallout path with its reason', async () => {
    const orderId = await orderWaitingForActivation();
    const failed = await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, { eventId: 'f-1', status: 'FAILED', reason: '端口 GE0/0/1 故障' });
    expect(failed.status).toBe(200);
    const order = await waitForOrder(stack.apiUrl, orderId, inState('FAILED'));
    expect(order.state).toBe('failed');
    expect(order.failure).toMatchObject({ error: 'ActivationFailed' });
    expect(order.failure?.cause).toContain('端口 GE0/0/1 故障');
    expect(stage(order, 'ACTIVATION')).toMatchObject({ status: 'FAILED', note: '端口 GE0/0/1 故障' });
  });

  it('answers 404 for an unknown order and 400 naming the field for a bad callback', async () => {
    const unknown = await signedCallback(stack.apiUrl, stack.provisioningSecret, 'ord_01JAAAAAAAAAAAAAAAAAAAAAAA', completed('x'));
    expect(unknown.status).toBe(404);
    const orderId = await orderWaitingForActivation();
    const bad = await signedCallback(stack.apiUrl, stack.provisioningSecret, orderId, { eventId: 'bad-1', status: 'COMPLETED', circuitId: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { field: string }) => issue.field)).toEqual(expect.arrayContaining(['circuitId', 'testReport']));
  });

  it('sends each activation request signed, with a stable request id and the callback address', async () => {
    const orderId = await orderWaitingForActivation();
    const request = sink.received.find((entry) => (entry as { orderId?: string }).orderId === orderId);
    expect(request).toMatchObject({ activationRequestId: `${orderId}.activation.1`, attempt: 1, product: 'EPL', bandwidth: '100M', callbackUrl: `${stack.apiUrl}/provisioning/v1/orders/${orderId}/stages/ACTIVATION/callbacks` });
    expect(JSON.stringify(request)).not.toMatch(/token/i);
  });

  it('never returns a task token', async () => {
    const orderId = await orderWaitingForActivation();
    const order = await call(stack.apiUrl, 'GET', `/tmf-api/productOrderingManagement/v4/productOrder/${orderId}`);
    const list = await call(stack.apiUrl, 'GET', '/tmf-api/productOrderingManagement/v4/productOrder?limit=100');
    for (const text of [order.text, list.text]) expect(text).not.toMatch(/taskToken|"token"/i);
  });
});
