/**
 * Key accounts through HTTP: validated credit codes and contacts, the hierarchy without cycles, edits that never lose
 * an update (version → 409), and tiering by a versioned rule with every change recorded, overrides by supervisors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, inState, orderRequest, submitOrder, useToken, waitForOrder } from '../support/api-client.ts';

let stack: LocalStack;
const tokens: Record<string, string> = {};
const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
const fields = (body: { issues?: { field: string }[] }) => (body.issues ?? []).map((issue) => issue.field);

beforeAll(async () => {
  stack = await startTestStack({ simulator: { delayMs: 50 } });
  for (const user of ['admin', 'sup.zhou', 'km.wang', 'km.li', 'ops.net']) tokens[user] = await stack.signIn(user);
  useToken(tokens['km.wang']);
});
afterAll(async () => {
  await stack?.stop();
});

async function newAccount(body: Record<string, unknown>, user = 'km.wang') {
  const response = await call(stack.apiUrl, 'POST', '/api/accounts', { industry: 'FINANCE', ...body }, as(user));
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; version: number; tier: string; parentAccountId?: string };
}

describe('account fields', () => {
  it('validates the unified social credit code and names the field', async () => {
    const bad = await call(stack.apiUrl, 'POST', '/api/accounts', { name: '某银行', industry: 'FINANCE', creditCode: '91440300708461136U' });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['creditCode']);
    const good = await newAccount({ name: '某银行深圳分行', creditCode: '91440300708461136t' });
    expect((await call(stack.apiUrl, 'GET', `/api/accounts/${good.id}`)).body.creditCode).toBe('91440300708461136T');
  });

  it('refuses wrong types and oversized values naming each field', async () => {
    const response = await call(stack.apiUrl, 'POST', '/api/accounts', { name: 'x'.repeat(500), industry: 'FINANCE', monthlyBilledRevenue: '很多', strategic: 'yes' });
    expect(response.status).toBe(400);
    expect(fields(response.body).sort()).toEqual(['monthlyBilledRevenue', 'name', 'strategic']);
  });
});

describe('hierarchy', () => {
  it('links branches to a headquarters, lists them, and refuses a cycle', async () => {
    const headquarters = await newAccount({ name: '某集团总部', province: '北京', city: '北京' });
    const branch = await newAccount({ name: '某集团江苏分公司', province: '江苏', city: '南京', parentAccountId: headquarters.id });
    const city = await newAccount({ name: '某集团苏州分公司', province: '江苏', city: '苏州', parentAccountId: branch.id });
    const children = await call<{ items: { id: string }[] }>(stack.apiUrl, 'GET', `/api/accounts/${headquarters.id}/children`);
    expect(children.body.items.map((child) => child.id)).toEqual([branch.id]);

    const cycle = await call(stack.apiUrl, 'PATCH', `/api/accounts/${headquarters.id}`, { version: headquarters.version, parentAccountId: city.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.issues).toEqual([{ field: 'parentAccountId', message: 'would make the hierarchy a cycle' }]);
    const self = await call(stack.apiUrl, 'PATCH', `/api/accounts/${branch.id}`, { version: branch.version, parentAccountId: branch.id });
    expect(self.status).toBe(400);
    const unknownParent = await call(stack.apiUrl, 'POST', '/api/accounts', { name: '孤儿', industry: 'IT', parentAccountId: 'acc_01JAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(fields(unknownParent.body)).toEqual(['parentAccountId']);
  });
});

describe('concurrent edits', () => {
  it('lets one of two edits of the same version through and answers the other 409', async () => {
    const account = await newAccount({ name: '并发客户' });
    const [first, second] = await Promise.all([
      call(stack.apiUrl, 'PATCH', `/api/accounts/${account.id}`, { version: account.version, name: '并发客户（甲）' }),
      call(stack.apiUrl, 'PATCH', `/api/accounts/${account.id}`, { version: account.version, city: '上海' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const now = (await call(stack.apiUrl, 'GET', `/api/accounts/${account.id}`)).body;
    expect(now.version).toBe(account.version + 1);
    // the loser retries with the fresh version and both changes survive
    const loserBody = first.status === 409 ? { name: '并发客户（甲）' } : { city: '上海' };
    expect((await call(stack.apiUrl, 'PATCH', `/api/accounts/${account.id}`, { version: now.version, ...loserBody })).status).toBe(200);
    const final = (await call(stack.apiUrl, 'GET', `/api/accounts/${account.id}`)).body;
    expect(final).toMatchObject({ name: '并发客户（甲）', city: '上海', version: account.version + 2 });
    expect((await call(stack.apiUrl, 'PATCH', `/api/accounts/${account.id}`, { version: 1 })).status).toBe(400);
  });
});

describe('tiering', () => {
  it('decides the tier by the rule, re-evaluates after the footprint grows, and records every change', async () => {
    const account = await newAccount({ name: '某制造集团', industry: 'MANUFACTURING', monthlyBilledRevenue: 50_000, province: '江苏', city: '南京' });
    expect(account.tier).toBe('LOCAL');
    await newAccount({ name: '某制造集团浙江公司', industry: 'MANUFACTURING', province: '浙江', city: '杭州', parentAccountId: account.id });
    const evaluation = await call(stack.apiUrl, 'POST', '/api/tiering/evaluations', undefined, as('admin'));
    expect(evaluation.status).toBe(200);
    expect(evaluation.body).toMatchObject({ ruleVersion: 1 });
    expect(evaluation.body.changed).toBeGreaterThanOrEqual(1);
    expect((await call(stack.apiUrl, 'GET', `/api/accounts/${account.id}`)).body.tier).toBe('GROUP');
    const history = await call<{ items: { from: string; to: string; ruleVersion?: number; reason: string; override: boolean }[] }>(stack.apiUrl, 'GET', `/api/accounts/${account.id}/tier-history`);
    expect(history.body.items.map((change) => [change.from, change.to])).toEqual([['NONE', 'LOCAL'], ['LOCAL', 'GROUP']]);
    expect(history.body.items[1]).toMatchObject({ ruleVersion: 1, override: false, reason: expect.stringContaining('2 provinces') });
  });

  it('needs a supervisor and a reason to override, and keeps the override through evaluations', async () => {
    const account = await newAccount({ name: '战略客户', monthlyBilledRevenue: 1000, city: '北京' });
    expect(account.tier).toBe('NOT_KEY_ACCOUNT');
    expect((await call(stack.apiUrl, 'POST', `/api/accounts/${account.id}/tier-override`, { tier: 'GROUP', reason: '战略名单' })).status).toBe(403);
    expect(fields((await call(stack.apiUrl, 'POST', `/api/accounts/${account.id}/tier-override`, { tier: 'GROUP' }, as('sup.zhou'))).body)).toEqual(['reason']);
    const overridden = await call(stack.apiUrl, 'POST', `/api/accounts/${account.id}/tier-override`, { tier: 'GROUP', reason: '总部战略客户名单' }, as('sup.zhou'));
    expect(overridden.status).toBe(200);
    expect(overridden.body).toMatchObject({ tier: 'GROUP', tierOverridden: true });
    const evaluation = await call(stack.apiUrl, 'POST', '/api/tiering/evaluations', undefined, as('admin'));
    expect(evaluation.body.skippedOverrides).toBeGreaterThanOrEqual(1);
    expect((await call(stack.apiUrl, 'GET', `/api/accounts/${account.id}`)).body.tier).toBe('GROUP');
    const history = await call<{ items: { to: string; override: boolean; changedBy: string; reason: string }[] }>(stack.apiUrl, 'GET', `/api/accounts/${account.id}/tier-history`);
    expect(history.body.items.at(-1)).toMatchObject({ to: 'GROUP', override: true, changedBy: 'sup.zhou', reason: '总部战略客户名单' });
    expect((await call(stack.apiUrl, 'POST', '/api/tiering/evaluations', undefined, as('sup.zhou'))).status).toBe(403);
  });
});

describe('contacts', () => {
  it('validates phone and email, lists contacts to the account team, and keeps them from operations', async () => {
    const account = await newAccount({ name: '联系人客户' });
    const path = `/api/accounts/${account.id}/contacts`;
    expect(fields((await call(stack.apiUrl, 'POST', path, { name: '张总', role: 'DECISION_MAKER', phone: '12345' })).body)).toEqual(['phone']);
    expect(fields((await call(stack.apiUrl, 'POST', path, { name: '张总', role: 'DECISION_MAKER' })).body)).toEqual(['phone']);
    expect(fields((await call(stack.apiUrl, 'POST', path, { name: '张总', role: 'BOSS', email: 'not-an-email' })).body).sort()).toEqual(['email', 'role']);
    const created = await call(stack.apiUrl, 'POST', path, { name: '张总', role: 'DECISION_MAKER', phone: '13912345678', email: 'zhang@example.com' });
    expect(created.status).toBe(201);
    const list = await call<{ items: { name: string; phone: string }[] }>(stack.apiUrl, 'GET', path);
    expect(list.body.items).toEqual([expect.objectContaining({ name: '张总', phone: '13912345678', role: 'DECISION_MAKER' })]);
    expect((await call(stack.apiUrl, 'GET', path, undefined, as('ops.net'))).status).toBe(403);
    expect((await call(stack.apiUrl, 'GET', path, undefined, as('km.li'))).status).toBe(404);
  });
});

describe('customer plan (客户发展计划)', () => {
  it('keeps a yearly target with actions, measures progress from billed revenue, and refuses stale edits', async () => {
    const account = await newAccount({ name: '计划客户' });
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const path = `/api/accounts/${account.id}/plans/${year}`;
    expect((await call(stack.apiUrl, 'GET', path)).status).toBe(404);
    const invalid = await call(stack.apiUrl, 'PUT', path, { revenueTarget: -1, actions: [{ title: '', owner: 'km.wang', dueDate: 'soon', status: 'OPEN' }] });
    expect(fields(invalid.body).sort()).toEqual(['actions.0.dueDate', 'actions.0.title', 'revenueTarget']);
    const plan = { revenueTarget: 1_000_000, resourcePlan: '新增 2 条以太网专线', actions: [{ title: '高层拜访', owner: 'km.wang', dueDate: `${year}-12-20`, status: 'OPEN' }] };
    const created = await call(stack.apiUrl, 'PUT', path, plan);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ version: 1, progress: { billedRevenue: 0, percentOfTarget: 0 } });
    expect((await call(stack.apiUrl, 'PUT', path, plan)).status).toBe(409);

    // a circuit accepted and billed shows up as progress: one-off plus the started month
    const order = await submitOrder(stack.apiUrl, orderRequest(account.id, { product: 'EPL', bandwidth: '100M' }));
    await waitForOrder(stack.apiUrl, order.id, inState('PENDING_ACCEPTANCE'));
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${order.id}/acceptance`, { decision: 'ACCEPTED' })).status).toBe(202);
    await waitForOrder(stack.apiUrl, order.id, inState('CLOSED'));
    const withProgress = await call(stack.apiUrl, 'GET', path);
    expect(withProgress.body.progress).toMatchObject({ billedRevenue: 5000 + 18000, percentOfTarget: 2.3 });

    const changed = await call(stack.apiUrl, 'PUT', path, { ...plan, version: 1, actions: [{ ...plan.actions[0], status: 'DONE', followUp: '已拜访' }] });
    expect(changed.body).toMatchObject({ version: 2, actions: [{ status: 'DONE' }] });
    expect((await call(stack.apiUrl, 'PUT', path, { ...plan, version: 1 })).status).toBe(409);
    expect((await call(stack.apiUrl, 'GET', path, undefined, as('km.li'))).status).toBe(404);
  });
});
