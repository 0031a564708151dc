/**
 * The order event hub through HTTP on the local stack: listeners subscribe with a callback and a TMF-style query, and
 * receive the order's audit trail as signed TMF622 notifications — fed by the table's stream through the same
 * dispatcher handler as on AWS, retried with backoff when the listener fails, never twice, only for orders within the
 * subscriber's reach.
 */
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { orderEventsBusName, orderEventsSource, verifyDelivery } from '../../functions/domain/order-notifications.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, createAccount, inState, orderRequest, submitOrder, useToken, waitForOrder } from '../support/api-client.ts';

const hubPath = '/tmf-api/productOrderingManagement/v4/hub';

type Received = { headers: Record<string, string | string[] | undefined>; raw: string; body: { eventId: string; eventType: string; event: { productOrder: { id: string; state: string; kamflowState: string } } } };

/** A listener that answers 500 to the first `failFirst` deliveries of each event, then 204, each after `delayMs`. */
async function startListener(failFirst = 0, delayMs = 0) {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as Received['body'];
      const seen = (attempts.get(body.eventId) ?? 0) + 1;
      attempts.set(body.eventId, seen);
      setTimeout(() => {
        if (seen <= failFirst) {
          response.writeHead(500).end();
          return;
        }
        received.push({ headers: request.headers, raw, body });
        response.writeHead(204).end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/listener?token=abc`, received, attempts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let stack: LocalStack;
const tokens: Record<string, string> = {};
const as = (user: string) => useToken(tokens[user]);

beforeAll(async () => {
  process.env.HUB_RETRY_BASE_MS = '200';
  stack = await startTestStack({ simulator: { delayMs: 100, failureRate: 0 }, slaSweep: false });
  for (const user of ['admin', 'km.wang', 'km.li']) tokens[user] = await stack.signIn(user);
});
afterAll(async () => {
  await stack?.stop();
});

async function subscribe(user: string, callback: string, query?: string) {
  as(user);
  const response = await call<{ id: string; secret: string; query: string }>(stack.apiUrl, 'POST', hubPath, { callback, ...(query !== undefined ? { query } : {}) });
  expect(response.status).toBe(201);
  return response.body;
}

async function orderToAcceptance(accountManager: string) {
  as('admin');
  const account = await createAccount(stack.apiUrl, { accountManager });
  const order = await submitOrder(stack.apiUrl, orderRequest(account.id));
  await waitForOrder(stack.apiUrl, order.id, inState('PENDING_ACCEPTANCE'));
  return order.id;
}

describe('order event hub', () => {
  it('delivers every state change of an order in order, signed, to a listener that subscribed', async () => {
    const listener = await startListener();
    const subscription = await subscribe('km.wang', listener.url, 'eventType=ProductOrderStateChangeEvent');
    expect(subscription.secret.length).toBeGreaterThan(20);
    const orderId = await orderToAcceptance('km.wang');
    as('km.wang');
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${orderId}/acceptance`, { decision: 'ACCEPTED' })).status).toBe(202);
    await waitForOrder(stack.apiUrl, orderId, inState('CLOSED'));
    await expect
      .poll(async () => {
        await stack.orderEvents.drain();
        return listener.received.filter((entry) => entry.body.event.productOrder.id === orderId).map((entry) => entry.body.event.productOrder.kamflowState);
      }, { timeout: 20_000 })
      .toEqual(['ACKNOWLEDGED', 'RESOURCE_CHECK', 'RESOURCE_CONFIRMED', 'PROVISIONING', 'TECHNICALLY_COMPLETE', 'PENDING_ACCEPTANCE', 'ACCEPTED', 'BILLING_STARTED', 'CLOSED']);
    const mine = listener.received.filter((entry) => entry.body.event.productOrder.id === orderId);
    for (const entry of mine) {
      expect(entry.body.eventType).toBe('ProductOrderStateChangeEvent');
      const headers = { timestamp: String(entry.headers['x-kamflow-timestamp']), signature: String(entry.headers['x-kamflow-signature']) };
      expect(verifyDelivery(subscription.secret, headers, entry.raw, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifyDelivery(`${subscription.secret}x`, headers, entry.raw, Math.floor(Date.now() / 1000))).toBe(false);
      expect(entry.headers['x-kamflow-event-id']).toBe(entry.body.eventId);
    }
    // the same events went onto the orders bus (the EventBridge stand-in), every type, detail-type = event type
    const onBus = stack.eventBridge.events.filter((event) => (event.detail as Received['body']).event.productOrder.id === orderId);
    expect(new Set(onBus.map((event) => `${event.bus} ${event.source}`))).toEqual(new Set([`${orderEventsBusName} ${orderEventsSource}`]));
    for (const event of onBus) expect(event.detailType).toBe((event.detail as Received['body']).eventType);
    expect(onBus.filter((event) => event.detailType === 'ProductOrderStateChangeEvent').map((event) => (event.detail as Received['body']).event.productOrder.kamflowState)).toEqual(
      mine.map((entry) => entry.body.event.productOrder.kamflowState),
    );
    expect(new Set(onBus.map((event) => event.detailType))).toEqual(new Set(['ProductOrderCreateEvent', 'ProductOrderStateChangeEvent', 'ProductOrderMilestoneEvent']));
    expect(mine.at(-1)?.body.event.productOrder.state).toBe('completed');
    // the owner sees the deliveries; the secret is never shown again
    const view = () => call<{ secret?: string; deliveries: { status: string }[] }>(stack.apiUrl, 'GET', `${hubPath}/${subscription.id}`);
    expect((await view()).body.secret).toBeUndefined();
    await expect.poll(async () => (await view()).body.deliveries.map((delivery) => delivery.status)).toEqual(Array.from({ length: 9 }, () => 'DELIVERED'));
    await listener.close();
  });

  it('retries a failing listener with backoff and delivers each event exactly once', async () => {
    const listener = await startListener(2);
    const subscription = await subscribe('km.wang', listener.url, 'eventType=ProductOrderCreateEvent');
    as('admin');
    const account = await createAccount(stack.apiUrl, { accountManager: 'km.wang' });
    const order = await submitOrder(stack.apiUrl, orderRequest(account.id));
    await expect
      .poll(async () => {
        await stack.orderEvents.drain();
        await stack.orderEvents.retryNow();
        return listener.received.filter((entry) => entry.body.event.productOrder.id === order.id).length;
      }, { timeout: 20_000, interval: 300 })
      .toBe(1);
    const [delivered] = listener.received.filter((entry) => entry.body.event.productOrder.id === order.id);
    expect(listener.attempts.get(delivered?.body.eventId ?? '')).toBe(3);
    // more sweeps and a re-read stream do not send it again
    await stack.orderEvents.retryNow();
    await stack.orderEvents.drain();
    expect(listener.received.filter((entry) => entry.body.event.productOrder.id === order.id)).toHaveLength(1);
    as('km.wang');
    const view = await call<{ deliveries: { eventType: string; status: string; attempts: number }[] }>(stack.apiUrl, 'GET', `${hubPath}/${subscription.id}`);
    expect(view.body.deliveries.find((delivery) => delivery.eventType === 'ProductOrderCreateEvent')).toMatchObject({ status: 'DELIVERED', attempts: 3 });
    await listener.close();
  });

  it('sends a due retry once when several sweeps run at the same time', async () => {
    const listener = await startListener(1, 300);
    await subscribe('km.wang', listener.url, 'eventType=ProductOrderCreateEvent');
    as('admin');
    const account = await createAccount(stack.apiUrl, { accountManager: 'km.wang' });
    const order = await submitOrder(stack.apiUrl, orderRequest(account.id));
    // the first attempt, straight from the stream, fails
    await expect
      .poll(async () => {
        await stack.orderEvents.drain();
        return [...listener.attempts.values()].reduce((sum, count) => sum + count, 0);
      }, { timeout: 20_000, interval: 100 })
      .toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the retry is due (200 ms base)
    await Promise.all([stack.orderEvents.retryNow(), stack.orderEvents.retryNow(), stack.orderEvents.retryNow()]);
    expect([...listener.attempts.values()]).toEqual([2]);
    expect(listener.received.map((entry) => entry.body.event.productOrder.id)).toEqual([order.id]);
    expect(listener.received[0]?.headers['x-kamflow-delivery-attempt']).toBe('2');
    await listener.close();
  });

  it('drops pending retries when the subscription is deleted', async () => {
    const listener = await startListener(1_000);
    const subscription = await subscribe('km.wang', listener.url, 'eventType=ProductOrderCreateEvent');
    as('admin');
    const account = await createAccount(stack.apiUrl, { accountManager: 'km.wang' });
    await submitOrder(stack.apiUrl, orderRequest(account.id));
    await expect
      .poll(async () => {
        await stack.orderEvents.drain();
        return [...listener.attempts.values()];
      }, { timeout: 20_000, interval: 100 })
      .toEqual([1]);
    as('km.wang');
    expect((await call(stack.apiUrl, 'DELETE', `${hubPath}/${subscription.id}`)).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the retry would be due
    expect(await stack.orderEvents.retryNow()).toBeGreaterThanOrEqual(1);
    await stack.orderEvents.retryNow();
    expect([...listener.attempts.values()]).toEqual([1]);
    await listener.close();
  });

  it('filters by state, keeps to the subscriber’s reach, and stops after unsubscribing', async () => {
    const completedOnly = await startListener();
    const others = await startListener();
    const otherAccount = await startListener();
    await subscribe('km.wang', completedOnly.url, 'eventType=ProductOrderStateChangeEvent&productOrder.state=completed');
    as('admin');
    const unrelated = await createAccount(stack.apiUrl, { accountManager: 'km.wang' });
    await subscribe('km.wang', otherAccount.url, `productOrder.relatedParty.id=${unrelated.id}`);
    const liSubscription = await subscribe('km.li', others.url, '');
    const orderId = await orderToAcceptance('km.wang');
    as('km.wang');
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${orderId}/acceptance`, { decision: 'ACCEPTED' })).status).toBe(202);
    await waitForOrder(stack.apiUrl, orderId, inState('CLOSED'));
    await expect
      .poll(async () => {
        await stack.orderEvents.drain();
        return completedOnly.received.filter((entry) => entry.body.event.productOrder.id === orderId).map((entry) => entry.body.event.productOrder.state);
      }, { timeout: 20_000 })
      .toEqual(['completed']);
    // km.li does not own the account: none of its events reach km.li's listener; nor km.wang's listener for another account
    expect(others.received.filter((entry) => entry.body.event.productOrder.id === orderId)).toEqual([]);
    expect(otherAccount.received).toEqual([]);

    as('km.li');
    expect((await call(stack.apiUrl, 'DELETE', `${hubPath}/${liSubscription.id}`)).status).toBe(204);
    expect((await call(stack.apiUrl, 'GET', `${hubPath}/${liSubscription.id}`)).status).toBe(404);
    const liOrder = await orderToAcceptance('km.li');
    await stack.orderEvents.drain();
    expect(others.received.filter((entry) => entry.body.event.productOrder.id === liOrder)).toEqual([]);
    await completedOnly.close();
    await others.close();
    await otherAccount.close();
  });

  it('answers bad subscriptions with 400 naming the field, others’ subscriptions with 404, strangers with 401', async () => {
    as('km.wang');
    const notUrl = await call(stack.apiUrl, 'POST', hubPath, { callback: 'ftp://example.com/x' });
    expect(notUrl.status).toBe(400);
    expect(JSON.stringify(notUrl.body)).toContain('callback');
    const badQuery = await call(stack.apiUrl, 'POST', hubPath, { callback: 'https://example.com/x', query: 'eventType=NoSuchEvent' });
    expect(badQuery.status).toBe(400);
    expect(JSON.stringify(badQuery.body)).toContain('query');
    expect((await call(stack.apiUrl, 'POST', hubPath, { callback: 'https://example.com/x', query: 'colour=red' })).status).toBe(400);
    const malformed = await call<{ issues: { field: string }[] }>(stack.apiUrl, 'POST', hubPath, { callback: 'https://example.com/x', query: 'eventType=%E0%A4%A' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues.map((issue) => issue.field)).toEqual(['query']);
    expect((await call(stack.apiUrl, 'POST', hubPath, { callback: '/relative/path' })).status).toBe(400);
    expect((await call(stack.apiUrl, 'POST', hubPath, { callback: 'https://example.com/x', extra: 1 })).status).toBe(400);
    // subscriptions that are never meant to receive anything point at a closed local port, never at the internet
    const mine = await subscribe('km.wang', 'http://127.0.0.1:9/mine');
    as('km.li');
    expect((await call(stack.apiUrl, 'GET', `${hubPath}/${mine.id}`)).status).toBe(404);
    expect((await call(stack.apiUrl, 'DELETE', `${hubPath}/${mine.id}`)).status).toBe(404);
    const listed = await call<{ items: { id: string }[] }>(stack.apiUrl, 'GET', hubPath);
    expect(listed.body.items.map((item) => item.id)).not.toContain(mine.id);
    // an account filter must name an account within reach (nonexistent and out of reach answer alike)
    as('admin');
    const wangsAccount = await createAccount(stack.apiUrl, { accountManager: 'km.wang' });
    as('km.li');
    const outOfReach = await call<{ issues: { field: string }[] }>(stack.apiUrl, 'POST', hubPath, { callback: 'http://127.0.0.1:9/li', query: `productOrder.relatedParty.id=${wangsAccount.id}` });
    expect(outOfReach.status).toBe(400);
    expect(outOfReach.body.issues.map((issue) => issue.field)).toEqual(['query']);
    const unknown = await call(stack.apiUrl, 'POST', hubPath, { callback: 'http://127.0.0.1:9/li', query: 'productOrder.relatedParty.id=acc_01J00000000000000000000000' });
    expect(unknown.text.replaceAll('acc_01J00000000000000000000000', wangsAccount.id)).toBe(outOfReach.text);
    as('km.wang');
    expect((await call(stack.apiUrl, 'POST', hubPath, { callback: 'http://127.0.0.1:9/wang', query: `productOrder.relatedParty.id=${wangsAccount.id}` })).status).toBe(201);
    useToken(undefined);
    expect((await call(stack.apiUrl, 'POST', hubPath, { callback: 'https://example.com/x' })).status).toBe(401);
  });

  it('answers a repeated subscription with the same Idempotency-Key with the first one, secret included', async () => {
    as('km.wang');
    const request = { callback: 'http://127.0.0.1:9/repeat', query: 'eventType=ProductOrderStateChangeEvent' };
    const key = { 'idempotency-key': `hub-${Date.now()}` };
    const first = await call<{ id: string; secret: string }>(stack.apiUrl, 'POST', hubPath, request, key);
    const again = await call<{ id: string; secret: string }>(stack.apiUrl, 'POST', hubPath, request, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: first.body.id, secret: first.body.secret });
    const changed = await call<{ issues: { field: string }[] }>(stack.apiUrl, 'POST', hubPath, { ...request, query: '' }, key);
    expect(changed.status).toBe(400);
    expect(changed.body.issues.map((issue) => issue.field)).toEqual(['header.idempotency-key']);
    // another person's same key is their own request
    as('km.li');
    const theirs = await call<{ id: string }>(stack.apiUrl, 'POST', hubPath, request, key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
    // without a key every request subscribes anew
    as('km.wang');
    const unkeyed = await Promise.all([call<{ id: string }>(stack.apiUrl, 'POST', hubPath, request), call<{ id: string }>(stack.apiUrl, 'POST', hubPath, request)]);
    expect(new Set(unkeyed.map((response) => response.body.id)).size).toBe(2);
  });
});
