/**
 * Contracts under commercial authorisation through HTTP: the level the matrix asks for, approval inboxes of the right
 * people, approve/refuse with reasons kept, idempotent decisions, refusal of roles without authority, and orders that
 * need an approved contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, orderRequest, ordersPath, useToken } from '../support/api-client.ts';

let stack: LocalStack;
let accountId: string;
const tokens: Record<string, string> = {};
const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
const fields = (body: { issues?: { field: string }[] }) => (body.issues ?? []).map((issue) => issue.field);

beforeAll(async () => {
  stack = await startTestStack({ simulator: false });
  for (const user of ['admin', 'sup.zhou', 'sup.huang', 'dept.north', 'km.wang', 'ops.net']) tokens[user] = await stack.signIn(user);
  useToken(tokens['km.wang']);
  accountId = (await call(stack.apiUrl, 'POST', '/api/accounts', { name: '合同客户', industry: 'FINANCE', tier: 'GROUP', city: '北京' })).body.id;
});
afterAll(async () => {
  await stack?.stop();
});

/** EPL 100M lists at 18,000/month + 5,000 one-off; 12 months, 2 circuits: list value 442,000. */
const contract = (agreedMonthly: number, extra: Record<string, unknown> = {}) => ({
  title: '北京-上海以太网专线',
  termMonths: 12,
  slaClass: 'B',
  committedActivationDays: 10,
  lines: [{ productId: 'EPL', bandwidth: '100M', quantity: 2, agreedMonthlyCharge: agreedMonthly }],
  ...extra,
});
const submit = (body: unknown, user = 'km.wang') => call(stack.apiUrl, 'POST', `/api/accounts/${accountId}/contracts`, body, as(user));

describe('commercial authorisation', () => {
  it("approves a contract within the submitter's own authority at once, with the reason kept", async () => {
    const response = await submit(contract(18000 * 0.97));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'APPROVED', requiredLevel: 'KEY_ACCOUNT_MANAGER', listValue: 442000, decisions: [{ decision: 'APPROVED', by: 'km.wang' }] });
  });

  it("sends a contract over the submitter's authority to the supervisor's inbox; only a role with authority decides it, once", async () => {
    const pending = await submit(contract(18000 * 0.92));
    expect(pending.body).toMatchObject({ status: 'PENDING_APPROVAL', requiredLevel: 'SUPERVISOR' });
    const id = pending.body.id as string;

    const inbox = await call<{ items: { id: string }[] }>(stack.apiUrl, 'GET', '/api/approvals', undefined, as('sup.zhou'));
    expect(inbox.body.items.map((item) => item.id)).toContain(id);
    expect((await call<{ items: { id: string }[] }>(stack.apiUrl, 'GET', '/api/approvals', undefined, as('sup.huang'))).body.items.map((item) => item.id)).not.toContain(id);
    expect((await call(stack.apiUrl, 'GET', '/api/approvals', undefined, as('km.wang'))).status).toBe(403);

    // an order under it is refused until it is approved
    const early = await call(stack.apiUrl, 'POST', ordersPath, { ...orderRequest(accountId), agreement: [{ id }] });
    expect(early.status).toBe(400);
    expect(early.body.issues).toEqual([{ field: 'agreement.0.id', message: expect.stringContaining('pending approval') }]);

    expect((await call(stack.apiUrl, 'POST', `/api/contracts/${id}/decisions`, { decision: 'APPROVED', reason: '批准' }, as('sup.huang'))).status).toBe(404);
    expect(fields((await call(stack.apiUrl, 'POST', `/api/contracts/${id}/decisions`, { decision: 'APPROVED' }, as('sup.zhou'))).body)).toEqual(['reason']);
    const [first, second] = await Promise.all([
      call(stack.apiUrl, 'POST', `/api/contracts/${id}/decisions`, { decision: 'APPROVED', reason: '战略客户，同意 8 折' }, as('sup.zhou')),
      call(stack.apiUrl, 'POST', `/api/contracts/${id}/decisions`, { decision: 'APPROVED', reason: '战略客户，同意 8 折' }, as('sup.zhou')),
    ]);
    expect([first.status, second.status].every((status) => status === 200 || status === 409)).toBe(true);
    const approved = await call(stack.apiUrl, 'POST', `/api/contracts/${id}/decisions`, { decision: 'APPROVED', reason: '重复提交' }, as('sup.zhou'));
    expect(approved.status).toBe(200);
    expect(approved.body.decisions).toEqual([expect.objectContaining({ decision: 'APPROVED', by: 'sup.zhou', reason: '战略客户，同意 8 折' })]);
    expect((await call(stack.apiUrl, 'POST', `/api/contracts/${id}/decisions`, { decision: 'REFUSED', reason: '改主意' }, as('sup.zhou'))).status).toBe(409);
    expect((await call<{ items: { id: string }[] }>(stack.apiUrl, 'GET', '/api/approvals', undefined, as('sup.zhou'))).body.items.map((item) => item.id)).not.toContain(id);

    const order = await call(stack.apiUrl, 'POST', ordersPath, { ...orderRequest(accountId), agreement: [{ id }] });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ agreement: [{ id }], slaClass: 'B' });
  });

  it('refuses approval by a role without the authority, and routes big discounts to the department head', async () => {
    const pending = await submit(contract(18000 * 0.85));
    expect(pending.body.requiredLevel).toBe('DEPARTMENT_HEAD');
    const id = pending.body.id as string;
    expect((await call(stack.apiUrl, 'POST', `/api/contracts/${id}/decisions`, { decision: 'APPROVED', reason: '同意' }, as('sup.zhou'))).status).toBe(403);
    expect((await call<{ items: { id: string }[] }>(stack.apiUrl, 'GET', '/api/approvals', undefined, as('dept.north'))).body.items.map((item) => item.id)).toContain(id);
    const refused = await call(stack.apiUrl, 'POST', `/api/contracts/${id}/decisions`, { decision: 'REFUSED', reason: '折扣超出部门授权' }, as('dept.north'));
    expect(refused.body).toMatchObject({ status: 'REFUSED', decisions: [{ decision: 'REFUSED', by: 'dept.north', reason: '折扣超出部门授权' }] });
  });

  it('needs a supervisor for a committed activation shorter than the class standard', async () => {
    const fast = await submit(contract(18000, { slaClass: 'A', committedActivationDays: 5 }));
    expect(fast.body).toMatchObject({ requiredLevel: 'SUPERVISOR', status: 'PENDING_APPROVAL' });
    expect(fast.body.approvalReasons[1]).toContain('shorter than the class A standard of 8');
  });

  it('refuses bad terms naming the field', async () => {
    expect(fields((await submit(contract(18000, { termMonths: 0 }))).body)).toEqual(['termMonths']);
    expect(fields((await submit(contract(-5))).body)).toEqual(['lines.0.agreedMonthlyCharge']);
    expect(fields((await submit(contract(99_999))).body)).toEqual(['lines']);
    expect(fields((await submit({ ...contract(100), lines: [{ productId: 'DDN', bandwidth: '10G', quantity: 1, agreedMonthlyCharge: 1 }] })).body)).toEqual(['lines.0.bandwidth']);
    expect((await submit(contract(18000), 'ops.net')).status).toBe(403);
  });
});
