/**
 * The product catalogue as data through HTTP: an administrator saves a new version of a product (prices and stage
 * template); new orders are placed with it and timed by its template, while an order placed before keeps its version;
 * bad input is a 400 naming the field, a stale version a 409, anyone else a 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { buildNationalCalendar } from '../../functions/domain/business-calendar.ts';

/** No calendar data is saved in this file: the national calendar from the package is what orders are planned on. */
const businessCalendar = buildNationalCalendar();
import { dueTime } from '../../functions/domain/sla-clock.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, createAccount, inState, orderRequest, submitOrder, useToken, waitForOrder } from '../support/api-client.ts';

let stack: LocalStack;
const tokens: Record<string, string> = {};
const as = (user: string) => useToken(tokens[user]);

type Product = { id: string; version: number; bandwidths: { bandwidth: string; oneOffCharge: number; monthlyCharge: number }[]; stageTemplate: { stage: string; workingDays?: number; workingHours?: number }[]; history: { version: number }[] };
type TimedOrder = { orderDate: string; slaPolicy?: { id: string; version: number }; stages: { stage: string; startedAt?: string; dueAt?: string }[]; billing?: { oneOffCharge: number; monthlyCharge: number } };

beforeAll(async () => {
  stack = await startTestStack({ simulator: { delayMs: 100, failureRate: 0 }, slaSweep: false });
  for (const user of ['admin', 'km.wang']) tokens[user] = await stack.signIn(user);
});
afterAll(async () => {
  await stack?.stop();
});

describe('the product catalogue', () => {
  it('starts from the built-in version and lists every product with its stage template', async () => {
    as('km.wang');
    const list = await call<{ items: Product[] }>(stack.apiUrl, 'GET', '/api/products');
    expect(list.status).toBe(200);
    expect(list.body.items.map((product) => product.id).sort()).toEqual(['DDN', 'DIA', 'EPL', 'FRAME_RELAY', 'IP_VPN', 'SDH']);
    for (const product of list.body.items) {
      expect(product.version).toBe(0);
      expect(product.stageTemplate.map((limit) => limit.stage)).toContain('ACTIVATION');
    }
  });

  it('times new orders by the saved template and charges the saved prices; an earlier order keeps its version', async () => {
    as('admin');
    const account = await createAccount(stack.apiUrl, { accountManager: 'km.wang' });
    const before = await submitOrder(stack.apiUrl, orderRequest(account.id, { product: 'DIA', bandwidth: '10M', zCity: null }));

    const current = (await call<Product>(stack.apiUrl, 'GET', '/api/products/DIA')).body;
    const saved = await call<Product>(stack.apiUrl, 'PUT', '/api/products/DIA', {
      version: current.version,
      reason: '互联网专线开通提速，调价',
      prices: [{ bandwidth: '10M', oneOffCharge: 800, monthlyCharge: 2800 }, { bandwidth: '100M', oneOffCharge: 3000, monthlyCharge: 12000 }],
      stageTemplate: [
        { stage: 'ORDER_ACCEPTANCE', workingHours: 4 },
        { stage: 'RESOURCE_CONFIRMATION', workingDays: 1 },
        { stage: 'ACTIVATION', workingDays: 2 },
        { stage: 'TEST', workingDays: 1 },
        { stage: 'CUSTOMER_ACCEPTANCE', workingDays: 2 },
        { stage: 'BILLING_START', workingDays: 1 },
        { stage: 'CRM_CLOSE', workingDays: 1 },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(current.version + 1);
    expect(saved.body.history.map((version) => version.version)).toEqual([current.version + 1, current.version]);
    expect(saved.body.bandwidths.map((price) => price.bandwidth)).toEqual(['10M', '100M']);

    const after = await submitOrder(stack.apiUrl, orderRequest(account.id, { product: 'DIA', bandwidth: '10M', zCity: null }));
    for (const id of [before.id, after.id]) await waitForOrder(stack.apiUrl, id, inState('PENDING_ACCEPTANCE'));
    const [oldOrder, newOrder] = await Promise.all([before.id, after.id].map(async (id) => (await call<TimedOrder>(stack.apiUrl, 'GET', `/tmf-api/productOrderingManagement/v4/productOrder/${id}`)).body));
    expect(newOrder?.slaPolicy).toMatchObject({ id: 'product-DIA', version: current.version + 1 });
    expect(oldOrder?.slaPolicy).toMatchObject({ id: 'product-DIA', version: current.version });
    // the new order's acceptance check is due four working hours after it was placed, the earlier one's a working day
    // after (the plan counts from the order date, which can be a millisecond before the stage's recorded start)
    const acceptance = (order: TimedOrder | undefined) => order?.stages.find((stage) => stage.stage === 'ORDER_ACCEPTANCE');
    expect(acceptance(newOrder)?.dueAt).toBe(dueTime(new Date(newOrder?.orderDate ?? ''), { workingHours: 4 }, businessCalendar).toISOString());
    expect(acceptance(oldOrder)?.dueAt).toBe(dueTime(new Date(oldOrder?.orderDate ?? ''), { workingDays: 1 }, businessCalendar).toISOString());

    // billed at the prices of the version each order was placed with
    for (const id of [before.id, after.id]) expect((await call(stack.apiUrl, 'POST', `/api/orders/${id}/acceptance`, { decision: 'ACCEPTED' })).status).toBe(202);
    const [oldClosed, newClosed] = await Promise.all([before.id, after.id].map(async (id) => (await waitForOrder(stack.apiUrl, id, inState('CLOSED'))) as unknown as TimedOrder));
    expect(oldClosed?.billing).toMatchObject({ oneOffCharge: 1000, monthlyCharge: 3000 });
    expect(newClosed?.billing).toMatchObject({ oneOffCharge: 800, monthlyCharge: 2800 });
  });

  it('refuses bad versions with 400 naming the field, a stale version with 409, and everyone but administrators with 403', async () => {
    as('admin');
    const current = (await call<Product>(stack.apiUrl, 'GET', '/api/products/EPL')).body;
    const body = { version: current.version, reason: 'x', prices: [{ bandwidth: '100M', oneOffCharge: 5000, monthlyCharge: 18000 }], stageTemplate: [{ stage: 'ACTIVATION', workingDays: 4 }] };
    const negative = await call(stack.apiUrl, 'PUT', '/api/products/EPL', { ...body, prices: [{ bandwidth: '100M', oneOffCharge: -1, monthlyCharge: 18000 }] });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('prices.0.oneOffCharge');
    const negativeBudget = await call(stack.apiUrl, 'PUT', '/api/products/EPL', { ...body, stageTemplate: [{ stage: 'ACTIVATION', workingDays: -2 }] });
    expect(negativeBudget.status).toBe(400);
    expect(JSON.stringify(negativeBudget.body)).toContain('stageTemplate.0.workingDays');
    const unknownStage = await call(stack.apiUrl, 'PUT', '/api/products/EPL', { ...body, stageTemplate: [{ stage: 'DANCING', workingDays: 1 }] });
    expect(unknownStage.status).toBe(400);
    expect(JSON.stringify(unknownStage.body)).toContain('stageTemplate.0.stage');
    expect((await call(stack.apiUrl, 'PUT', '/api/products/EPL', { ...body, prices: [] })).status).toBe(400);
    expect((await call(stack.apiUrl, 'PUT', '/api/products/NOPE', body)).status).toBe(400);

    expect((await call(stack.apiUrl, 'PUT', '/api/products/EPL', body)).status).toBe(200);
    expect((await call(stack.apiUrl, 'PUT', '/api/products/EPL', body)).status).toBe(409);
    // an order for a bandwidth the new version no longer sells is refused, naming it
    const account = await createAccount(stack.apiUrl);
    const refused = await call(stack.apiUrl, 'POST', '/tmf-api/productOrderingManagement/v4/productOrder', orderRequest(account.id, { product: 'EPL', bandwidth: '1G' }));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('productCharacteristic.bandwidth');

    as('km.wang');
    expect((await call(stack.apiUrl, 'PUT', '/api/products/EPL', { ...body, version: current.version + 1 })).status).toBe(403);
    useToken(undefined);
    expect((await call(stack.apiUrl, 'GET', '/api/products/EPL')).status).toBe(401);
  });
});
