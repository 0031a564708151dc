/**
 * The closed loop end to end through HTTP on the local stack: API → workflow → DynamoDB Local → the simulator's
 * signed callback → customer acceptance → billing record → closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, createAccount, inState, orderRequest, ordersPath, stage, submitOrder, waitForOrder, useToken } from '../support/api-client.ts';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack({ simulator: { delayMs: 150, failureRate: 0 } });
  useToken(await stack.signIn('admin'));
});
afterAll(async () => {
  await stack?.stop();
});

const accept = (orderId: string, body: unknown) => call(stack.apiUrl, 'POST', `/api/orders/${orderId}/acceptance`, body);

describe('an order for a point-to-point circuit', () => {
  it('runs acceptance check, resource confirmation, activation, test, acceptance, billing start and CRM close', async () => {
    const account = await createAccount(stack.apiUrl, { accountManager: 'km.wang' });
    const submitted = await submitOrder(stack.apiUrl, orderRequest(account.id, { product: 'EPL', bandwidth: '100M', aCity: '北京', zCity: '上海' }));
    expect(submitted.state).toBe('acknowledged');

    const waiting = await waitForOrder(stack.apiUrl, submitted.id, inState('PENDING_ACCEPTANCE'));
    expect(waiting.state).toBe('pending');
    expect(waiting.circuitId).toMatch(/^CIR-EPL-/);
    expect(stage(waiting, 'ORDER_ACCEPTANCE')).toMatchObject({ status: 'DONE', workPosition: 'ACCEPTANCE_DESK', owner: 'km.wang' });
    expect(stage(waiting, 'RESOURCE_CONFIRMATION')).toMatchObject({ status: 'DONE', workPosition: 'NETWORK_RESOURCES' });
    const activation = stage(waiting, 'ACTIVATION');
    expect(activation).toMatchObject({ status: 'DONE', workPosition: 'PROVISIONING_SYSTEM', owner: 'system:provisioning', attempts: 1 });
    expect(activation.progress?.[0]?.percent).toBe(50);
    expect(stage(waiting, 'TEST')).toMatchObject({ status: 'DONE', workPosition: 'OPERATIONS' });
    expect(stage(waiting, 'CUSTOMER_ACCEPTANCE')).toMatchObject({ status: 'WAITING', owner: 'km.wang' });
    // both circuit ends were served by an exchange of their city
    const places = waiting.productOrderItem[0]?.product.place ?? [];
    expect(places.map((place) => place.exchange?.slice(0, 2))).toEqual(['BJ', 'SH']);

    const accepted = await accept(submitted.id, { decision: 'ACCEPTED', signedBy: '张经理' });
    expect(accepted.status).toBe(202);

    const closed = await waitForOrder(stack.apiUrl, submitted.id, inState('CLOSED'));
    expect(closed.state).toBe('completed');
    expect(closed.billing).toMatchObject({ oneOffCharge: 5000, monthlyCharge: 18000, currency: 'CNY', leaseType: 'LONG_TERM' });
    const acceptanceFinished = stage(closed, 'CUSTOMER_ACCEPTANCE').finishedAt ?? '';
    const shanghaiDay = new Date(Date.parse(acceptanceFinished) + 8 * 3600_000).toISOString().slice(0, 10);
    expect(closed.billing?.chargesFrom).toBe(shanghaiDay);
    // every stage carries its planned due time from the SLA policy and, once done, whether it was on time
    const timed = closed as unknown as { dueAt?: string; slaPolicy?: { id: string; note: string }; stages: { stage: string; dueAt?: string; onTime?: boolean; workingHours?: number }[] };
    expect(timed.slaPolicy).toMatchObject({ id: 'product-EPL', version: 0, note: expect.stringContaining('standard SLA') });
    expect(timed.dueAt).toBeDefined();
    for (const record of timed.stages) {
      expect(record.dueAt, record.stage).toBeDefined();
      expect(record.onTime, record.stage).toBe(true);
      expect(record.workingHours, record.stage).toBeGreaterThanOrEqual(0);
    }
    const dues = timed.stages.map((record) => record.dueAt ?? '');
    expect([...dues].sort()).toEqual(dues);
    for (const record of closed.stages) {
      expect(record.status, record.stage).toBe('DONE');
      expect(Date.parse(record.finishedAt ?? '') >= Date.parse(record.startedAt ?? ''), record.stage).toBe(true);
    }
    expect(closed.stages.map((record) => record.stage)).toEqual(['ORDER_ACCEPTANCE', 'RESOURCE_CONFIRMATION', 'ACTIVATION', 'TEST', 'CUSTOMER_ACCEPTANCE', 'BILLING_START', 'CRM_CLOSE']);
    expect(JSON.stringify(closed)).not.toMatch(/taskToken/i);

    // the audit trail: every state change in order, with who made it
    const trail = (closed as unknown as { events: { type: string; fromState?: string; toState?: string; actor: string }[] }).events;
    expect(trail.filter((event) => event.type !== 'STAGE_UPDATE').map((event) => `${event.fromState ?? '-'}>${event.toState}`)).toEqual([
      '->SUBMITTED', 'SUBMITTED>ACKNOWLEDGED', 'ACKNOWLEDGED>RESOURCE_CHECK', 'RESOURCE_CHECK>RESOURCE_CONFIRMED', 'RESOURCE_CONFIRMED>PROVISIONING',
      'PROVISIONING>TECHNICALLY_COMPLETE', 'TECHNICALLY_COMPLETE>PENDING_ACCEPTANCE', 'PENDING_ACCEPTANCE>ACCEPTED', 'ACCEPTED>BILLING_STARTED', 'BILLING_STARTED>CLOSED',
    ]);
    const actorOf = (toState: string) => trail.find((event) => event.toState === toState)?.actor;
    expect([actorOf('SUBMITTED'), actorOf('ACKNOWLEDGED'), actorOf('TECHNICALLY_COMPLETE'), actorOf('ACCEPTED')]).toEqual(['user:admin', 'system:workflow', 'system:provisioning-simulator', 'user:admin']);

    const execution = await stack.engine.waitForExecution(`${stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${submitted.id}`, 10_000);
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('bills a lease under 30 days as temporary', async () => {
    const account = await createAccount(stack.apiUrl);
    const order = await submitOrder(stack.apiUrl, orderRequest(account.id, { product: 'DIA', bandwidth: '10M', aCity: '广州', zCity: null, leaseTermDays: 14 }));
    await waitForOrder(stack.apiUrl, order.id, inState('PENDING_ACCEPTANCE'));
    expect((await accept(order.id, { decision: 'ACCEPTED' })).status).toBe(202);
    const closed = await waitForOrder(stack.apiUrl, order.id, inState('CLOSED'));
    expect(closed.billing).toMatchObject({ leaseType: 'TEMPORARY', oneOffCharge: 1000, monthlyCharge: 3000 });
  });

  it('sends a rejected acceptance back to activation with the reason, then completes', async () => {
    const account = await createAccount(stack.apiUrl);
    const order = await submitOrder(stack.apiUrl, orderRequest(account.id));
    await waitForOrder(stack.apiUrl, order.id, inState('PENDING_ACCEPTANCE'));
    expect((await accept(order.id, { decision: 'REJECTED', reason: '实测带宽不足 100M' })).status).toBe(202);
    const again = await waitForOrder(stack.apiUrl, order.id, (o) => o.kamflowState === 'PENDING_ACCEPTANCE' && stage(o, 'ACTIVATION').attempts === 2);
    expect(stage(again, 'CUSTOMER_ACCEPTANCE').attempts).toBe(2);
    const requests = (await call<{ items: { request: { activationRequestId: string } }[] }>(stack.simulatorUrl ?? '', 'GET', '/requests')).body.items;
    expect(requests.map((entry) => entry.request.activationRequestId)).toContain(`${order.id}.activation.2`);
    // a second decision on an already decided attempt is a conflict, the same decision again is idempotent
    expect((await accept(order.id, { decision: 'ACCEPTED' })).status).toBe(202);
    expect((await accept(order.id, { decision: 'ACCEPTED' })).status).toBe(202);
    expect((await accept(order.id, { decision: 'REJECTED', reason: 'changed my mind' })).status).toBe(409);
    await waitForOrder(stack.apiUrl, order.id, inState('CLOSED'));
  });

  it('opens a build request on a resource shortfall and resumes resource confirmation once planning confirms it', async () => {
    const account = await createAccount(stack.apiUrl);
    const order = await submitOrder(stack.apiUrl, orderRequest(account.id, { aCity: '北京', zCity: '拉萨' }));
    const awaiting = await waitForOrder(stack.apiUrl, order.id, (o) => o.kamflowState === 'AWAITING_BUILD' && o.stages.some((s) => s.stage === 'NETWORK_BUILD' && s.status === 'WAITING'));
    expect(awaiting.state).toBe('pending');
    expect(stage(awaiting, 'RESOURCE_CONFIRMATION').note).toContain('拉萨');
    const agreedDate = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const confirmed = await call(stack.apiUrl, 'POST', `/api/orders/${order.id}/network-build`, { investmentType: 'ROLLING', agreedDate });
    expect(confirmed.status).toBe(202);
    const provisioned = await waitForOrder(stack.apiUrl, order.id, inState('PENDING_ACCEPTANCE'));
    expect(stage(provisioned, 'NETWORK_BUILD')).toMatchObject({ status: 'DONE' });
    expect(stage(provisioned, 'RESOURCE_CONFIRMATION')).toMatchObject({ status: 'DONE', attempts: 2 });
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${order.id}/network-build`, { investmentType: 'ROLLING', agreedDate })).status).toBe(409);
  });

  it('lists orders newest first with a cursor, and an account\'s orders', async () => {
    const account = await createAccount(stack.apiUrl);
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await submitOrder(stack.apiUrl, orderRequest(account.id))).id);
    const first = await call<{ id: string }[]>(stack.apiUrl, 'GET', `${ordersPath}?accountId=${account.id}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.map((o) => o.id)).toEqual([ids[2], ids[1]]);
    const cursor = first.headers.get('x-next-cursor');
    expect(cursor).toBeTruthy();
    const second = await call<{ id: string }[]>(stack.apiUrl, 'GET', `${ordersPath}?accountId=${account.id}&limit=2&cursor=${cursor}`);
    expect(second.body.map((o) => o.id)).toEqual([ids[0]]);
    const all = await call<{ id: string }[]>(stack.apiUrl, 'GET', `${ordersPath}?limit=100`);
    expect(all.body.map((o) => o.id)).toEqual(expect.arrayContaining(ids));
  });
});
