/**
 * Authentication and authorisation through HTTP: every route but the public ones answers 401 without a valid token;
 * each role sees exactly its accounts and orders (owner, team, unit, everything) and nothing else; refused access to
 * a single account or order is a 404 that does not leak existence; role permissions are 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import type { LocalStack } from '../../local/stack.ts';
import { routes } from '../../functions/api/routes.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, orderRequest, ordersPath, useToken } from '../support/api-client.ts';

let stack: LocalStack;
const tokens: Record<string, string> = {};
/** accounts by owning key account manager */
const accountsOf: Record<string, string[]> = { 'km.wang': [], 'km.li': [], 'km.zhang': [], 'km.chen': [] };
const ordersOf: Record<string, string[]> = { 'km.wang': [], 'km.li': [], 'km.zhang': [], 'km.chen': [] };

const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });

beforeAll(async () => {
  stack = await startTestStack({ simulator: { delayMs: 100_000 } });
  for (const user of ['admin', 'dept.north', 'dept.south', 'sup.zhou', 'sup.huang', 'km.wang', 'km.li', 'km.zhang', 'km.chen', 'ops.net', 'sol.sun']) tokens[user] = await stack.signIn(user);
  useToken(undefined);
  for (const owner of Object.keys(accountsOf)) {
    for (let i = 0; i < 2; i += 1) {
      // Each key account manager creates their own accounts (no accountManager given: the creator owns it).
      const created = await call(stack.apiUrl, 'POST', '/api/accounts', { name: `${owner} 客户 ${i}`, industry: 'TRADE', tier: 'LOCAL', city: '北京' }, as(owner));
      expect(created.status, created.text).toBe(201);
      expect(created.body.accountManager).toBe(owner);
      accountsOf[owner]!.push(created.body.id);
      const order = await call(stack.apiUrl, 'POST', ordersPath, orderRequest(created.body.id), as(owner));
      expect(order.status, order.text).toBe(201);
      ordersOf[owner]!.push(order.body.id);
    }
  }
});
afterAll(async () => {
  await stack?.stop();
});

async function visibleAccounts(user: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await call<{ items: { id: string }[]; nextCursor?: string }>(stack.apiUrl, 'GET', `/api/accounts?limit=3${cursor ? `&cursor=${cursor}` : ''}`, undefined, as(user));
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((account) => account.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids.sort();
}

async function visibleOrders(user: string): Promise<string[]> {
  const page = await call<{ id: string }[]>(stack.apiUrl, 'GET', `${ordersPath}?limit=100`, undefined, as(user));
  expect(page.status).toBe(200);
  return page.body.map((order) => order.id).sort();
}

const all = (map: Record<string, string[]>, ...owners: string[]) => owners.flatMap((owner) => map[owner] ?? []).sort();

describe('authentication', () => {
  it.each(routes.filter((route) => route.auth === 'user').map((route) => [route.method, route.path] as const))('%s %s answers 401 without a token', async (method, path) => {
    const concrete = path.replace('{id}', 'acc_01JAAAAAAAAAAAAAAAAAAAAAAA');
    const response = await call(stack.apiUrl, method, concrete, method === 'GET' ? undefined : {}, { authorization: '' });
    expect(response.status).toBe(401);
  });

  it('refuses a forged, malformed or foreign token with 401', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ token_use: 'id', 'cognito:username': 'admin', 'cognito:groups': ['ADMINISTRATOR'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer(`${stack.identityProviderUrl}${stack.userPoolId}`)
      .setAudience(stack.clientId)
      .setExpirationTime('1h')
      .sign(privateKey);
    for (const authorization of [`Bearer ${forged}`, 'Bearer not.a.jwt', `Basic ${Buffer.from('admin:x').toString('base64')}`]) {
      expect((await call(stack.apiUrl, 'GET', '/api/accounts', undefined, { authorization })).status).toBe(401);
    }
  });

  it('refuses a wrong password at sign-in', async () => {
    await expect(stack.signIn('km.wang', 'wrong-password')).rejects.toThrow(/Incorrect username or password/);
  });

  it('tells the signed-in person who they are', async () => {
    const me = await call(stack.apiUrl, 'GET', '/api/me', undefined, as('km.wang'));
    expect(me.body).toEqual({ id: 'km.wang', displayName: '王经理', roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.zhou', unitId: 'NORTH' });
  });
});

describe('row-level access', () => {
  it('a key account manager sees exactly their own accounts and orders', async () => {
    expect(await visibleAccounts('km.wang')).toEqual(all(accountsOf, 'km.wang'));
    expect(await visibleOrders('km.wang')).toEqual(all(ordersOf, 'km.wang'));
    expect(await visibleAccounts('km.chen')).toEqual(all(accountsOf, 'km.chen'));
  });

  it('a supervisor sees their team, a department head their unit, administrators and operations everything', async () => {
    expect(await visibleAccounts('sup.zhou')).toEqual(all(accountsOf, 'km.wang', 'km.li'));
    expect(await visibleOrders('sup.huang')).toEqual(all(ordersOf, 'km.zhang', 'km.chen'));
    expect(await visibleAccounts('dept.north')).toEqual(all(accountsOf, 'km.wang', 'km.li'));
    expect(await visibleOrders('dept.south')).toEqual(all(ordersOf, 'km.zhang', 'km.chen'));
    expect(await visibleAccounts('admin')).toEqual(all(accountsOf, 'km.wang', 'km.li', 'km.zhang', 'km.chen'));
    expect(await visibleOrders('ops.net')).toEqual(all(ordersOf, 'km.wang', 'km.li', 'km.zhang', 'km.chen'));
  });

  it("answers 404 for another manager's account and order, directly or through a filter", async () => {
    const foreignAccount = accountsOf['km.chen']![0]!;
    const foreignOrder = ordersOf['km.chen']![0]!;
    expect((await call(stack.apiUrl, 'GET', `/api/accounts/${foreignAccount}`, undefined, as('km.wang'))).status).toBe(404);
    expect((await call(stack.apiUrl, 'GET', `${ordersPath}/${foreignOrder}`, undefined, as('km.wang'))).status).toBe(404);
    expect((await call(stack.apiUrl, 'GET', `${ordersPath}?accountId=${foreignAccount}`, undefined, as('km.wang'))).status).toBe(404);
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${foreignOrder}/acceptance`, { decision: 'ACCEPTED' }, as('km.wang'))).status).toBe(404);
    expect((await call(stack.apiUrl, 'GET', `${ordersPath}/${foreignOrder}`, undefined, as('sup.zhou'))).status).toBe(404);
    expect((await call(stack.apiUrl, 'GET', `${ordersPath}/${foreignOrder}`, undefined, as('sup.huang'))).status).toBe(200);
  });

  it("refuses an order for another manager's account as if the account did not exist", async () => {
    const response = await call(stack.apiUrl, 'POST', ordersPath, orderRequest(accountsOf['km.chen']![0]!), as('km.wang'));
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ field: 'relatedParty.0.id', message: expect.stringContaining('no key account') }]);
  });
});

describe('role permissions', () => {
  it('lets only account-owning roles create accounts, and only for owners in their reach', async () => {
    const body = { name: '越权客户', industry: 'IT', tier: 'LOCAL' };
    expect((await call(stack.apiUrl, 'POST', '/api/accounts', body, as('ops.net'))).status).toBe(403);
    expect((await call(stack.apiUrl, 'POST', '/api/accounts', body, as('sol.sun'))).status).toBe(403);
    expect((await call(stack.apiUrl, 'POST', '/api/accounts', { ...body, accountManager: 'km.chen' }, as('km.wang'))).status).toBe(403);
    expect((await call(stack.apiUrl, 'POST', '/api/accounts', { ...body, accountManager: 'km.chen' }, as('sup.zhou'))).status).toBe(403);
    expect((await call(stack.apiUrl, 'POST', '/api/accounts', { ...body, accountManager: 'km.li' }, as('sup.zhou'))).status).toBe(201);
    const unknown = await call(stack.apiUrl, 'POST', '/api/accounts', { ...body, accountManager: 'km.nobody' }, as('admin'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0].field).toBe('accountManager');
    const notAManager = await call(stack.apiUrl, 'POST', '/api/accounts', { ...body, accountManager: 'ops.net' }, as('admin'));
    expect(notAManager.status).toBe(400);
  });

  it('keeps orders read-only for operations and solution staff, and build confirmation for operations', async () => {
    expect((await call(stack.apiUrl, 'POST', ordersPath, orderRequest(accountsOf['km.wang']![0]!), as('ops.net'))).status).toBe(403);
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${ordersOf['km.wang']![0]}/acceptance`, { decision: 'ACCEPTED' }, as('sol.sun'))).status).toBe(403);
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${ordersOf['km.wang']![0]}/network-build`, { investmentType: 'ROLLING', agreedDate: '2030-01-01' }, as('km.wang'))).status).toBe(403);
    // operations may confirm a build; this order has no open build request, so the state refuses it, not the role
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${ordersOf['km.wang']![0]}/network-build`, { investmentType: 'ROLLING', agreedDate: '2030-01-01' }, as('ops.net'))).status).toBe(409);
  });

  it('shows people to administrators and direct reports to supervisors; not to key account managers', async () => {
    const everyone = await call<{ items: { id: string }[] }>(stack.apiUrl, 'GET', '/api/users?limit=100', undefined, as('admin'));
    expect(everyone.body.items.length).toBeGreaterThanOrEqual(13);
    const reports = await call<{ items: { id: string }[] }>(stack.apiUrl, 'GET', '/api/users?limit=100', undefined, as('sup.zhou'));
    expect(reports.body.items.map((user) => user.id).sort()).toEqual(['km.li', 'km.wang']);
    expect((await call(stack.apiUrl, 'GET', '/api/users', undefined, as('km.wang'))).status).toBe(403);
  });
});
