/**
 * The SLA dashboard in a real browser against the local stack, as a supervisor (sup.zhou, team of km.wang and km.li):
 * attainment charts by tier, product, province, stage and work position agree with what the API reports for the same
 * person, the SLA alarms show their state and audience (one fires: provisioning answers slowly in business time, and
 * a stage overran its due time waiting for a network build), and the CSV download is a UTF-8 file Excel reads.
 * Business time runs 50,000× so stages can finish late within the test. Screenshots go to test-results/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { startLocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { ensureConsoleBuilt, launchConsoleBrowser, resultsDir, signInToConsole } from '../support/browser.ts';

const ordersPath = '/tmf-api/productOrderingManagement/v4/productOrder';
const timeScale = 50_000;

type Stack = Awaited<ReturnType<typeof startLocalStack>>;
type ApiStage = { stage: string; status: string; dueAt?: string };
type ApiOrder = { id: string; kamflowState: string; stages: ApiStage[] };
type AttainmentRow = { key: string; finished: number; attainment: number | null };
type SlaReport = { rows: AttainmentRow[]; total: AttainmentRow & { late: number } };
type AlarmView = { name: string; state: string; audience: string[] };

async function api<T>(stack: Stack, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((settle) => setTimeout(settle, 200));
  }
}

describe('SLA dashboard', () => {
  let stack: Stack;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const tokens = new Map<string, string>();
  const token = (user: string) => tokens.get(user) ?? '';

  const settled = () => page.waitForTimeout(800);

  /** Accepts every order of the team waiting for customer acceptance; the team's orders once all of them are closed. */
  const acceptTeamOrders = async (atLeast: number) => {
    const orders = await api<ApiOrder[]>(stack, token('sup.zhou'), 'GET', `${ordersPath}?limit=100`);
    for (const summary of orders.filter((order) => order.kamflowState === 'PENDING_ACCEPTANCE')) {
      await fetch(`${stack.apiUrl}/api/orders/${summary.id}/acceptance`, { method: 'POST', headers: { authorization: `Bearer ${token('sup.zhou')}`, 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'ACCEPTED' }) });
    }
    return orders.length >= atLeast && orders.every((order) => order.kamflowState === 'CLOSED') ? orders : undefined;
  };

  /** The team's orders run through the loop; one of them waits for a network build past its resource due time. */
  const runTeamOrders = async () => {
    // The seeded orders of km.wang and km.li first (customer acceptance times out after 20 business days: 35 s here).
    await waitFor('the seeded team orders to close', 150_000, () => acceptTeamOrders(2));
    const businessNow = (await import('../../functions/commons/clock.ts')).now;
    const accounts = (await api<{ items: { id: string; name: string }[] }>(stack, token('km.wang'), 'GET', '/api/accounts?limit=100')).items;
    const bank = accounts.find((account) => account.name.includes('工商银行'));
    if (!bank) throw new Error('the demo account of km.wang is missing');
    const body = {
      externalId: 'SLA-E2E-LHASA',
      // On the business clock: at this time scale wall-clock "today + 30 days" is already past once the team's orders closed.
      requestedCompletionDate: new Date(businessNow().getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
      relatedParty: [{ id: bank.id, role: 'customer' }],
      productOrderItem: [{ id: '1', action: 'add', quantity: 1, product: { productSpecification: { id: 'SDH' }, productCharacteristic: [{ name: 'bandwidth', value: '2M' }], place: [{ role: 'A-end', city: '北京', address: '北京市西城区复兴门内大街 55 号' }, { role: 'Z-end', city: '拉萨', address: '拉萨市城关区金珠西路 1 号' }] } }],
    };
    const lhasa = await api<ApiOrder>(stack, token('km.wang'), 'POST', ordersPath, body);
    const awaiting = await waitFor('the 拉萨 order to wait for a build', 30_000, async () => {
      const order = await api<ApiOrder>(stack, token('km.wang'), 'GET', `${ordersPath}/${lhasa.id}`);
      return order.stages.some((stage) => stage.stage === 'NETWORK_BUILD' && stage.status === 'WAITING') ? order : undefined;
    });
    const due = Date.parse(awaiting.stages.find((stage) => stage.stage === 'RESOURCE_CONFIRMATION')?.dueAt ?? '');
    await new Promise((settle) => setTimeout(settle, Math.max(0, (due - businessNow().getTime()) / timeScale + 500)));
    await api(stack, token('ops.net'), 'POST', `/api/orders/${lhasa.id}/network-build`, { investmentType: 'ROLLING', agreedDate: new Date(businessNow().getTime() + 10 * 86_400_000).toISOString().slice(0, 10) });

    await waitFor('the 拉萨 order to close', 60_000, () => acceptTeamOrders(3));
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(resultsDir, { recursive: true });
    stack = await startTestStack({ seedDemoData: true, serveConsole: true, timeScale, simulator: { delayMs: 600 } });
    for (const user of ['km.wang', 'sup.zhou', 'ops.net']) tokens.set(user, await stack.signIn(user));
    await runTeamOrders();
    ({ page, close: closeBrowser } = await launchConsoleBrowser('sla-dashboard', { acceptDownloads: true }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 420_000);

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  }, 60_000);

  it('shows a supervisor the on-time rate of their team by tier, product, province, stage and work position', async () => {
    await signInToConsole(page, stack.consoleUrl, 'sup.zhou');
    await page.goto(`${stack.consoleUrl}/#/sla`);
    await page.getByTestId('sla-dashboard').waitFor({ timeout: 20_000 });
    for (const grouping of ['tier', 'product', 'province', 'stage', 'position'] as const) {
      const report = await api<SlaReport>(stack, token('sup.zhou'), 'GET', `/api/sla/reports?groupBy=${grouping}`);
      expect(report.rows.length, grouping).toBeGreaterThan(0);
      const chart = page.getByTestId(`attainment-${grouping}`);
      // one bar per group of the API's report for the same person (a group without due times has no rate, no bar)
      const withRate = report.rows.filter((row) => (row.attainment ?? 0) > 0).length;
      await expect.poll(() => chart.locator('.recharts-bar-rectangle').count(), { timeout: 20_000 }).toBe(withRate);
      expect(await chart.locator('.recharts-cartesian-axis-tick').count()).toBeGreaterThanOrEqual(report.rows.length);
      expect(await chart.innerText()).toContain(`完成 ${report.total.finished} 个环节，其中超时 ${report.total.late} 个`);
    }
    const byStage = page.getByTestId('attainment-stage');
    for (const name of ['受理审核', '资源确认', '网络建设', '开通']) expect(await byStage.innerText()).toContain(name);
    const byPosition = page.getByTestId('attainment-position');
    for (const name of ['网络资源', '开通系统', '客户经理']) expect(await byPosition.innerText()).toContain(name);
    expect(await page.getByTestId('attainment-tier').innerText()).toContain('集团');
    await page.mouse.move(0, 0);
    await settled();
    await page.screenshot({ path: join(resultsDir, 'sla-dashboard-zh.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('lists the SLA alarms with their state and audience; the firing ones first', async () => {
    const table = page.getByTestId('alarm-states');
    // The other unit's seeded orders keep running (and timing out) meanwhile, so states can change between two reads:
    // the page, freshly loaded, must agree with the API read right after it.
    let firing: string[] = [];
    await expect
      .poll(
        async () => {
          await page.reload();
          await expect.poll(() => table.locator('tr[data-alarm]').count(), { timeout: 20_000 }).toBeGreaterThan(30);
          const shown = await table.locator('tr[data-state="ALARM"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-alarm') ?? ''));
          const alarms = (await api<{ items: AlarmView[] }>(stack, token('sup.zhou'), 'GET', '/api/alarms')).items;
          expect(await table.locator('tr[data-alarm]').count()).toBe(alarms.length);
          firing = alarms.filter((alarm) => alarm.state === 'ALARM').map((alarm) => alarm.name);
          return JSON.stringify([...shown].sort()) === JSON.stringify([...firing].sort());
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBe(true);
    expect(firing).toEqual(expect.arrayContaining(['kamflow-activation-callback-latency', 'kamflow-on-time-resource-confirmation-group', 'kamflow-provisioning-loop-unhealthy']));
    const firstRows = await table.locator('tr[data-alarm]').evaluateAll((rows) => rows.slice(0, 3).map((row) => row.getAttribute('data-state')));
    expect(firstRows).toEqual(['ALARM', 'ALARM', 'ALARM']);
    const latency = table.locator('tr[data-alarm="kamflow-activation-callback-latency"]');
    expect(await latency.innerText()).toContain('开通回调时延 (p90) 过长');
    expect(await latency.innerText()).toContain('运维');
    const onTime = table.locator('tr[data-alarm="kamflow-on-time-resource-confirmation-group"]');
    for (const text of ['环节按时率低于目标', '资源确认', '告警', '主管', '部门负责人']) expect(await onTime.innerText()).toContain(text);
    await table.scrollIntoViewIfNeeded();
    await settled();
    await table.screenshot({ path: join(resultsDir, 'sla-dashboard-alarms-zh.png') });
  }, 60_000);

  it('downloads the report as CSV with Chinese intact, and speaks English', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByTestId('download-csv').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^kamflow-sla-attainment-by-stage-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const saved = join(resultsDir, download.suggestedFilename());
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('资源确认');
    expect(text).toContain('合计');

    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('attainment-stage').innerText()).toContain('On-time rate by stage');
    expect(await page.getByTestId('alarm-states').innerText()).toContain('Provisioning loop unhealthy');
    await page.mouse.move(0, 0);
    await settled();
    await page.screenshot({ path: join(resultsDir, 'sla-dashboard-en.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
