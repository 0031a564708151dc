/**
 * The admin console in a real browser against the real local stack: DynamoDB Local, the local workflow engine, the
 * local API Gateway and the provisioning simulator, with the demo accounts and orders seeded through the API.
 * Screenshots go to test-results/ for a person to look at.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { startLocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const resultsDir = join(repositoryRoot, 'test-results');
const ordersPath = '/tmf-api/productOrderingManagement/v4/productOrder';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The closed loop in order, as the console names it in Chinese (its default language). */
const stageNamesZh = ['受理审核', '资源确认', '网络建设', '开通', '测试/报竣', '客户验收', '起租', 'CRM 归档'];
const stageIds = [
  'ORDER_ACCEPTANCE',
  'RESOURCE_CONFIRMATION',
  'NETWORK_BUILD',
  'ACTIVATION',
  'TEST',
  'CUSTOMER_ACCEPTANCE',
  'BILLING_START',
  'CRM_CLOSE',
];
const stageStatusZh: Record<string, string> = {
  PENDING: '未开始',
  IN_PROGRESS: '进行中',
  WAITING: '等待中',
  DONE: '已完成',
  FAILED: '失败',
};

type ApiStage = { stage: string; status: string };
type ApiOrder = { id: string; state: string; kamflowState: string; stages: ApiStage[] };

type Stack = Awaited<ReturnType<typeof startLocalStack>>;

/** Builds the console only when there is no build to serve; a stale build is the developer's to refresh. */
function ensureConsoleBuilt(): void {
  if (existsSync(join(repositoryRoot, 'admin-ui', 'dist', 'index.html'))) return;
  const vite = join(repositoryRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--config', 'admin-ui/vite.config.ts'], {
    cwd: repositoryRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`vite build failed with exit code ${build.status}`);
}

/** The API token the test reads with (the same person the browser signs in as). */
let apiToken = '';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${apiToken}` } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((settle) => setTimeout(settle, 1000));
  }
}

describe('admin console on the local stack', () => {
  let stack: Stack;
  let userDataDir: string;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const orderApi = (id: string) => getJson<ApiOrder>(`${stack.apiUrl}${ordersPath}/${encodeURIComponent(id)}`);

  /** An order the simulator has brought to customer acceptance (验收), which then waits for the account manager. */
  const orderAwaitingAcceptance = () =>
    waitFor('a seeded order to reach customer acceptance', 120_000, async () => {
      const orders = await getJson<ApiOrder[]>(`${stack.apiUrl}${ordersPath}?limit=25`);
      for (const summary of orders) {
        const order = await orderApi(summary.id);
        if (order.stages.some((stage) => stage.stage === 'CUSTOMER_ACCEPTANCE' && stage.status === 'WAITING')) return order;
      }
      return undefined;
    });

  /** Where the timeline on screen disagrees with the API about a stage's status (it polls, so it may lag briefly). */
  const timelineMismatches = async (orderId: string): Promise<string[]> => {
    const order = await orderApi(orderId);
    const mismatches: string[] = [];
    for (const stage of order.stages) {
      const row = page.getByTestId(`stage-${stage.stage}`);
      const shown = await row.getAttribute('data-stage-status');
      const chip = (await row.locator('[data-state]').first().textContent())?.trim();
      if (shown !== stage.status || chip !== stageStatusZh[stage.status]) {
        mismatches.push(`${stage.stage}: API ${stage.status}, page ${shown ?? '-'} "${chip ?? ''}"`);
      }
    }
    return mismatches;
  };

  /** The console's sign-in page (react-admin's login form over the Cognito-style identity provider). */
  const signInThroughConsole = async (username: string, password: string) => {
    await page.goto(`${stack.consoleUrl}/#/login`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 });
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(resultsDir, { recursive: true });
    stack = await startTestStack({ seedDemoData: true, serveConsole: true, simulator: { delayMs: 300 } });
    userDataDir = mkdtempSync(join(tmpdir(), 'kamflow-console-e2e-'));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1440, height: 900 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    apiToken = await stack.signIn('admin');
    await signInThroughConsole('admin', 'Kamflow!2026');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  }, 60_000);

  it('lists the seeded orders and shows an order’s stage timeline with stage names and statuses', async () => {
    expect(stack.consoleUrl, 'the stack serves the built console').toBeDefined();
    const order = await orderAwaitingAcceptance();
    const apiOrders = await getJson<ApiOrder[]>(`${stack.apiUrl}${ordersPath}?limit=25`);

    await page.goto(`${stack.consoleUrl}/#/orders`);
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(apiOrders.length);
    // Every row shows its TMF state and its KAMflow state as chips.
    await expect.poll(() => rows.first().locator('[data-state]').count()).toBe(2);
    await page.screenshot({ path: join(resultsDir, 'console-orders-list.png'), fullPage: true });

    await rows.filter({ hasText: order.id }).click();
    await page.getByTestId('stage-timeline').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('stage-name').allTextContents()).toEqual(stageNamesZh);
    for (const [index, stage] of stageIds.entries()) {
      await expect(page.getByTestId(`stage-${stage}`).count(), `row for ${stage}`).resolves.toBe(1);
      expect(await page.getByTestId('stage-timeline').locator('.MuiStep-root').nth(index).getAttribute('data-testid')).toBe(`stage-${stage}`);
    }
    // The stages the order has entered show the API's status; the ones it has not show as not reached or skipped.
    await expect.poll(() => timelineMismatches(order.id), { timeout: 30_000, interval: 1000 }).toEqual([]);
    await expect(page.getByTestId('stage-BILLING_START').getAttribute('data-stage-status')).resolves.toBe('NOT_REACHED');
    // Waiting for the customer, so the account manager is offered the acceptance buttons.
    await expect(page.getByTestId('acceptance-panel').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(resultsDir, 'console-order-timeline-zh.png'), fullPage: true });

    // The language switcher in the app bar turns the same page into English.
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('stage-name').first().textContent()).toBe('Order acceptance');
    await page.screenshot({ path: join(resultsDir, 'console-order-timeline-en.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('refuses a wrong password on the sign-in page and lets the right one in', async () => {
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${stack.consoleUrl}/#/login`);
    await page.locator('input[name="username"]').fill('km.wang');
    await page.locator('input[name="password"]').fill('wrong-password');
    await page.locator('button[type="submit"]').click();
    await expect.poll(async () => (await page.locator('body').innerText()) ?? '', { timeout: 10_000 }).toMatch(/用户名或密码不正确|Wrong user name or password/);
    await page.screenshot({ path: join(resultsDir, 'console-login-refused.png') });
    await signInThroughConsole('admin', 'Kamflow!2026');
  });

  it('records the customer’s acceptance from the order page and the loop moves on to billing', async () => {
    const order = await orderAwaitingAcceptance();
    await page.goto(`${stack.consoleUrl}/#/orders/${encodeURIComponent(order.id)}/show`);
    // Back to the default language (react-admin keeps the choice in localStorage) whatever the previous test left.
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await page.getByTestId('acceptance-panel').waitFor({ timeout: 20_000 });

    await page.getByTestId('acceptance-panel').getByRole('button', { name: '验收通过' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('客户签字人').fill('王总');
    await dialog.getByRole('button', { name: '验收通过' }).click();

    await expect
      .poll(() => page.getByTestId('stage-CUSTOMER_ACCEPTANCE').getAttribute('data-stage-status'), { timeout: 30_000 })
      .toBe('DONE');
    await expect.poll(async () => (await orderApi(order.id)).stages.find((s) => s.stage === 'CUSTOMER_ACCEPTANCE')?.status).toBe('DONE');
    await expect(page.getByTestId('acceptance-panel').count()).resolves.toBe(0);
    // Billing starts (起租) after acceptance and the page, still polling, shows it and its charges without a reload.
    await expect
      .poll(() => page.getByTestId('stage-BILLING_START').getAttribute('data-stage-status'), { timeout: 60_000 })
      .toMatch(/^(IN_PROGRESS|DONE)$/);
    await page.getByTestId('billing-block').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('billing-block').textContent()).toContain('月租费');
    await page.screenshot({ path: join(resultsDir, 'console-order-accepted.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
  }, 240_000);
});
