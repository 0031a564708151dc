/**
 * The account hierarchy as the console's tree reads it: the tops of the hierarchy (roots=true), branches level by
 * level, and revenue and open orders rolled up from the branches to the group, counting only what the caller may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, orderRequest, ordersPath, useToken } from '../support/api-client.ts';

let stack: LocalStack;
const ids: Record<string, string> = {};

async function account(key: string, body: Record<string, unknown>) {
  const response = await call(stack.apiUrl, 'POST', '/api/accounts', { industry: 'FINANCE', tier: 'GROUP', ...body });
  expect(response.status, response.text).toBe(201);
  ids[key] = response.body.id;
}

beforeAll(async () => {
  stack = await startTestStack({ simulator: false });
  useToken(await stack.signIn('admin'));
  await account('group', { name: '中国建设银行总行', monthlyBilledRevenue: 10_000, accountManager: 'km.wang', city: '北京' });
  await account('province', { name: '建设银行江苏省分行', monthlyBilledRevenue: 5_000, parentAccountId: ids.group, accountManager: 'km.wang', city: '南京' });
  await account('city', { name: '建设银行苏州分行', monthlyBilledRevenue: 2_000, parentAccountId: ids.province, accountManager: 'km.li', city: '苏州' });
  await account('other', { name: '独立客户', monthlyBilledRevenue: 700, accountManager: 'km.li', city: '北京' });
  for (const key of ['group', 'city', 'city']) {
    const order = await call(stack.apiUrl, 'POST', ordersPath, orderRequest(ids[key]!));
    expect(order.status, order.text).toBe(201);
  }
});
afterAll(async () => {
  await stack?.stop();
});

describe('account hierarchy', () => {
  it('lists the tops of the hierarchy only with roots=true', async () => {
    const roots = await call(stack.apiUrl, 'GET', '/api/accounts?roots=true&limit=100');
    expect(roots.status).toBe(200);
    expect(roots.body.items.map((item: { id: string }) => item.id).sort()).toEqual([ids.group, ids.other].sort());
    expect((await call(stack.apiUrl, 'GET', '/api/accounts?roots=maybe')).body.issues[0].field).toBe('query.roots');
  });

  it('rolls revenue and open orders up to the group: own plus every branch below', async () => {
    const group = await call(stack.apiUrl, 'GET', `/api/accounts/${ids.group}`);
    expect(group.body.rollup).toEqual({ monthlyBilledRevenue: 17_000, openOrders: 3, accounts: 3 });
    const children = await call(stack.apiUrl, 'GET', `/api/accounts/${ids.group}/children`);
    expect(children.body.items).toHaveLength(1);
    expect(children.body.items[0]).toMatchObject({ id: ids.province, rollup: { monthlyBilledRevenue: 7_000, openOrders: 2, accounts: 2 } });
    const leaf = await call(stack.apiUrl, 'GET', `/api/accounts/${ids.city}`);
    expect(leaf.body.rollup).toEqual({ monthlyBilledRevenue: 2_000, openOrders: 2, accounts: 1 });
  });

  it("counts only branches in the caller's reach", async () => {
    const wang = await stack.signIn('km.wang');
    const group = await call(stack.apiUrl, 'GET', `/api/accounts/${ids.group}`, undefined, { authorization: `Bearer ${wang}` });
    // The city branch belongs to km.li: km.wang sees the group and the provincial branch only.
    expect(group.body.rollup).toEqual({ monthlyBilledRevenue: 15_000, openOrders: 1, accounts: 2 });
    const roots = await call(stack.apiUrl, 'GET', '/api/accounts?roots=true', undefined, { authorization: `Bearer ${wang}` });
    expect(roots.body.items.map((item: { id: string }) => item.id)).toEqual([ids.group]);
  });
});
