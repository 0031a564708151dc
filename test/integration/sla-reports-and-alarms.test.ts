/**
 * SLA metrics, reports and alarms through HTTP on the local stack. Business time runs 50,000× (a working day in under
 * two seconds), so an order waiting for a network build overruns its resource confirmation for real. The handlers'
 * EMF lines feed the local CloudWatch; GET /api/alarms shows the alarm definitions CDK deploys turning to ALARM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, createAccount, inState, orderRequest, stage, submitOrder, useToken, waitForOrder } from '../support/api-client.ts';
import type { ProductOrder } from '../support/api-client.ts';

const timeScale = 50_000;
let stack: LocalStack;
let businessNow: () => Date;
const tokens = new Map<string, string>();

beforeAll(async () => {
  stack = await startTestStack({ timeScale, simulator: { delayMs: 600, failureRate: 0 } });
  // The stack set the business clock's anchors in this process's environment before any handler read them.
  businessNow = (await import('../../functions/commons/clock.ts')).now;
  for (const user of ['admin', 'sup.zhou', 'dept.north', 'dept.south', 'km.wang', 'km.li', 'ops.net', 'sol.sun']) tokens.set(user, await stack.signIn(user));
  useToken(tokens.get('admin'));
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

interface AttainmentRow { key: string; finished: number; timed: number; onTime: number; late: number; failed: number; attainment: number | null; averageWorkingHours: number | null }
interface SlaReport { from: string; to: string; groupBy: string; scope: string; total: AttainmentRow; rows: AttainmentRow[] }
interface AlarmView { name: string; kind: string; state: string; reason: string; audience: string[]; threshold?: number; statistic?: string }

const as = (user: string) => ({ authorization: `Bearer ${tokens.get(user)}` });
const report = (query: string, user = 'admin') => call<SlaReport>(stack.apiUrl, 'GET', `/api/sla/reports?${query}`, undefined, as(user));
const alarms = async (user = 'sup.zhou') => {
  const response = await call<{ items: AlarmView[] }>(stack.apiUrl, 'GET', '/api/alarms', undefined, as(user));
  expect(response.status).toBe(200);
  return new Map(response.body.items.map((alarm) => [alarm.name, alarm]));
};
const row = (body: SlaReport, key: string) => body.rows.find((candidate) => candidate.key === key);

async function runToClosed(orderId: string): Promise<ProductOrder> {
  await waitForOrder(stack.apiUrl, orderId, inState('PENDING_ACCEPTANCE'), 40_000);
  expect((await call(stack.apiUrl, 'POST', `/api/orders/${orderId}/acceptance`, { decision: 'ACCEPTED' })).status).toBe(202);
  return waitForOrder(stack.apiUrl, orderId, inState('CLOSED'), 20_000);
}

describe('SLA metrics, reports and alarms', () => {
  let onTimeOrder: ProductOrder;
  let lateOrder: ProductOrder;

  it('starts with every SLA alarm OK: no data is not a breach', async () => {
    const states = await alarms();
    expect(states.size).toBeGreaterThan(30);
    expect(new Set([...states.values()].map((alarm) => alarm.state))).toEqual(new Set(['OK']));
    expect(states.get('kamflow-on-time-resource-confirmation-group')).toMatchObject({ kind: 'threshold', statistic: 'Average', threshold: 0.95, audience: ['OPERATIONS', 'SUPERVISORS', 'DEPARTMENT_HEADS'] });
  });

  it('an order run on time: every stage on time; provisioning answered slowly in business time, so the callback latency alarm fires', async () => {
    const account = await createAccount(stack.apiUrl, { province: '北京' });
    const submitted = await submitOrder(stack.apiUrl, orderRequest(account.id, { product: 'EPL', aCity: '北京', zCity: '上海' }));
    onTimeOrder = await runToClosed(submitted.id);
    for (const record of onTimeOrder.stages as unknown as { stage: string; onTime?: boolean }[]) expect(record.onTime, record.stage).toBe(true);

    // the handlers' EMF lines reached the local CloudWatch
    const now = Date.now();
    const onTimePoints = stack.cloudWatch.store.query('KAMflow', 'StageOnTime', { service: 'kamflow', Stage: 'RESOURCE_CONFIRMATION', Tier: 'GROUP' }, now - 600_000, now + 1);
    expect(onTimePoints.flatMap((point) => point.values)).toEqual([1]);
    const latencies = stack.cloudWatch.store.query('KAMflow', 'CallbackLatency', { service: 'kamflow', Stage: 'ACTIVATION' }, now - 600_000, now + 1).flatMap((point) => point.values);
    expect(latencies).toHaveLength(2); // progress and completion
    expect(Math.min(...latencies)).toBeGreaterThan(4 * 3600);

    const states = await alarms();
    expect(states.get('kamflow-on-time-resource-confirmation-group')?.state).toBe('OK');
    expect(states.get('kamflow-activation-callback-latency')).toMatchObject({ state: 'ALARM', reason: expect.stringContaining('greater than the threshold (14400.0)'), audience: ['OPERATIONS'] });
    expect(states.get('kamflow-provisioning-loop-unhealthy')).toMatchObject({ kind: 'composite', state: 'ALARM', reason: expect.stringContaining('kamflow-activation-callback-latency') });
  }, 60_000);

  it('an order waiting for a network build past its resource confirmation due time: that stage finishes late and its on-time alarm fires', async () => {
    const before = await alarms();
    expect(before.get('kamflow-on-time-resource-confirmation-group')?.state).toBe('OK');

    const account = await createAccount(stack.apiUrl, { province: '西藏', city: '拉萨' });
    const submitted = await submitOrder(stack.apiUrl, orderRequest(account.id, { product: 'SDH', bandwidth: '2M', aCity: '北京', zCity: '拉萨' }));
    const awaiting = await waitForOrder(stack.apiUrl, submitted.id, (o) => o.kamflowState === 'AWAITING_BUILD' && o.stages.some((s) => s.stage === 'NETWORK_BUILD' && s.status === 'WAITING'));
    const due = Date.parse((stage(awaiting, 'RESOURCE_CONFIRMATION') as unknown as { dueAt: string }).dueAt);
    const realWaitMs = (due - businessNow().getTime()) / timeScale + 500;
    expect(realWaitMs).toBeLessThan(25_000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, realWaitMs)));

    const agreedDate = new Date(businessNow().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    expect((await call(stack.apiUrl, 'POST', `/api/orders/${submitted.id}/network-build`, { investmentType: 'ROLLING', agreedDate }, as('ops.net'))).status).toBe(202);
    lateOrder = await runToClosed(submitted.id);
    expect(stage(lateOrder, 'RESOURCE_CONFIRMATION')).toMatchObject({ attempts: 2, onTime: false });

    const states = await alarms('dept.north');
    expect(states.get('kamflow-on-time-resource-confirmation-group')).toMatchObject({ state: 'ALARM', reason: expect.stringContaining('less than the threshold (0.95)') });
    // other tiers and stages keep their own alarms
    expect(states.get('kamflow-on-time-resource-confirmation-local')?.state).toBe('OK');
    expect(states.get('kamflow-on-time-order-acceptance-group')?.state).toBe('OK');
  }, 90_000);

  it('reports attainment by stage from the finished stage records', async () => {
    const response = await report('groupBy=stage');
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body).toMatchObject({ groupBy: 'stage', scope: 'all' });
    expect(row(body, 'RESOURCE_CONFIRMATION')).toMatchObject({ finished: 2, timed: 2, onTime: 1, late: 1, attainment: 0.5 });
    expect(row(body, 'NETWORK_BUILD')).toMatchObject({ finished: 1, timed: 0, attainment: null });
    expect(row(body, 'ORDER_ACCEPTANCE')).toMatchObject({ finished: 2, onTime: 2, attainment: 1 });
    expect(body.rows.map((entry) => entry.key).slice(0, 3)).toEqual(['ORDER_ACCEPTANCE', 'RESOURCE_CONFIRMATION', 'NETWORK_BUILD']);
    const finished = onTimeOrder.stages.length + lateOrder.stages.length;
    expect(body.total.finished).toBe(finished);
    expect(body.total.late).toBeGreaterThanOrEqual(1);
  });

  it('reports by tier, product, province and work position (工位)', async () => {
    const byProvince = (await report('groupBy=province')).body;
    expect(byProvince.rows.map((entry) => entry.key).sort()).toEqual(['北京', '西藏']);
    expect(row(byProvince, '北京')).toMatchObject({ finished: onTimeOrder.stages.length, attainment: 1 });
    expect(row(byProvince, '西藏')?.late).toBeGreaterThanOrEqual(1);
    expect((await report('groupBy=tier')).body.rows.map((entry) => entry.key)).toEqual(['GROUP']);
    expect((await report('groupBy=product')).body.rows.map((entry) => entry.key)).toEqual(['EPL', 'SDH']);
    const byPosition = (await report('groupBy=position')).body;
    expect(row(byPosition, 'PLANNING')).toMatchObject({ finished: 1, attainment: null });
    expect(row(byPosition, 'NETWORK_RESOURCES')).toMatchObject({ finished: 2, attainment: 0.5 });
    // an empty window before any order
    expect((await report('groupBy=stage&from=2020-01-01&to=2020-01-31')).body).toMatchObject({ rows: [], total: { finished: 0, attainment: null } });
  });

  it('respects row-level access: managers see their reach only', async () => {
    const all = (await report('groupBy=stage')).body.total.finished;
    expect((await report('groupBy=stage', 'sup.zhou')).body).toMatchObject({ scope: 'team', total: { finished: all } });
    expect((await report('groupBy=stage', 'dept.north')).body).toMatchObject({ scope: 'unit', total: { finished: all } });
    expect((await report('groupBy=stage', 'km.wang')).body).toMatchObject({ scope: 'owner', total: { finished: all } });
    expect((await report('groupBy=stage', 'km.li')).body).toMatchObject({ scope: 'owner', total: { finished: 0 }, rows: [] });
    expect((await report('groupBy=stage', 'dept.south')).body.total.finished).toBe(0);
    expect((await report('groupBy=stage', 'sol.sun')).status).toBe(403);
    expect((await call(stack.apiUrl, 'GET', '/api/alarms', undefined, as('sol.sun'))).status).toBe(403);
  });

  it('exports CSV for Excel: UTF-8 with a byte order mark, a filename, by Accept or format=csv', async () => {
    for (const [query, headers] of [['groupBy=province', { accept: 'text/csv' }], ['groupBy=province&format=csv', {}]] as const) {
      const response = await fetch(`${stack.apiUrl}/api/sla/reports?${query}`, { headers: { ...as('sup.zhou'), ...headers } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="kamflow-sla-attainment-by-province-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"/);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
      expect(lines[0]).toContain('省份 Province');
      expect(lines.some((line) => line.startsWith('北京,北京,'))).toBe(true);
      expect(lines.at(-1)).toMatch(/^TOTAL,合计,/);
    }
  });

  it('answers bad report parameters with 400 naming the field', async () => {
    const badGrouping = await report('groupBy=account');
    expect(badGrouping.status).toBe(400);
    expect(JSON.stringify(badGrouping.body)).toContain('query.groupBy');
    const reversed = await report('from=2026-05-10&to=2026-05-01');
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('query.from');
    const notADate = await report('from=yesterday');
    expect(notADate.status).toBe(400);
    expect(JSON.stringify(notADate.body)).toContain('query.from');
  });
});
