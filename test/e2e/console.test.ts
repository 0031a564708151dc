/**
 * The admin console in a real browser against the real local stack: DynamoDB Local, the local workflow engine, the
 * local API Gateway, the provisioning simulator and the local identity provider (Cognito's InitiateAuth), with the
 * demo accounts and orders seeded through the API. Every page needs a sign-in; what the browser shows is compared with
 * what the API gives the same person. Screenshots go to test-results/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { startLocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { ensureConsoleBuilt, launchConsoleBrowser, resultsDir } from '../support/browser.ts';

const ordersPath = '/tmf-api/productOrderingManagement/v4/productOrder';

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
type ApiAccount = { id: string; name: string; accountManager?: string };
type ApiAccountPage = { items: ApiAccount[]; nextCursor?: string };

const demoPassword = 'Kamflow!2026';

type Stack = Awaited<ReturnType<typeof startLocalStack>>;

/** A signed-in caller of the API: the same InitiateAuth call the console makes, then the ID token as bearer token. */
async function signInToApi(stack: Stack, username: string, password = demoPassword): Promise<string> {
  const response = await fetch(stack.identityProviderUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken?: string } };
  const idToken = body.AuthenticationResult?.IdToken;
  if (!response.ok || !idToken) throw new Error(`sign-in of ${username}: ${response.status} ${JSON.stringify(body)}`);
  return idToken;
}

async function getJson<T>(url: string, idToken: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${idToken}` } });
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
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  /** The order tests run as km.chen, who owns the demo account 广州白云国际机场 and its order. */
  let chenToken = '';

  const orderApi = (id: string) => getJson<ApiOrder>(`${stack.apiUrl}${ordersPath}/${encodeURIComponent(id)}`, chenToken);

  /** An order the simulator has brought to customer acceptance (验收), which then waits for the account manager. */
  const orderAwaitingAcceptance = () =>
    waitFor('a seeded order to reach customer acceptance', 120_000, async () => {
      const orders = await getJson<ApiOrder[]>(`${stack.apiUrl}${ordersPath}?limit=25`, chenToken);
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

  /** Every account the API shows this person (all pages). */
  const accountsSeenBy = async (idToken: string): Promise<ApiAccount[]> => {
    const accounts: ApiAccount[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
      const page = await getJson<ApiAccountPage>(`${stack.apiUrl}/api/accounts?${query.toString()}`, idToken);
      accounts.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return accounts;
  };

  /** The sign-in page, from a tab with no session (sessionStorage cleared), in the console's default language. */
  const openSignInPage = async () => {
    await page.goto(`${stack.consoleUrl}/`);
    await page.evaluate(() => {
      window.sessionStorage.clear();
      window.localStorage.clear();
    });
    await page.goto(`${stack.consoleUrl}/#/login`);
    await page.reload();
    await page.locator('input[name="username"]').waitFor({ timeout: 20_000 });
  };

  /** Lets MUI's transitions (menus fading in, panels unfolding) finish, so that a screenshot shows the final state. */
  const settled = () => page.waitForTimeout(600);

  const submitSignIn = async (username: string, password: string) => {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
  };

  /** Signs in through the console's own login page and waits until it has left it. */
  const signInThroughConsole = async (username: string, password = demoPassword) => {
    await openSignInPage();
    await submitSignIn(username, password);
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 });
  };

  /** The rows of the accounts list, as name and key account manager. */
  const accountRowsOnScreen = async (): Promise<{ name: string; manager: string }[]> => {
    const headers = (await page.locator('table thead th').allInnerTexts()).map((text) => text.trim());
    const nameColumn = headers.indexOf('客户名称');
    const managerColumn = headers.indexOf('大客户经理');
    if (nameColumn < 0 || managerColumn < 0) throw new Error(`unexpected accounts table headers ${JSON.stringify(headers)}`);
    const rows = await page.locator('table tbody tr').all();
    const shown: { name: string; manager: string }[] = [];
    for (const row of rows) {
      const cells = (await row.locator('td').allInnerTexts()).map((text) => text.trim());
      shown.push({ name: cells[nameColumn] ?? '', manager: cells[managerColumn] ?? '' });
    }
    return shown;
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(resultsDir, { recursive: true });
    stack = await startTestStack({ seedDemoData: true, serveConsole: true, simulator: { delayMs: 300 } });
    ({ page, close: closeBrowser } = await launchConsoleBrowser('console', { viewport: { width: 1440, height: 900 } }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    chenToken = await signInToApi(stack, 'km.chen');
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  }, 60_000);

  it('asks for a sign-in first, in Chinese or English, and refuses a wrong password', async () => {
    expect(stack.consoleUrl, 'the stack serves the built console').toBeDefined();
    // Without a session every page leads to the sign-in page.
    await page.goto(`${stack.consoleUrl}/`);
    await page.evaluate(() => window.sessionStorage.clear());
    await page.goto(`${stack.consoleUrl}/#/orders`);
    await page.waitForURL((url) => url.hash.startsWith('#/login'), { timeout: 20_000 });
    await openSignInPage();
    expect(await page.locator('h1').innerText()).toBe('登录 KAMflow');
    // The local stack lists its demo accounts, folded away.
    await page.getByRole('button', { name: '演示账号（仅本地环境）' }).click();
    await page.getByRole('button', { name: /km\.wang/ }).waitFor();
    await settled();
    await page.screenshot({ path: join(resultsDir, 'console-login-zh.png'), fullPage: true });

    await submitSignIn('km.wang', 'not-the-password');
    await expect.poll(() => page.getByTestId('sign-in-error').innerText(), { timeout: 10_000 }).toBe('用户名或密码不正确。');
    expect(page.url()).toContain('#/login');
    expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);
    await settled();
    await page.screenshot({ path: join(resultsDir, 'console-login-refused-zh.png'), fullPage: true });

    // The language switcher is on the sign-in page too.
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Sign in to KAMflow');
    await submitSignIn('km.wang', 'not-the-password');
    await expect.poll(() => page.getByTestId('sign-in-error').innerText(), { timeout: 10_000 }).toBe('Incorrect user name or password.');
    await settled();
    await page.screenshot({ path: join(resultsDir, 'console-login-en.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('lists the seeded orders and shows an order’s stage timeline with stage names and statuses', async () => {
    await signInThroughConsole('km.chen');
    const order = await orderAwaitingAcceptance();
    const apiOrders = await getJson<ApiOrder[]>(`${stack.apiUrl}${ordersPath}?limit=25`, chenToken);
    expect(apiOrders.length, 'km.chen sees their own order').toBeGreaterThan(0);

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
    // Each finished stage shows its due time from the SLA plan and whether it was on time.
    await expect.poll(() => page.getByTestId('stage-due-ORDER_ACCEPTANCE').innerText(), { timeout: 10_000 }).toMatch(/按时|超时/);
    await page.screenshot({ path: join(resultsDir, 'console-order-timeline-zh.png'), fullPage: true });

    // The language switcher in the app bar turns the same page into English.
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('stage-name').first().textContent()).toBe('Order acceptance');
    await page.screenshot({ path: join(resultsDir, 'console-order-timeline-en.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('records the customer’s acceptance from the order page and the loop moves on to billing', async () => {
    await signInThroughConsole('km.chen');
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

  it('shows a key account manager only their own accounts, lets them create one, and another manager does not see it; signs out on a 401', async () => {
    await signInThroughConsole('km.wang');
    const wangToken = await signInToApi(stack, 'km.wang');
    const wangAccounts = await accountsSeenBy(wangToken);
    expect(wangAccounts.length, 'km.wang owns demo accounts').toBeGreaterThan(0);
    expect(new Set(wangAccounts.map((account) => account.accountManager))).toEqual(new Set(['km.wang']));

    await page.goto(`${stack.consoleUrl}/#/accounts`);
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(wangAccounts.length);
    const shownToWang = await accountRowsOnScreen();
    expect(shownToWang.map((row) => row.name).sort()).toEqual(wangAccounts.map((account) => account.name).sort());
    expect(shownToWang.every((row) => row.manager === 'km.wang')).toBe(true);
    // The user menu says who is signed in and in which role.
    await page.getByRole('button', { name: '个人资料' }).click();
    await expect.poll(() => page.getByTestId('user-roles').innerText()).toBe('大客户经理');
    expect(await page.getByTestId('signed-in-as').innerText()).toContain('王经理');
    await settled();
    await page.screenshot({ path: join(resultsDir, 'console-accounts-km-wang.png'), fullPage: true });
    await page.keyboard.press('Escape');

    // A new account through the form; a key account manager owns what they create.
    const name = `e2e 测试客户 ${Date.now().toString(36)}`;
    await page.getByRole('link', { name: /新建/ }).click();
    await page.waitForURL((url) => url.hash.startsWith('#/accounts/create'));
    await page.locator('input[name="name"]').fill(name);
    await page.getByRole('combobox', { name: /行业/ }).click();
    await page.getByRole('option', { name: '金融' }).click();
    await page.getByRole('combobox', { name: /客户级别/ }).click();
    await page.getByRole('option', { name: '本地网' }).click();
    await page.locator('input[name="province"]').fill('北京');
    await page.locator('input[name="city"]').fill('北京');
    expect(await page.locator('input[name="accountManager"]').inputValue()).toBe('km.wang');
    // Giving it to a colleague is refused by the API (403): the form stays, saying so in the console's language.
    await page.locator('input[name="accountManager"]').fill('km.li');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000 }).toContain('您没有执行此操作的权限。');
    expect(page.url()).toContain('#/accounts/create');
    await page.locator('input[name="accountManager"]').fill('km.wang');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL((url) => /#\/accounts\/[^/]+\/show/.test(url.hash), { timeout: 20_000 });

    const created = await waitFor('the new account in km.wang’s API list', 10_000, async () =>
      (await accountsSeenBy(wangToken)).find((account) => account.name === name),
    );
    expect(created.accountManager).toBe('km.wang');
    await page.goto(`${stack.consoleUrl}/#/accounts`);
    await expect.poll(async () => (await accountRowsOnScreen()).map((row) => row.name), { timeout: 20_000 }).toContain(name);
    expect((await accountRowsOnScreen()).every((row) => row.manager === 'km.wang')).toBe(true);
    await page.screenshot({ path: join(resultsDir, 'console-account-created-km-wang.png'), fullPage: true });

    // Sign out through the user menu, back to the sign-in page with the session gone.
    await page.getByRole('button', { name: '个人资料' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.hash.startsWith('#/login'), { timeout: 20_000 });
    expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);

    // km.li, in the same team, sees their own accounts and not km.wang's new one, not even by its address.
    await submitSignIn('km.li', demoPassword);
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 });
    const liAccounts = await accountsSeenBy(await signInToApi(stack, 'km.li'));
    expect(liAccounts.map((account) => account.id)).not.toContain(created.id);
    await page.goto(`${stack.consoleUrl}/#/accounts`);
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(liAccounts.length);
    const shownToLi = await accountRowsOnScreen();
    expect(shownToLi.map((row) => row.name).sort()).toEqual(liAccounts.map((account) => account.name).sort());
    expect(shownToLi.map((row) => row.name)).not.toContain(name);
    expect(shownToLi.every((row) => row.manager === 'km.li')).toBe(true);
    await page.screenshot({ path: join(resultsDir, 'console-accounts-km-li.png'), fullPage: true });
    // The API answers 404 for an account outside one's reach; the console says so and returns to the list.
    await page.goto(`${stack.consoleUrl}/#/accounts/${encodeURIComponent(created.id)}/show`);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000 }).toContain('条目不存在');
    await page.waitForURL((url) => url.hash === '#/accounts', { timeout: 10_000 });
    expect(await page.locator('body').innerText()).not.toContain(name);

    // Operations staff read every account but may not create one: no create button, and the form is refused.
    await signInThroughConsole('ops.net');
    await page.goto(`${stack.consoleUrl}/#/accounts`);
    await expect.poll(async () => (await accountRowsOnScreen()).map((row) => row.name), { timeout: 20_000 }).toContain(name);
    await expect(page.getByRole('link', { name: /新建/ }).count()).resolves.toBe(0);
    await page.goto(`${stack.consoleUrl}/#/accounts/create`);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000 }).toContain('您没有访问此页面的权限');
    expect(await page.locator('input[name="name"]').count()).toBe(0);

    // A token the API no longer accepts (here: a broken signature) answers 401, and the console signs out.
    await page.evaluate((key) => {
      const stored = JSON.parse(window.sessionStorage.getItem(key) ?? '{}') as { idToken?: string };
      window.sessionStorage.setItem(key, JSON.stringify({ ...stored, idToken: `${stored.idToken?.slice(0, -6) ?? ''}AAAAAA` }));
    }, 'kamflow.auth.session');
    await page.goto(`${stack.consoleUrl}/#/orders`);
    await page.waitForURL((url) => url.hash.startsWith('#/login'), { timeout: 20_000 });
    await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000 }).toContain('登录已过期，请重新登录。');
    expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);

    expect(pageErrors).toEqual([]);
  }, 180_000);
  it('lets a key account manager add a contact on the account page, and a supervisor approve a contract from the inbox', async () => {
    const wangToken = await signInToApi(stack, 'km.wang');
    const [account] = await accountsSeenBy(wangToken);
    if (!account) throw new Error('km.wang has no account');
    await signInThroughConsole('km.wang');
    await page.goto(`${stack.consoleUrl}/#/accounts/${encodeURIComponent(account.id)}/show`);
    await page.getByTestId('contact-name').fill('王总');
    await page.getByTestId('contact-phone').fill('13800138000');
    await page.getByTestId('contact-add').click();
    await expect.poll(() => page.getByTestId('account-contacts').innerText(), { timeout: 10_000 }).toContain('13800138000');
    await page.screenshot({ path: join(resultsDir, 'console-account-contacts.png'), fullPage: true });

    // A contract with an 8 % discount is over a manager's authority: it waits in the supervisor's inbox.
    const submitted = await fetch(`${stack.apiUrl}/api/accounts/${account.id}/contracts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${wangToken}` },
      body: JSON.stringify({ title: '浏览器测试合同', termMonths: 12, slaClass: 'B', committedActivationDays: 10, lines: [{ productId: 'EPL', bandwidth: '100M', quantity: 1, agreedMonthlyCharge: 16560 }] }),
    });
    const contract = (await submitted.json()) as { id: string; status: string };
    expect(contract.status).toBe('PENDING_APPROVAL');

    await signInThroughConsole('sup.zhou');
    await page.goto(`${stack.consoleUrl}/#/approvals`);
    const row = page.getByTestId(`approval-${contract.id}`);
    await row.waitFor({ timeout: 20_000 });
    await page.getByTestId(`reason-${contract.id}`).fill('同意，战略客户');
    await page.screenshot({ path: join(resultsDir, 'console-approvals-inbox.png'), fullPage: true });
    await page.getByTestId(`approve-${contract.id}`).click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    const decided = await getJson<{ status: string; decisions: { by: string; reason: string }[] }>(`${stack.apiUrl}/api/contracts/${contract.id}`, wangToken);
    expect(decided).toMatchObject({ status: 'APPROVED', decisions: [{ by: 'sup.zhou', reason: '同意，战略客户' }] });
  }, 120_000);
});
