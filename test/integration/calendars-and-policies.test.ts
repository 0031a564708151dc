/**
 * Business calendars, SLA policies and the contract list through HTTP on the local stack:
 * - a year of a calendar day by day (National Day 2026 with its make-up working days);
 * - an administrator's provincial holidays move the due times of orders whose A-end is in that province, and only those;
 * - 2027 is unpublished (no holiday data in the maintained library yet) and due times reaching into it stay unset until
 *   an administrator adds the year as data — then new orders are planned into 2027 while older ones keep their plan;
 * - the SLA policies (contract classes, products' standards) with their versions;
 * - contracts across one's reach with their approval state;
 * - bad calendar data is a 400 naming the field, a stale version a 409, other roles 403, no token 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { buildNationalCalendar, publishedYearsFromChineseDays } from '../../functions/domain/business-calendar.ts';
import { elapsedWorkingTime } from '../../functions/domain/sla-clock.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, createAccount, orderRequest, submitOrder, useToken, waitForOrder } from '../support/api-client.ts';

let stack: LocalStack;
const tokens: Record<string, string> = {};
const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
const fields = (body: { issues?: { field: string }[] }) => (body.issues ?? []).map((issue) => issue.field);

type Plan = { id: string; version: number; note: string; calendarId: string; stageDueTimes: Record<string, string> };
type PlannedOrder = { id: string; slaPolicy?: Plan; dueAt?: string };
type Product = { id: string; version: number; bandwidths: { bandwidth: string; oneOffCharge: number; monthlyCharge: number }[]; stageTemplate: { stage: string; workingDays?: number; workingHours?: number }[] };

let accountId: string;

beforeAll(async () => {
  stack = await startTestStack({ simulator: false, slaSweep: false });
  for (const user of ['admin', 'km.wang', 'km.zhang', 'sup.zhou']) tokens[user] = await stack.signIn(user);
  useToken(tokens.admin);
  accountId = (await createAccount(stack.apiUrl, { accountManager: 'km.wang' })).id;
});
afterAll(async () => {
  await stack?.stop();
});

async function plannedOrder(options: Parameters<typeof orderRequest>[1]): Promise<PlannedOrder> {
  const submitted = await submitOrder(stack.apiUrl, orderRequest(accountId, options));
  return (await waitForOrder(stack.apiUrl, submitted.id, (order) => (order as PlannedOrder).slaPolicy !== undefined, 30_000)) as PlannedOrder;
}

/** Local date in Beijing, `days` days from now. */
const beijingDate = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const localDate = (instant: string | undefined) => new Date(Date.parse(instant ?? '') + 8 * 3600_000).toISOString().slice(0, 10);

describe('business calendars', () => {
  it('shows each day of a year: National Day 2026 with its make-up working days', async () => {
    const response = await call<{ published: boolean; days: { date: string; kind: string; name?: string; working?: boolean }[] }>(stack.apiUrl, 'GET', '/api/calendars/CN-GD?year=2026', undefined, as('km.wang'));
    expect(response.status).toBe(200);
    expect(response.body.published).toBe(true);
    expect(response.body.days).toHaveLength(365);
    const day = (date: string) => response.body.days.find((candidate) => candidate.date === date);
    expect(day('2026-10-01')).toMatchObject({ kind: 'PUBLIC_HOLIDAY', working: false, name: expect.stringContaining('国庆') });
    expect(day('2026-09-20')).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY', working: true });
    expect(day('2026-10-10')).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY', working: true });
    expect(day('2026-10-12')).toMatchObject({ kind: 'WORKING_DAY', working: true });
    expect(day('2026-10-11')).toMatchObject({ kind: 'WEEKEND', working: false });

    const list = await call<{ items: { id: string; kind: string; publishedYears: number[]; workingHours: unknown[] }[] }>(stack.apiUrl, 'GET', '/api/calendars', undefined, as('km.wang'));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(32);
    expect(list.body.items[0]).toMatchObject({ id: 'CN', kind: 'NATIONAL', publishedYears: publishedYearsFromChineseDays().map((schedule) => schedule.year) });
    expect(list.body.items[0]?.workingHours).toEqual(buildNationalCalendar().workingIntervals);

    expect((await call(stack.apiUrl, 'GET', '/api/calendars/CN-ZZ', undefined, as('km.wang'))).status).toBe(404);
    expect(fields((await call(stack.apiUrl, 'GET', '/api/calendars/beijing', undefined, as('km.wang'))).body)).toEqual(['path.province']);
    expect(fields((await call(stack.apiUrl, 'GET', '/api/calendars/CN?year=1066', undefined, as('km.wang'))).body)).toEqual(['query.year']);
    expect((await call(stack.apiUrl, 'GET', '/api/calendars', undefined, { authorization: '' })).status).toBe(401);
  });

  it('lets only administrators change calendar data', async () => {
    const body = { version: 0, extraHolidays: [{ date: '2026-12-24', name: 'test' }] };
    expect((await call(stack.apiUrl, 'PUT', '/api/calendars/CN-BJ/overrides', body, as('km.wang'))).status).toBe(403);
    expect((await call(stack.apiUrl, 'PUT', '/api/calendars/CN-BJ/overrides', body, as('sup.zhou'))).status).toBe(403);
    expect((await call(stack.apiUrl, 'PUT', '/api/calendars/CN-BJ/overrides', body, { authorization: '' })).status).toBe(401);
  });

  it('refuses bad calendar data with a 400 naming the field', async () => {
    const refused = async (calendar: string, body: unknown) => {
      const response = await call(stack.apiUrl, 'PUT', `/api/calendars/${calendar}/overrides`, body, as('admin'));
      expect(response.status).toBe(400);
      return fields(response.body);
    };
    expect(await refused('CN-GD', { version: 0, extraHolidays: [{ date: '2026-02-30', name: 'x' }] })).toEqual(['extraHolidays.0.date']);
    expect(await refused('CN-GD', { version: 0, extraHolidays: [{ date: '1 May', name: 'x' }] })).toEqual(['extraHolidays.0.date']);
    expect(await refused('CN-GD', { version: 0, extraHolidays: [{ date: '2026-12-24', name: '' }] })).toEqual(['extraHolidays.0.name']);
    expect(await refused('CN-GD', { version: 0, extraHolidays: [{ date: '2026-12-24', name: 'a' }], extraWorkingDays: [{ date: '2026-12-24', name: 'b' }] })).toEqual(['extraWorkingDays.0.date']);
    expect(await refused('CN-GD', { version: 0, additionalYears: [{ year: 2027, holidays: [], makeUpWorkingDays: [] }] })).toEqual(['additionalYears']);
    expect(await refused('CN', { version: 0, extraHolidays: [{ date: '2026-12-24', name: 'x' }] })).toEqual(['extraHolidays']);
    expect(await refused('CN', { version: 0, additionalYears: [{ year: 2028, holidays: [], makeUpWorkingDays: [] }] })).toEqual(['additionalYears.0.year']);
    expect(await refused('CN', { version: 0, additionalYears: [{ year: 2027, holidays: [{ date: '2026-12-31', name: 'x' }], makeUpWorkingDays: [] }] })).toEqual(['additionalYears.0.holidays.0.date']);
    expect(await refused('CN', { version: -1 })).toEqual(['version']);
    expect((await call(stack.apiUrl, 'PUT', '/api/calendars/CN-ZZ/overrides', { version: 0 }, as('admin'))).status).toBe(404);
  });

  it("moves the due times of orders in a province when an administrator adds provincial holidays, and only there", async () => {
    const holidays = [0, 1, 2, 3, 4, 5, 6].map((days) => ({ date: beijingDate(days), name: '测试假日 (test holiday)' }));
    const saved = await call(stack.apiUrl, 'PUT', '/api/calendars/CN-BJ/overrides', { version: 0, extraHolidays: holidays }, as('admin'));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ calendarId: 'CN-BJ', version: 1, updatedBy: 'admin' });
    // the same write again quotes a stale version
    expect((await call(stack.apiUrl, 'PUT', '/api/calendars/CN-BJ/overrides', { version: 0, extraHolidays: holidays }, as('admin'))).status).toBe(409);

    const [beijing, shanghai] = await Promise.all([plannedOrder({ product: 'DIA', bandwidth: '10M', aCity: '北京', zCity: null }), plannedOrder({ product: 'DIA', bandwidth: '10M', aCity: '上海', zCity: null })]);
    const lastHoliday = holidays[holidays.length - 1]?.date ?? '';
    expect(beijing.slaPolicy).toMatchObject({ calendarId: 'CN-BJ', note: expect.stringContaining('calendar CN-BJ') });
    expect(localDate(beijing.slaPolicy?.stageDueTimes.ORDER_ACCEPTANCE) > lastHoliday).toBe(true);
    expect(shanghai.slaPolicy?.calendarId).toBe('CN-SH');
    expect(localDate(shanghai.slaPolicy?.stageDueTimes.ORDER_ACCEPTANCE) <= lastHoliday).toBe(true);

    const year = Number(lastHoliday.slice(0, 4));
    const view = await call<{ days: { date: string; kind: string }[]; overrides: { version: number } }>(stack.apiUrl, 'GET', `/api/calendars/CN-BJ?year=${year}`, undefined, as('km.wang'));
    expect(view.body.days.find((day) => day.date === lastHoliday)).toMatchObject({ kind: 'PROVINCIAL_HOLIDAY' });
    expect(view.body.overrides.version).toBe(1);
    const list = await call<{ items: { id: string; extraHolidayCount: number; overridesVersion: number }[] }>(stack.apiUrl, 'GET', '/api/calendars', undefined, as('km.wang'));
    expect(list.body.items.find((item) => item.id === 'CN-BJ')).toMatchObject({ extraHolidayCount: 7, overridesVersion: 1 });

    // Taking the holidays away again (version 1 → 2): the next Beijing order is planned like Shanghai's.
    expect((await call(stack.apiUrl, 'PUT', '/api/calendars/CN-BJ/overrides', { version: 1, extraHolidays: [] }, as('admin'))).status).toBe(200);
    const afterwards = await plannedOrder({ product: 'DIA', bandwidth: '10M', aCity: '北京', zCity: null });
    expect(localDate(afterwards.slaPolicy?.stageDueTimes.ORDER_ACCEPTANCE) <= lastHoliday).toBe(true);
  });
});

describe('SLA policies', () => {
  it("lists the contract classes' policies and each product's standard, with stage targets, end-to-end target, threshold and working hours", async () => {
    const response = await call<{ items: { id: string; policyId: string; version: number; source: string; current: boolean; stageTargets: { stage: string }[]; endToEnd: unknown; jeopardyThreshold: number; workingHours: unknown[] }[] }>(
      stack.apiUrl, 'GET', '/api/sla-policies', undefined, as('km.wang'),
    );
    expect(response.status).toBe(200);
    const byId = new Map(response.body.items.map((policy) => [policy.id, policy]));
    expect([...byId.keys()]).toEqual(expect.arrayContaining(['class-A', 'class-A-group', 'class-B', 'class-C', 'class-D', 'product-EPL', 'product-DIA']));
    expect(byId.get('class-C')).toMatchObject({ source: 'CLASS', current: true, version: 1, endToEnd: { workingDays: 12 }, jeopardyThreshold: 0.75, workingHours: buildNationalCalendar().workingIntervals });
    expect(byId.get('class-C')?.stageTargets).toContainEqual({ stage: 'ACTIVATION', workingDays: 5 });
    expect(byId.get('class-A-group')).toMatchObject({ appliesTo: { slaClass: 'A', tier: 'GROUP' } });
    expect(byId.get('product-EPL')).toMatchObject({ source: 'PRODUCT_STANDARD', appliesTo: { productId: 'EPL' }, endToEnd: { workingDays: 12 } });

    // A product's standard SLA is versioned with the catalogue: an edit is a new policy version.
    const current = (await call<Product>(stack.apiUrl, 'GET', '/api/products/FRAME_RELAY', undefined, as('admin'))).body;
    const prices = current.bandwidths;
    const stageTemplate = current.stageTemplate.map((limit) => (limit.stage === 'TEST' ? { stage: 'TEST', workingHours: 4 } : limit));
    const edit = await call(stack.apiUrl, 'PUT', '/api/products/FRAME_RELAY', { version: current.version, reason: '测试缩短', prices, stageTemplate }, as('admin'));
    expect(edit.status, edit.text).toBe(200);
    const detail = await call<{ version: number; stageTargets: unknown[]; versions: { version: number; current: boolean }[] }>(stack.apiUrl, 'GET', '/api/sla-policies/product-FRAME_RELAY', undefined, as('km.wang'));
    expect(detail.status).toBe(200);
    expect(detail.body.version).toBe(current.version + 1);
    expect(detail.body.stageTargets).toContainEqual({ stage: 'TEST', workingHours: 4 });
    expect(detail.body.versions.map((version) => [version.version, version.current])).toEqual([[current.version + 1, true], [current.version, false]]);

    expect((await call(stack.apiUrl, 'GET', '/api/sla-policies/class-Z', undefined, as('km.wang'))).status).toBe(404);
    expect((await call(stack.apiUrl, 'GET', '/api/sla-policies/product-NOPE', undefined, as('km.wang'))).status).toBe(404);
    expect(fields((await call(stack.apiUrl, 'GET', '/api/sla-policies/a%20b', undefined, as('km.wang'))).body)).toEqual(['path.id']);
  });
});

describe('contracts across one’s reach', () => {
  it('lists the contracts a person may see with their approval state, newest first', async () => {
    const submit = (agreed: number) =>
      call<{ id: string; status: string }>(stack.apiUrl, 'POST', `/api/accounts/${accountId}/contracts`, { title: '专线合同', termMonths: 12, slaClass: 'B', committedActivationDays: 10, lines: [{ productId: 'EPL', bandwidth: '100M', quantity: 1, agreedMonthlyCharge: agreed }] }, as('km.wang'));
    const epl = (await call<Product>(stack.apiUrl, 'GET', '/api/products/EPL', undefined, as('km.wang'))).body;
    const listPrice = epl.bandwidths.find((option) => option.bandwidth === '100M')?.monthlyCharge ?? 0;
    const approved = await submit(listPrice);
    const pending = await submit(Math.round(listPrice * 0.8));
    expect([approved.status, pending.status]).toEqual([201, 201]);
    expect([approved.body.status, pending.body.status]).toEqual(['APPROVED', 'PENDING_APPROVAL']);

    const own = await call<{ items: { id: string; status: string }[] }>(stack.apiUrl, 'GET', '/api/contracts', undefined, as('km.wang'));
    expect(own.status).toBe(200);
    expect(own.body.items.slice(0, 2).map((item) => [item.id, item.status])).toEqual([[pending.body.id, 'PENDING_APPROVAL'], [approved.body.id, 'APPROVED']]);
    const team = await call<{ items: { id: string }[] }>(stack.apiUrl, 'GET', '/api/contracts', undefined, as('sup.zhou'));
    expect(team.body.items.map((item) => item.id)).toEqual(expect.arrayContaining([pending.body.id, approved.body.id]));
    const other = await call<{ items: { id: string }[] }>(stack.apiUrl, 'GET', '/api/contracts', undefined, as('km.zhang'));
    expect(other.body.items.map((item) => item.id)).not.toContain(approved.body.id);

    // pages follow a cursor
    const first = await call<{ items: { id: string }[]; nextCursor?: string }>(stack.apiUrl, 'GET', '/api/contracts?limit=1', undefined, as('km.wang'));
    expect(first.body.items).toHaveLength(1);
    const second = await call<{ items: { id: string }[] }>(stack.apiUrl, 'GET', `/api/contracts?limit=1&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`, undefined, as('km.wang'));
    expect(second.body.items.map((item) => item.id)).toEqual([approved.body.id]);
  });
});

describe('a year not yet published', () => {
  it('is shown as unpublished, and due times reaching into it stay unset until an administrator adds the year as data', async () => {
    const packageYears = publishedYearsFromChineseDays().map((schedule) => schedule.year);
    const nextYear = Math.max(...packageYears) + 1;
    // This test is about the year after the last one the library publishes (2027 when written, with chinese-days 1.5.7).
    const unpublished = await call<{ published: boolean; days: { kind: string }[] }>(stack.apiUrl, 'GET', `/api/calendars/CN?year=${nextYear}`, undefined, as('km.wang'));
    expect(unpublished.body.published).toBe(false);
    expect(new Set(unpublished.body.days.map((day) => day.kind))).toEqual(new Set(['UNPUBLISHED']));

    // A closing stage long enough to end in the spring of that year: 5 working days a week from now until 1 March.
    const closeDays = Math.max(1, Math.ceil(((Date.parse(`${nextYear}-03-01T00:00:00+08:00`) - Date.now()) / 86_400_000) * (5 / 7)));
    const current = (await call<Product>(stack.apiUrl, 'GET', '/api/products/IP_VPN', undefined, as('admin'))).body;
    const prices = current.bandwidths;
    const stageTemplate = current.stageTemplate.map((limit) => (limit.stage === 'CRM_CLOSE' ? { stage: 'CRM_CLOSE', workingDays: closeDays } : limit));
    expect((await call(stack.apiUrl, 'PUT', '/api/products/IP_VPN', { version: current.version, reason: '测试', prices, stageTemplate }, as('admin'))).status).toBe(200);

    const before = await plannedOrder({ product: 'IP_VPN', bandwidth: '10M', aCity: '广州', zCity: '上海' });
    expect(before.slaPolicy?.note).toMatch(new RegExp(`${nextYear} holiday schedule is not published`));
    expect(before.slaPolicy?.stageDueTimes.CRM_CLOSE).toBeUndefined();
    expect(before.slaPolicy?.stageDueTimes.ORDER_ACCEPTANCE).toBeDefined();

    // A hypothetical schedule, test data only: the State Council's schedule for that year is not in the library yet.
    const schedule = {
      year: nextYear,
      holidays: [{ date: `${nextYear}-01-01`, name: '元旦 (test)' }, ...['02-08', '02-09', '02-10', '02-11', '02-12'].map((day) => ({ date: `${nextYear}-${day}`, name: '春节 (test)' }))],
      makeUpWorkingDays: [{ date: `${nextYear}-02-20`, name: '春节补班 (test)' }],
    };
    const added = await call(stack.apiUrl, 'PUT', '/api/calendars/CN/overrides', { version: 0, additionalYears: [schedule] }, as('admin'));
    expect(added.status).toBe(200);

    const published = await call<{ published: boolean; days: { date: string; kind: string; name?: string }[] }>(stack.apiUrl, 'GET', `/api/calendars/CN-GD?year=${nextYear}`, undefined, as('km.wang'));
    expect(published.body.published).toBe(true);
    expect(published.body.days.find((day) => day.date === `${nextYear}-02-09`)).toMatchObject({ kind: 'PUBLIC_HOLIDAY', name: '春节 (test)' });
    expect(published.body.days.find((day) => day.date === `${nextYear}-02-20`)).toMatchObject({ kind: 'MAKE_UP_WORKING_DAY' });

    const after = await plannedOrder({ product: 'IP_VPN', bandwidth: '10M', aCity: '广州', zCity: '上海' });
    expect(after.slaPolicy?.note).not.toMatch(/not published/);
    const closeDue = after.slaPolicy?.stageDueTimes.CRM_CLOSE ?? '';
    expect(Number(localDate(closeDue).slice(0, 4))).toBe(nextYear);
    // The plan counts the added holidays: the span from billing start to close is exactly that many working days on it.
    const billingDue = after.slaPolicy?.stageDueTimes.BILLING_START ?? '';
    const withYear = buildNationalCalendar({ additionalYears: [schedule] });
    expect(elapsedWorkingTime(new Date(billingDue), new Date(closeDue), withYear) / withYear.workingMsPerDay).toBeCloseTo(closeDays, 6);
    // the older order keeps the plan it was given
    const again = (await waitForOrder(stack.apiUrl, before.id, () => true)) as PlannedOrder;
    expect(again.slaPolicy?.stageDueTimes.CRM_CLOSE).toBeUndefined();
  });
});
