/**
 * Jeopardy, breach and escalation across National Day 2026 (1–7 October holidays, Saturday 10 October a make-up
 * working day) on the local stack: orders are placed through the data layer at a faked business time, the sweep is run
 * at chosen instants, and what it recorded is read back through the data layer and the HTTP API.
 *
 * The order is acknowledged at Wednesday 30 September 09:00 (Shanghai) and its resource confirmation starts then; its
 * planned due time is Friday 9 October 18:00, three working days later (30 Sep, 8 Oct, 9 Oct). 75 % of that budget is
 * used at 9 October 11:00 — in wall-clock time 75 % would fall on 7 October, inside the holiday.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import type { Principal } from '../../functions/domain/people.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, createAccount, ordersPath, useToken } from '../support/api-client.ts';

let stack: LocalStack;
let data: typeof import('../../functions/data/sla-repository.ts');
let orders: typeof import('../../functions/data/orders-repository.ts');
let sweep: typeof import('../../functions/services/sla-sweep.ts');
let queries: typeof import('../../functions/services/sla-queries.ts');
let notifications: typeof import('../../functions/services/sla-notifications.ts');
let fixtures: typeof import('../support/sla-fixtures.ts');

const person = (userId: string, roles: Principal['roles'], managerId?: string, unitId?: string): Principal => ({ userId, displayName: userId, roles, managerId, unitId });
const kmWang = person('km.wang', ['KEY_ACCOUNT_MANAGER'], 'sup.zhou', 'NORTH');
const kmZhang = person('km.zhang', ['KEY_ACCOUNT_MANAGER'], 'sup.huang', 'SOUTH');
const supZhou = person('sup.zhou', ['SUPERVISOR'], 'dept.north', 'NORTH');

const at = (iso: string) => new Date(iso);
const acknowledgedAt = '2026-09-30T01:00:00.000Z'; // Wed 30 Sep 09:00 Shanghai
const settings = () => ({ ...sweep.sweepSettingsFromEnv, escalationIntervalWorkingHours: 4 });

let escalated: string; // breached, climbs the whole chain
let acknowledgedEarly: string; // breached, taken by its supervisor before the chain climbs
let finishedInTime: string; // finishes on 8 October, before its at-risk instant

beforeAll(async () => {
  stack = await startTestStack({ simulator: false, slaSweep: false });
  useToken(await stack.signIn('admin'));
  const account = await createAccount(stack.apiUrl, { accountManager: 'km.wang', tier: 'GROUP' });
  data = await import('../../functions/data/sla-repository.ts');
  orders = await import('../../functions/data/orders-repository.ts');
  sweep = await import('../../functions/services/sla-sweep.ts');
  queries = await import('../../functions/services/sla-queries.ts');
  notifications = await import('../../functions/services/sla-notifications.ts');
  fixtures = await import('../support/sla-fixtures.ts');

  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at(acknowledgedAt));
  escalated = await fixtures.orderInResourceConfirmation(account.id);
  acknowledgedEarly = await fixtures.orderInResourceConfirmation(account.id);
  finishedInTime = await fixtures.orderInResourceConfirmation(account.id);
});
afterAll(async () => {
  vi.useRealTimers();
  await stack?.stop();
});

const alertsOf = async (orderId: string) => (await orders.getOrderDetail(orderId)).alerts ?? [];
const sweepAt = (iso: string) => {
  vi.setSystemTime(at(iso));
  return sweep.sweepSla(at(iso), settings());
};

describe('the SLA sweep across National Day', () => {
  it('files the stage under its at-risk instant on the working calendar when it starts', async () => {
    const watch = await data.findWatch(escalated, 'RESOURCE_CONFIRMATION');
    expect(watch).toMatchObject({
      step: 'AT_RISK',
      state: 'ON_TRACK',
      startedAt: acknowledgedAt,
      atRiskAt: '2026-10-09T03:00:00.000Z',
      dueAt: '2026-10-09T10:00:00.000Z',
      fireAt: '2026-10-09T03:00:00.000Z',
      bucket: '2026-10-09T03',
      owner: 'team:network-resources',
      accountManager: 'km.wang',
    });
    // the order as a whole is watched too, against its end-to-end due time
    expect(await data.findWatch(escalated, 'ORDER')).toMatchObject({ step: 'AT_RISK', owner: 'km.wang' });
  });

  it('removes the watch when the stage finishes, so nothing is ever raised for it', async () => {
    vi.setSystemTime(at('2026-10-08T02:00:00.000Z'));
    await fixtures.finishResourceConfirmation(finishedInTime);
    expect(await data.findWatch(finishedInTime, 'RESOURCE_CONFIRMATION')).toBeUndefined();
  });

  it('raises nothing during the holiday or on 8 October, when two thirds of the working time are used', async () => {
    const report = await sweepAt('2026-10-08T09:00:00.000Z'); // Thu 8 Oct 17:00
    expect(report.alertsRecorded).toBe(0);
    expect(await alertsOf(escalated)).toEqual([]);
    expect((await queries.atRiskFor(kmWang, 100, at('2026-10-08T09:00:00.000Z'))).items).toEqual([]);
  });

  it('records AT_RISK once at 75 % of the working time, even when two sweeps run at once', async () => {
    vi.setSystemTime(at('2026-10-09T03:01:00.000Z'));
    const reports = await Promise.all([sweep.sweepSla(at('2026-10-09T03:01:00.000Z'), settings()), sweep.sweepSla(at('2026-10-09T03:01:00.000Z'), settings())]);
    // three at-risk transitions (two orders' stages, taken once each) whichever sweep took them
    expect(reports.reduce((sum, report) => sum + report.alertsRecorded, 0)).toBe(2);
    const alerts = await alertsOf(escalated);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ target: 'RESOURCE_CONFIRMATION', level: 'AT_RISK', jeopardyType: 'hazard', owner: 'team:network-resources', alertDate: '2026-10-09T03:01:00.000Z' });
    expect(await alertsOf(finishedInTime)).toEqual([]);
    const watch = await data.findWatch(escalated, 'RESOURCE_CONFIRMATION');
    expect(watch).toMatchObject({ step: 'BREACHED', state: 'AT_RISK', fireAt: '2026-10-09T10:00:00.001Z' });
    // a third sweep finds nothing left to do
    expect((await sweepAt('2026-10-09T03:02:00.000Z')).alertsRecorded).toBe(0);
    expect(await alertsOf(escalated)).toHaveLength(1);
    const events = (await orders.getOrderDetail(escalated)).events.filter((event) => event.type === 'JEOPARDY_ALERT');
    expect(events).toEqual([expect.objectContaining({ stage: 'RESOURCE_CONFIRMATION', stageStatus: 'AT_RISK', actor: 'system:sla-sweep' })]);
  });

  it('lists the stage as at risk with its owner to the account manager and the team, not to another team', async () => {
    const now = at('2026-10-09T04:00:00.000Z');
    const mine = await queries.atRiskFor(kmWang, 100, now);
    expect(mine.items.map((item) => item.orderId).sort()).toEqual([escalated, acknowledgedEarly].sort());
    expect(mine.items.find((item) => item.orderId === escalated)).toMatchObject({ stage: 'RESOURCE_CONFIRMATION', status: 'AT_RISK', owner: 'team:network-resources', accountManager: 'km.wang', timeLeftMs: 6 * 3_600_000 });
    expect((await queries.atRiskFor(supZhou, 100, now)).items).toHaveLength(2);
    expect((await queries.atRiskFor(kmZhang, 100, now)).items).toEqual([]);
  });

  it('records BREACHED after the due time and notifies the stage owner, informing the account manager', async () => {
    expect((await sweepAt('2026-10-09T10:00:00.000Z')).alertsRecorded).toBe(0); // exactly at the due time: not late yet
    const report = await sweepAt('2026-10-09T10:01:00.000Z');
    expect(report.alertsRecorded).toBe(2);
    expect((await alertsOf(escalated)).map((alert) => `${alert.level}:${alert.jeopardyType}`)).toEqual(['AT_RISK:hazard', 'BREACHED:critical']);
    const escalation = await data.getEscalation(`esc_${escalated.slice(4)}_RESOURCE_CONFIRMATION`);
    expect(escalation).toMatchObject({ level: 'OWNER', status: 'OPEN', accountTier: 'GROUP', breachedAt: '2026-10-09T10:01:00.000Z' });
    expect(escalation.steps).toEqual([{ level: 'OWNER', at: '2026-10-09T10:01:00.000Z', notified: ['team:network-resources'], informed: ['km.wang'], channel: 'local' }]);
    expect(notifications.localNotifications().filter((sent) => sent.orderId === escalated).map((sent) => sent.level)).toEqual(['OWNER']);
    const listed = await queries.atRiskFor(kmWang, 100, at('2026-10-09T10:02:00.000Z'));
    const listedStage = listed.items.find((item) => item.orderId === escalated);
    expect(listedStage).toMatchObject({ status: 'BREACHED', escalationId: escalation.escalationId });
    expect(listedStage?.timeLeftMs).toBeLessThan(0);
  });

  it('lets the first person take ownership of an escalation', async () => {
    const escalationId = `esc_${acknowledgedEarly.slice(4)}_RESOURCE_CONFIRMATION`;
    const taken = await queries.acknowledgeEscalationFor(supZhou, escalationId);
    expect(taken).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: 'sup.zhou' });
  });

  it('climbs to the supervisor 4 working hours later, on the make-up Saturday, then the department head and the group level', async () => {
    // 9 Oct 18:00 + 4 working hours = Saturday 10 Oct 14:00 (a make-up working day)
    expect((await sweepAt('2026-10-10T05:59:00.000Z')).escalationSteps).toBe(0);
    expect((await sweepAt('2026-10-10T06:01:00.000Z')).escalationSteps).toBe(1);
    let escalation = await data.getEscalation(`esc_${escalated.slice(4)}_RESOURCE_CONFIRMATION`);
    expect(escalation.steps.map((step) => [step.level, step.notified])).toEqual([
      ['OWNER', ['team:network-resources']],
      ['SUPERVISOR', ['sup.zhou']],
    ]);
    // the acknowledged escalation did not climb, and its watch is gone
    const taken = await data.getEscalation(`esc_${acknowledgedEarly.slice(4)}_RESOURCE_CONFIRMATION`);
    expect(taken.steps.map((step) => step.level)).toEqual(['OWNER']);
    expect(await data.findWatch(acknowledgedEarly, 'RESOURCE_CONFIRMATION')).toMatchObject({ step: 'NONE', state: 'BREACHED' });

    expect((await sweepAt('2026-10-10T10:01:00.000Z')).escalationSteps).toBe(1); // Saturday 18:01
    // Sunday 11 Oct is a weekend: the group level is due Monday 12 Oct 14:00 (09:00–12:00, 13:00–14:00)
    expect((await sweepAt('2026-10-11T10:00:00.000Z')).escalationSteps).toBe(0);
    expect((await sweepAt('2026-10-12T05:59:00.000Z')).escalationSteps).toBe(0);
    expect((await sweepAt('2026-10-12T06:01:00.000Z')).escalationSteps).toBe(1);
    escalation = await data.getEscalation(`esc_${escalated.slice(4)}_RESOURCE_CONFIRMATION`);
    expect(escalation.steps.map((step) => `${step.level}>${step.notified.join(',')}|${step.informed.join(',')}`)).toEqual([
      'OWNER>team:network-resources|km.wang',
      'SUPERVISOR>sup.zhou|km.wang',
      'DEPARTMENT_HEAD>dept.north|km.wang',
      'GROUP_KEY_ACCOUNT>role:ADMINISTRATOR|km.wang',
    ]);
    // nothing left to notify, but the stage is still breached: listed, and out of the due-time index
    expect(await data.findWatch(escalated, 'RESOURCE_CONFIRMATION')).toMatchObject({ step: 'NONE', state: 'BREACHED' });
    expect((await sweepAt('2026-10-20T06:00:00.000Z')).escalationSteps).toBe(0);
    const trail = (await orders.getOrderDetail(escalated)).events.filter((event) => event.type === 'ESCALATION').map((event) => event.stageStatus);
    expect(trail).toEqual(['SUPERVISOR', 'DEPARTMENT_HEAD', 'GROUP_KEY_ACCOUNT']);
  });

  it('shows the alerts on the order and the escalations, and lets one person take ownership, through the API', async () => {
    vi.useRealTimers();
    const order = await call(stack.apiUrl, 'GET', `${ordersPath}/${escalated}`);
    expect(order.status).toBe(200);
    expect(order.body.jeopardyAlert).toEqual([
      expect.objectContaining({ id: 'RESOURCE_CONFIRMATION-AT_RISK', jeopardyType: 'hazard', stage: 'RESOURCE_CONFIRMATION', level: 'AT_RISK' }),
      expect.objectContaining({ id: 'RESOURCE_CONFIRMATION-BREACHED', jeopardyType: 'critical', stage: 'RESOURCE_CONFIRMATION', level: 'BREACHED' }),
      // by 20 October the order as a whole (12 working days, class C) has used 75 % of its working time too
      expect.objectContaining({ id: 'ORDER-AT_RISK', jeopardyType: 'hazard', stage: 'ORDER', level: 'AT_RISK', owner: 'km.wang' }),
    ]);
    const as = async (username: string) => ({ authorization: `Bearer ${await stack.signIn(username)}` });
    const escalationId = `esc_${escalated.slice(4)}_RESOURCE_CONFIRMATION`;
    const mine = await call(stack.apiUrl, 'GET', '/api/escalations', undefined, await as('km.wang'));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(escalationId);
    const others = await call(stack.apiUrl, 'GET', '/api/escalations', undefined, await as('km.zhang'));
    expect(others.body.items).toEqual([]);
    expect((await call(stack.apiUrl, 'POST', `/api/escalations/${escalationId}/acknowledgement`, undefined, await as('km.zhang'))).status).toBe(404);
    expect((await call(stack.apiUrl, 'POST', '/api/escalations/esc_nope/acknowledgement', undefined, await as('sup.zhou'))).status).toBe(400);

    const first = await call(stack.apiUrl, 'POST', `/api/escalations/${escalationId}/acknowledgement`, undefined, await as('sup.zhou'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: escalationId, status: 'ACKNOWLEDGED', acknowledgedBy: 'sup.zhou' });
    const again = await call(stack.apiUrl, 'POST', `/api/escalations/${escalationId}/acknowledgement`, undefined, await as('sup.zhou'));
    expect(again.status).toBe(200);
    expect(again.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
    const someoneElse = await call(stack.apiUrl, 'POST', `/api/escalations/${escalationId}/acknowledgement`, undefined, await as('dept.north'));
    expect(someoneElse.status).toBe(409);
    expect(someoneElse.body.message).toContain('sup.zhou');
    const solution = await call(stack.apiUrl, 'POST', `/api/escalations/${escalationId}/acknowledgement`, undefined, await as('sol.sun'));
    expect(solution.status).toBe(403);
    const atRisk = await call(stack.apiUrl, 'GET', '/api/sla/at-risk', undefined, await as('km.wang'));
    expect(atRisk.status).toBe(200);
    expect(atRisk.body.items.map((item: { orderId: string; status: string }) => `${item.orderId}:${item.status}`)).toContain(`${escalated}:BREACHED`);
  });
});
