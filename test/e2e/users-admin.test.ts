/**
 * People management and the account hierarchy in a real browser against the local stack: an administrator creates a
 * person in the console; that person signs in with the temporary password, is asked for a new one, sets it and lands
 * on the console with their role; the accounts tree shows a group with its branches and roll-ups. Launch flags and
 * sign-in helpers follow test/e2e/console.test.ts. Screenshots go to test-results/.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { startLocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { ensureConsoleBuilt, launchConsoleBrowser, resultsDir } from '../support/browser.ts';

const demoPassword = 'Kamflow!2026';

type Stack = Awaited<ReturnType<typeof startLocalStack>>;

describe('people and the account hierarchy in the console', () => {
  let stack: Stack;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  let adminToken = '';

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await response.json()) as Record<string, any>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  const settled = () => page.waitForTimeout(600);

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

  const submitSignIn = async (username: string, password: string) => {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(resultsDir, { recursive: true });
    stack = await startTestStack({ serveConsole: true, simulator: false });
    adminToken = await stack.signIn('admin');
    ({ page, close: closeBrowser } = await launchConsoleBrowser('users', { viewport: { width: 1440, height: 900 } }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  }, 60_000);

  it('an administrator creates a person; the person sets a new password at the first sign-in and lands on the console', async () => {
    const username = `km.e2e${randomUUID().slice(0, 4)}`;
    await openSignInPage();
    await submitSignIn('admin', demoPassword);
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 });

    // The menu offers the users page to administrators.
    await page.getByRole('menuitem', { name: '用户' }).click();
    await page.waitForURL((url) => url.hash.startsWith('#/users'));
    await expect.poll(() => page.locator('table tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(10);
    await page.getByRole('link', { name: '新建' }).click();
    await page.locator('input[name="username"]').waitFor();

    // The form checks with the API's rules before sending.
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="displayName"]').fill('端到端经理');
    await page.locator('input[name="email"]').fill('e2e@kamflow.example');
    await page.locator('input[name="manager"]').fill('sup.zhou');
    await page.locator('input[name="unit"]').fill('NORTH');
    await page.locator('input[name="temporaryPassword"]').fill('short');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('Password not long enough').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await settled();
    await page.screenshot({ path: join(resultsDir, 'users-create-refused-zh.png'), fullPage: true });

    // The API's own refusal lands on the field too: an unknown manager.
    await page.locator('input[name="temporaryPassword"]').fill('Temp-Pass-2026!');
    await page.locator('input[name="manager"]').fill('nobody.here');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('no active person nobody.here').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    await page.locator('input[name="manager"]').fill('sup.zhou');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL((url) => url.hash === '#/users', { timeout: 20_000 });
    const created = await api('GET', `/api/users/${username}`);
    expect(created).toMatchObject({ id: username, roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.zhou', unitId: 'NORTH', status: 'ACTIVE' });
    await settled();
    await page.screenshot({ path: join(resultsDir, 'users-list-zh.png'), fullPage: true });

    // The new person signs in with the temporary password and is asked for their own.
    await openSignInPage();
    await submitSignIn(username, 'Temp-Pass-2026!');
    await page.getByTestId('new-password-form').waitFor({ timeout: 20_000 });
    await page.locator('input[name="newPassword"]').fill('Chosen#Password9');
    await page.locator('input[name="repeatNewPassword"]').fill('Chosen#Password8');
    await page.getByRole('button', { name: '设置密码并登录' }).click();
    await expect.poll(() => page.getByTestId('new-password-error').innerText()).toBe('两次输入的密码不一致。');
    await settled();
    await page.screenshot({ path: join(resultsDir, 'users-new-password-zh.png'), fullPage: true });
    await page.locator('input[name="repeatNewPassword"]').fill('Chosen#Password9');
    await page.getByRole('button', { name: '设置密码并登录' }).click();
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 });

    // Landed: the user menu names them and their role; a key account manager has no users page.
    await page.locator('button[aria-label="Profile"], button[aria-label="个人资料"], header button:has(svg[data-testid="AccountCircleIcon"])').first().click();
    await expect.poll(() => page.getByTestId('user-roles').innerText(), { timeout: 10_000 }).toBe('大客户经理');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menuitem', { name: '用户' }).count()).toBe(0);
    await settled();
    await page.screenshot({ path: join(resultsDir, 'users-new-person-landed-zh.png'), fullPage: true });

    // The chosen password is now the one that works.
    await openSignInPage();
    await submitSignIn(username, 'Chosen#Password9');
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 });
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('an administrator changes roles and disables a person in the console', async () => {
    const username = `km.edit${randomUUID().slice(0, 4)}`;
    await api('POST', '/api/users', { username, displayName: '待停用', email: 'edit@kamflow.example', roles: ['KEY_ACCOUNT_MANAGER'], temporaryPassword: 'Temp-Pass-2026!' });
    await openSignInPage();
    await submitSignIn('admin', demoPassword);
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 });
    await page.goto(`${stack.consoleUrl}/#/users/${encodeURIComponent(username)}`);
    await page.locator('input[name="enabled"]').waitFor({ timeout: 20_000 });
    await page.getByLabel('主管').check();
    await page.locator('input[name="enabled"]').uncheck();
    await settled();
    await page.screenshot({ path: join(resultsDir, 'users-edit-zh.png'), fullPage: true });
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL((url) => url.hash === '#/users', { timeout: 20_000 });
    await expect.poll(async () => (await api('GET', `/api/users/${username}`)).status, { timeout: 10_000 }).toBe('DISABLED');
    const changed = await api('GET', `/api/users/${username}`);
    expect([...changed.roles].sort()).toEqual(['KEY_ACCOUNT_MANAGER', 'SUPERVISOR']);
    expect(changed.version).toBe(2);
  }, 120_000);

  it('the accounts tree shows a group with its branches and roll-ups', async () => {
    const group = await api('POST', '/api/accounts', { name: '中国建设银行总行', industry: 'FINANCE', tier: 'GROUP', city: '北京', monthlyBilledRevenue: 10000, accountManager: 'km.wang' });
    const province = await api('POST', '/api/accounts', { name: '建设银行江苏省分行', industry: 'FINANCE', tier: 'PROVINCIAL', city: '南京', monthlyBilledRevenue: 5000, parentAccountId: group.id, accountManager: 'km.wang' });
    await api('POST', '/api/accounts', { name: '建设银行苏州分行', industry: 'FINANCE', tier: 'LOCAL', city: '苏州', monthlyBilledRevenue: 2000, parentAccountId: province.id, accountManager: 'km.li' });

    await openSignInPage();
    await submitSignIn('admin', demoPassword);
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 });
    await page.goto(`${stack.consoleUrl}/#/accounts`);
    await page.getByTestId('show-account-tree').click();
    await page.waitForURL((url) => url.hash === '#/accounts/tree');
    const groupNode = page.getByTestId(`tree-node-${group.id}`);
    await groupNode.waitFor({ timeout: 20_000 });
    // Only the top of the hierarchy at first.
    expect(await page.locator('[data-testid^="tree-node-"]').count()).toBe(1);
    await expect.poll(() => page.getByTestId(`rollup-${group.id}`).innerText(), { timeout: 10_000 }).toContain('17,000');

    await page.getByRole('button', { name: '展开 中国建设银行总行' }).click();
    await page.getByRole('button', { name: '展开 建设银行江苏省分行' }).click();
    await expect.poll(() => page.locator('[data-testid^="tree-node-"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-account-name'))), { timeout: 10_000 }).toEqual([
      '中国建设银行总行',
      '建设银行江苏省分行',
      '建设银行苏州分行',
    ]);
    expect(await page.getByTestId(`rollup-${province.id}`).innerText()).toContain('7,000');
    await settled();
    await page.screenshot({ path: join(resultsDir, 'accounts-tree-zh.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
