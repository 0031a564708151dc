/**
 * Business calendars and contracts in a real browser (zh-CN): an administrator reads the national calendar's 2026
 * (National Day a holiday, its make-up working day worked), sees 2027 marked unpublished, publishes it, and reads the SLA policies; adds a Shanghai holiday,
 * is told which row is wrong when a date is listed twice, sees the new holiday on the grid, and is told to reload when
 * someone else saved in between. A supervisor lists the team's contracts with their approval state and reads one's
 * decisions. Screenshots go to test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, createAccount, useToken } from '../support/api-client.ts';
import { ensureConsoleBuilt, launchConsoleBrowser, resultsDir, signInToConsole } from '../support/browser.ts';

type Day = { date: string; kind: string; name?: string };
type CalendarYearBody = { published: boolean; days: Day[]; overrides: { version: number; extraHolidays: { date: string; name: string }[] } };

describe('business calendars and contracts in the console', () => {
  let stack: LocalStack;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(resultsDir, { recursive: true });
    stack = await startTestStack({ serveConsole: true, simulator: false, slaSweep: false });
    ({ page, close: closeBrowser } = await launchConsoleBrowser('calendars'));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  }, 60_000);

  const cell = (date: string) => page.locator(`[data-testid="year-grid"] td[data-date="${date}"]`);

  it('shows National Day 2026 and its make-up working day, 2027 as unpublished until an administrator adds it', async () => {
    useToken(await stack.signIn('admin'));
    const year2026 = (await call<CalendarYearBody>(stack.apiUrl, 'GET', '/api/calendars/CN?year=2026')).body;
    expect(year2026.published).toBe(true);
    const nationalDay = year2026.days.find((day) => day.date === '2026-10-01');
    expect(nationalDay).toMatchObject({ kind: 'PUBLIC_HOLIDAY', name: expect.stringContaining('国庆') });
    // The make-up working day(s) of the National Day break, from the installed chinese-days data.
    const makeUp = year2026.days.filter((day) => day.kind === 'MAKE_UP_WORKING_DAY' && (day.name ?? '').includes('国庆'));
    expect(makeUp.length).toBeGreaterThan(0);
    expect((await call<CalendarYearBody>(stack.apiUrl, 'GET', '/api/calendars/CN?year=2027')).body.published).toBe(false);

    await signInToConsole(page, stack.consoleUrl, 'admin');
    await page.goto(`${stack.consoleUrl}/#/calendars`);
    const rows = page.getByTestId('calendar-list').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(32);
    expect(await rows.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('上海')]));
    await page.screenshot({ path: join(resultsDir, 'console-calendars.png'), fullPage: true });

    await page.goto(`${stack.consoleUrl}/#/calendars/CN/show?year=2026`);
    await cell('2026-10-01').waitFor({ timeout: 20_000 });
    expect(await cell('2026-10-01').getAttribute('data-kind')).toBe('PUBLIC_HOLIDAY');
    expect(await cell('2026-10-01').getAttribute('aria-label')).toContain('国庆');
    for (const day of makeUp) expect(await cell(day.date).getAttribute('data-kind')).toBe('MAKE_UP_WORKING_DAY');
    // Under the grid, each holiday is one line (its first day to its last) and each make-up day its own.
    const nationalDayLine = page.locator('[data-testid="named-days"] [data-date="2026-10-01"]');
    expect(await nationalDayLine.getAttribute('data-kind')).toBe('PUBLIC_HOLIDAY');
    expect(await nationalDayLine.innerText()).toMatch(/^2026-10-01 至 10-\d\d（\d 天） · 法定节假日 · 国庆/);
    for (const day of makeUp) {
      const line = page.locator(`[data-testid="named-days"] [data-date="${day.date}"]`);
      expect(await line.getAttribute('data-kind')).toBe('MAKE_UP_WORKING_DAY');
      expect(await line.innerText()).toContain('调休上班 · 国庆');
    }
    expect(await page.getByTestId('unpublished-year').count()).toBe(0);
    await page.screenshot({ path: join(resultsDir, 'console-calendar-cn-2026.png'), fullPage: true });

    await page.getByTestId('next-year').click();
    await page.getByTestId('unpublished-year').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('unpublished-year').innerText()).toContain('2027 年的节假日安排尚未公布');
    await cell('2027-10-01').waitFor({ timeout: 20_000 });
    expect(await cell('2027-10-01').getAttribute('data-kind')).toBe('UNPUBLISHED');
    expect(page.url()).toContain('year=2027');
    await page.screenshot({ path: join(resultsDir, 'console-calendar-cn-2027-unpublished.png'), fullPage: true });

    // The administrator publishes 2027 on the national calendar; a date outside the year is named on its field first.
    await page.getByTestId('add-year').click();
    expect(await page.locator('input[name="additionalYears.0.year"]').inputValue()).toBe('2027');
    await page.getByTestId('add-additionalYears.0.holidays').click();
    await page.locator('input[name="additionalYears.0.holidays.0.date"]').fill('2028-01-01');
    await page.locator('input[name="additionalYears.0.holidays.0.name"]').fill('元旦');
    await page.getByTestId('save-overrides').click();
    await page.getByTestId('overrides-invalid').waitFor({ timeout: 20_000 });
    expect(await page.locator('input[name="additionalYears.0.holidays.0.date"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('overrides-editor').innerText()).toContain('must lie in 2027');
    await page.locator('input[name="additionalYears.0.holidays.0.date"]').fill('2027-01-01');
    await page.getByTestId('save-overrides').click();
    await expect.poll(() => cell('2027-01-01').getAttribute('data-kind'), { timeout: 20_000 }).toBe('PUBLIC_HOLIDAY');
    expect(await page.getByTestId('unpublished-year').count()).toBe(0);
    expect(await cell('2027-01-04').getAttribute('data-kind')).toBe('WORKING_DAY');
    await page.screenshot({ path: join(resultsDir, 'console-calendar-cn-2027-added.png'), fullPage: true });

    // SLA policies: every class and product standard, one with its stage targets and versions.
    await page.goto(`${stack.consoleUrl}/#/sla-policies`);
    const policies = page.getByTestId('sla-policy-list').locator('tbody tr');
    await expect.poll(() => policies.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(7);
    const classC = policies.filter({ hasText: 'class-C' }).first();
    expect(await classC.innerText()).toContain('12 个工作日');
    expect(await classC.innerText()).toContain('75%');
    await page.screenshot({ path: join(resultsDir, 'console-sla-policies.png'), fullPage: true });
    await classC.click();
    await page.getByTestId('stage-targets').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('stage-targets').innerText()).toContain('开通\t5 个工作日');
    expect(await page.getByTestId('sla-policy-versions').innerText()).toContain('当前版本');
    await page.screenshot({ path: join(resultsDir, 'console-sla-policy-class-c.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('lets an administrator add a Shanghai holiday, naming the wrong row and asking to reload after a concurrent change', async () => {
    await page.goto(`${stack.consoleUrl}/#/calendars/CN-SH/show?year=2026`);
    await cell('2026-11-12').waitFor({ timeout: 20_000 });
    expect(await cell('2026-11-12').getAttribute('data-kind')).toBe('WORKING_DAY');
    const editor = page.getByTestId('overrides-editor');
    await editor.waitFor({ timeout: 20_000 });

    // The same date twice: the API names the second row, and the console shows it on that field.
    await page.getByTestId('add-extraHolidays').click();
    await page.locator('input[name="extraHolidays.0.date"]').fill('2026-11-12');
    await page.locator('input[name="extraHolidays.0.name"]').fill('进博会');
    await page.getByTestId('add-extraHolidays').click();
    await page.locator('input[name="extraHolidays.1.date"]').fill('2026-11-12');
    await page.locator('input[name="extraHolidays.1.name"]').fill('重复');
    await page.getByTestId('save-overrides').click();
    await page.getByTestId('overrides-invalid').waitFor({ timeout: 20_000 });
    const secondDate = page.locator('input[name="extraHolidays.1.date"]');
    expect(await secondDate.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('input[name="extraHolidays.0.date"]').getAttribute('aria-invalid')).toBe('false');
    expect(await editor.innerText()).toContain('listed twice');
    await page.screenshot({ path: join(resultsDir, 'console-calendar-sh-field-error.png'), fullPage: true });

    await editor.getByRole('button', { name: '删除' }).nth(1).click();
    await page.getByTestId('save-overrides').click();
    await expect.poll(() => cell('2026-11-12').getAttribute('data-kind'), { timeout: 20_000 }).toBe('PROVINCIAL_HOLIDAY');
    expect(await cell('2026-11-12').getAttribute('aria-label')).toContain('进博会');
    expect(await page.getByTestId('overrides-version').innerText()).toContain('数据版本 1');
    await page.screenshot({ path: join(resultsDir, 'console-calendar-sh-extra-holiday.png'), fullPage: true });

    useToken(await stack.signIn('admin'));
    const saved = (await call<CalendarYearBody>(stack.apiUrl, 'GET', '/api/calendars/CN-SH?year=2026')).body;
    expect(saved.overrides.extraHolidays).toEqual([{ date: '2026-11-12', name: '进博会' }]);
    expect(saved.days.find((day) => day.date === '2026-11-12')).toMatchObject({ kind: 'PROVINCIAL_HOLIDAY', name: '进博会' });

    // Someone else saves in between: the console's next save quotes a stale version and is told to reload.
    const concurrent = await call(stack.apiUrl, 'PUT', '/api/calendars/CN-SH/overrides', {
      version: saved.overrides.version,
      extraHolidays: [{ date: '2026-11-12', name: '进博会' }],
      extraWorkingDays: [{ date: '2026-11-14', name: '进博会调班' }],
      additionalYears: [],
    });
    expect(concurrent.status).toBe(200);
    await page.getByTestId('add-extraWorkingDays').click();
    await page.locator('input[name="extraWorkingDays.0.date"]').fill('2026-11-15');
    await page.locator('input[name="extraWorkingDays.0.name"]').fill('调班');
    await page.getByTestId('save-overrides').click();
    const stale = page.getByTestId('overrides-stale');
    await stale.waitFor({ timeout: 20_000 });
    expect(await stale.innerText()).toContain('请重新加载');
    await page.screenshot({ path: join(resultsDir, 'console-calendar-sh-stale.png'), fullPage: true });
    await stale.getByRole('button', { name: '重新加载' }).click();
    await expect.poll(() => cell('2026-11-14').getAttribute('data-kind'), { timeout: 20_000 }).toBe('PROVINCIAL_WORKING_DAY');
    expect(await page.locator('input[name="extraWorkingDays.0.date"]').inputValue()).toBe('2026-11-14');
    expect(await page.getByTestId('overrides-stale').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it("shows a supervisor the team's contracts with their approval state, and a contract's decisions", async () => {
    useToken(await stack.signIn('km.wang'));
    const account = await createAccount(stack.apiUrl, { name: '合同测试客户' });
    const submit = async (title: string, agreedMonthly: number) => {
      const response = await call<{ id: string; status: string }>(stack.apiUrl, 'POST', `/api/accounts/${account.id}/contracts`, {
        title,
        termMonths: 12,
        slaClass: 'B',
        committedActivationDays: 10,
        lines: [{ productId: 'EPL', bandwidth: '100M', quantity: 2, agreedMonthlyCharge: agreedMonthly }],
      });
      expect(response.status).toBe(201);
      return response.body;
    };
    const withinAuthority = await submit('北京-上海专线（标准价）', 18000 * 0.97);
    const pending = await submit('北京-广州专线（九二折）', 18000 * 0.92);
    const refused = await submit('北京-天津专线（九二折）', 18000 * 0.92);
    expect([withinAuthority.status, pending.status, refused.status]).toEqual(['APPROVED', 'PENDING_APPROVAL', 'PENDING_APPROVAL']);
    const decision = await call(stack.apiUrl, 'POST', `/api/contracts/${refused.id}/decisions`, { decision: 'REFUSED', reason: '折扣过大，请重新报价' }, { authorization: `Bearer ${await stack.signIn('sup.zhou')}` });
    expect(decision.status).toBe(200);

    await signInToConsole(page, stack.consoleUrl, 'sup.zhou');
    await page.goto(`${stack.consoleUrl}/#/contracts`);
    const table = page.getByTestId('contract-table');
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const stateOf = async (title: string) => rows.filter({ hasText: title }).locator('[data-state]').getAttribute('data-state');
    expect(await stateOf('北京-上海专线（标准价）')).toBe('APPROVED');
    expect(await stateOf('北京-广州专线（九二折）')).toBe('PENDING_APPROVAL');
    expect(await stateOf('北京-天津专线（九二折）')).toBe('REFUSED');
    const listText = await table.innerText();
    expect(listText).toContain('待审批');
    expect(listText).toContain('已拒绝');
    // The account column is a reference, fetched after the rows.
    await expect.poll(() => table.innerText(), { timeout: 20_000 }).toContain('合同测试客户');
    await page.screenshot({ path: join(resultsDir, 'console-contracts.png'), fullPage: true });

    await rows.filter({ hasText: '北京-天津专线（九二折）' }).click();
    await page.getByTestId('contract-decisions').waitFor({ timeout: 20_000 });
    const decisions = await page.getByTestId('contract-decisions').innerText();
    expect(decisions).toContain('sup.zhou');
    expect(decisions).toContain('折扣过大，请重新报价');
    expect(decisions).toContain('拒绝');
    expect(await page.getByTestId('contract-approval').innerText()).toContain('主管');
    expect(await page.getByTestId('contract-lines').innerText()).toContain('以太网专线');
    await page.screenshot({ path: join(resultsDir, 'console-contract-refused.png'), fullPage: true });

    // The account page lists its contracts too, each opening the contract.
    await page.goto(`${stack.consoleUrl}/#/accounts/${account.id}/show`);
    const accountContracts = page.getByTestId('account-contracts').locator('tbody tr');
    await expect.poll(() => accountContracts.count(), { timeout: 20_000 }).toBe(3);
    await accountContracts.filter({ hasText: '北京-广州专线（九二折）' }).click();
    await page.getByTestId('contract-approval').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('contract-approval').innerText()).toContain('等待主管审批');
    await page.screenshot({ path: join(resultsDir, 'console-contract-pending.png'), fullPage: true });

    // The same pages in English.
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('contract-approval').innerText(), { timeout: 10_000 }).toContain('Waiting for the Supervisor');
    await page.goto(`${stack.consoleUrl}/#/calendars/CN/show?year=2026`);
    await cell('2026-10-01').waitFor({ timeout: 20_000 });
    expect(await cell('2026-10-01').getAttribute('aria-label')).toContain('Public holiday');
    expect(await page.getByTestId('named-days').innerText()).toContain('Make-up working day');
    await page.screenshot({ path: join(resultsDir, 'console-calendar-cn-2026-en.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
