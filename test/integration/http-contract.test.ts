/**
 * The HTTP contract of every route: bad input is a 4xx naming the field (never a 500), unknown ids are 404, unknown
 * resources answer as API Gateway does, the OpenAPI document describes every route, and CORS preflight works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { routes } from '../../functions/api/routes.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, createAccount, orderRequest, ordersPath, useToken } from '../support/api-client.ts';

let stack: LocalStack;
let accountId: string;

beforeAll(async () => {
  stack = await startTestStack({ simulator: { delayMs: 100_000 } });
  useToken(await stack.signIn('admin'));
  accountId = (await createAccount(stack.apiUrl)).id;
});
afterAll(async () => {
  await stack?.stop();
});

const fields = (body: { issues?: { field: string }[] }) => (body.issues ?? []).map((issue) => issue.field);

describe('system routes', () => {
  it('answers health and an OpenAPI 3.1 document with every route', async () => {
    expect((await call(stack.apiUrl, 'GET', '/health')).body).toMatchObject({ status: 'ok' });
    const document = await call<{ openapi: string; paths: Record<string, object> }>(stack.apiUrl, 'GET', '/openapi.json');
    expect(document.body.openapi).toBe('3.1.0');
    for (const route of routes) expect(document.body.paths[route.path], route.path).toHaveProperty(route.method.toLowerCase());
  });

  it('answers an unknown resource like API Gateway (403 Missing Authentication Token) and preflight with CORS', async () => {
    const unknown = await call(stack.apiUrl, 'GET', '/nothing/here');
    expect(unknown.status).toBe(403);
    expect(unknown.body).toEqual({ message: 'Missing Authentication Token' });
    const preflight = await fetch(`${stack.apiUrl}${ordersPath}`, { method: 'OPTIONS', headers: { origin: 'http://console.test', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('accounts', () => {
  it.each([
    [{}, ['name', 'industry']],
    [{ name: 'x', industry: 'BANKING', tier: 'GROUP' }, ['industry']],
    [{ name: 'x', industry: 'FINANCE', tier: 'NATIONAL' }, ['tier']],
    [{ name: 'x'.repeat(201), industry: 'FINANCE', tier: 'GROUP' }, ['name']],
    [{ name: 42, industry: 'FINANCE', tier: 'GROUP' }, ['name']],
    [{ name: 'x', industry: 'FINANCE', tier: 'GROUP', extra: true }, ['']],
  ])('refuses %j naming %j', async (body, expected) => {
    const response = await call(stack.apiUrl, 'POST', '/api/accounts', body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    for (const field of expected) expect(fields(response.body).some((f) => (field ? f === field : true))).toBe(true);
  });

  it('refuses malformed JSON, a wrong content type and an empty body', async () => {
    expect((await call(stack.apiUrl, 'POST', '/api/accounts', '{"name":')).body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ field: 'body' }] });
    const wrongType = await call(stack.apiUrl, 'POST', '/api/accounts', 'hello', { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(400);
    expect(fields(wrongType.body)).toEqual(['header.content-type']);
    expect((await call(stack.apiUrl, 'POST', '/api/accounts', '')).status).toBe(400);
  });

  it('creates, reads and pages accounts; unknown and malformed ids are 404 and 400', async () => {
    const created = await call(stack.apiUrl, 'POST', '/api/accounts', { name: '中国银行', industry: 'FINANCE', tier: 'GROUP', city: '北京', accountManager: 'km.li' });
    expect(created.status).toBe(201);
    expect((await call(stack.apiUrl, 'GET', `/api/accounts/${created.body.id}`)).body).toMatchObject({ name: '中国银行', status: 'ACTIVE', version: 1 });
    expect((await call(stack.apiUrl, 'GET', '/api/accounts/acc_01JAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect(fields((await call(stack.apiUrl, 'GET', '/api/accounts/not-an-id')).body)).toEqual(['path.id']);
    const page = await call<{ items: { id: string }[]; nextCursor?: string }>(stack.apiUrl, 'GET', '/api/accounts?limit=1');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).toBeTruthy();
    expect((await call(stack.apiUrl, 'GET', `/api/accounts?limit=1&cursor=${page.body.nextCursor}`)).body.items[0].id).not.toBe(page.body.items[0]?.id);
    expect(fields((await call(stack.apiUrl, 'GET', '/api/accounts?limit=1000')).body)).toEqual(['query.limit']);
    expect(fields((await call(stack.apiUrl, 'GET', '/api/accounts?cursor=garbage')).body)).toEqual(['query.cursor']);
  });
});

describe('product orders', () => {
  const item = (mutate: (body: ReturnType<typeof orderRequest>) => void) => {
    const body = orderRequest(accountId);
    mutate(body);
    return body;
  };

  it.each([
    ['no bandwidth', (b: ReturnType<typeof orderRequest>) => { b.productOrderItem[0]!.product.productCharacteristic = [{ name: 'colour', value: 'red' }]; }, 'productOrderItem.0.product.productCharacteristic'],
    ['a bandwidth the product is not sold at', (b: ReturnType<typeof orderRequest>) => { b.productOrderItem[0]!.product.productCharacteristic = [{ name: 'bandwidth', value: '64K' }]; }, 'productOrderItem.0.product.productCharacteristic.bandwidth'],
    ['no Z-end for a point-to-point product', (b: ReturnType<typeof orderRequest>) => { b.productOrderItem[0]!.product.place = b.productOrderItem[0]!.product.place.slice(0, 1); }, 'productOrderItem.0.product.place'],
    ['an unknown product', (b: ReturnType<typeof orderRequest>) => { (b.productOrderItem[0]!.product.productSpecification as { id: string }).id = 'PIGEON'; }, 'productOrderItem.0.product.productSpecification.id'],
    ['an unknown account', (b: ReturnType<typeof orderRequest>) => { b.relatedParty[0]!.id = 'acc_01JAAAAAAAAAAAAAAAAAAAAAAA'; }, 'relatedParty.0.id'],
    ['a date in the past', (b: ReturnType<typeof orderRequest>) => { b.requestedCompletionDate = '2020-01-01'; }, 'requestedCompletionDate'],
    ['a malformed date', (b: ReturnType<typeof orderRequest>) => { b.requestedCompletionDate = 'next week'; }, 'requestedCompletionDate'],
    ['an empty city', (b: ReturnType<typeof orderRequest>) => { b.productOrderItem[0]!.product.place[0]!.city = ''; }, 'productOrderItem.0.product.place.0.city'],
    ['two items', (b: ReturnType<typeof orderRequest>) => { b.productOrderItem.push(b.productOrderItem[0]!); }, 'productOrderItem'],
    ['a lease of 0 days', (b: ReturnType<typeof orderRequest>) => { b.productOrderItem[0]!.product.productCharacteristic.push({ name: 'leaseTermDays', value: '0' }); }, 'productOrderItem.0.product.productCharacteristic.leaseTermDays'],
  ])('refuses %s, naming the field', async (_label, mutate, field) => {
    const response = await call(stack.apiUrl, 'POST', ordersPath, item(mutate));
    expect(response.status).toBe(400);
    expect(fields(response.body)).toContain(field);
  });

  it('answers 404 for an unknown order and 400 for a malformed id', async () => {
    expect((await call(stack.apiUrl, 'GET', `${ordersPath}/ord_01JAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    expect(fields((await call(stack.apiUrl, 'GET', `${ordersPath}/12345`)).body)).toEqual(['path.id']);
    expect((await call(stack.apiUrl, 'POST', '/api/orders/ord_01JAAAAAAAAAAAAAAAAAAAAAAA/acceptance', { decision: 'ACCEPTED' })).status).toBe(404);
  });

  it('refuses an acceptance decision without a reason for a rejection, and one for an order not waiting for it', async () => {
    const order = await call(stack.apiUrl, 'POST', ordersPath, orderRequest(accountId));
    expect(order.status).toBe(201);
    const noReason = await call(stack.apiUrl, 'POST', `/api/orders/${order.body.id}/acceptance`, { decision: 'REJECTED' });
    expect(fields(noReason.body)).toEqual(['reason']);
    const tooEarly = await call(stack.apiUrl, 'POST', `/api/orders/${order.body.id}/acceptance`, { decision: 'ACCEPTED' });
    expect(tooEarly.status).toBe(409);
    const noBuild = await call(stack.apiUrl, 'POST', `/api/orders/${order.body.id}/network-build`, { investmentType: 'ROLLING', agreedDate: '2030-01-01' });
    expect(noBuild.status).toBe(409);
    expect(fields((await call(stack.apiUrl, 'POST', `/api/orders/${order.body.id}/network-build`, { investmentType: 'HOPE', agreedDate: 'soon' })).body)).toEqual(['investmentType', 'agreedDate']);
  });

  it('answers a submitted order with its TMF location, which is also its href', async () => {
    const order = await call(stack.apiUrl, 'POST', ordersPath, orderRequest(accountId));
    expect(order.status).toBe(201);
    expect(order.headers.get('location')).toBe(`${ordersPath}/${order.body.id}`);
    expect(order.body.href).toBe(order.headers.get('location'));
  });

  it('makes one order from 100 simultaneous identical submissions', async () => {
    const body = orderRequest(accountId);
    const responses = await Promise.all(Array.from({ length: 100 }, () => call(stack.apiUrl, 'POST', ordersPath, body, { 'idempotency-key': 'burst-key-0001' })));
    const created = responses.filter((response) => response.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(responses.every((response) => response.status === 201 || response.status === 409)).toBe(true);
    expect(new Set(created.map((response) => response.body.id)).size).toBe(1);
    const orders = await call<{ externalId?: string }[]>(stack.apiUrl, 'GET', `${ordersPath}?accountId=${accountId}&limit=100`);
    expect(orders.body.filter((o) => o.externalId === body.externalId)).toHaveLength(1);
  });

  it('answers the same Idempotency-Key with the same order, and refuses it with another body', async () => {
    const body = orderRequest(accountId);
    const [first, second] = await Promise.all([
      call(stack.apiUrl, 'POST', ordersPath, body, { 'idempotency-key': 'same-key-0001' }),
      call(stack.apiUrl, 'POST', ordersPath, body, { 'idempotency-key': 'same-key-0001' }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    const third = await call(stack.apiUrl, 'POST', ordersPath, body, { 'idempotency-key': 'same-key-0001' });
    expect(third.status).toBe(201);
    expect(third.body.id).toBe((first.status === 201 ? first : second).body.id);
    const orders = await call<{ externalId?: string }[]>(stack.apiUrl, 'GET', `${ordersPath}?accountId=${accountId}&limit=100`);
    expect(orders.body.filter((o) => o.externalId === body.externalId)).toHaveLength(1);
    const otherBody = await call(stack.apiUrl, 'POST', ordersPath, orderRequest(accountId), { 'idempotency-key': 'same-key-0001' });
    expect(otherBody.status).toBe(400);
    expect(fields(otherBody.body)).toEqual(['header.idempotency-key']);
  });
});
