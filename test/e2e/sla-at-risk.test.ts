/**
 * The at-risk page in a real browser against the local stack: an order whose resource confirmation has used 20 of its
 * 24 working hours (placed through the data layer with its start set back on the business calendar) is swept, and the
 * account manager sees it as at risk (临近超时) with its owner and a time left that counts down; the escalations page
 * opens. Screenshots go to test-results/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { buildNationalCalendar, instantAtWorkingTimePosition, workingTimePosition } from '../../functions/domain/business-calendar.ts';
import { startTestStack } from '../support/local-stack.ts';
import { createAccount, useToken } from '../support/api-client.ts';
import { chromiumArgs, ensureConsoleBuilt, resultsDir } from '../support/browser.ts';

const demoPassword = 'Kamflow!2026';
const HOUR = 3_600_000;

describe('the at-risk page', () => {
  let stack: LocalStack;
  let userDataDir: string;
  let browser: BrowserContext;
  let page: Page;
  let orderId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(resultsDir, { recursive: true });
    stack = await startTestStack({ serveConsole: true, simulator: false, slaSweep: false });
    useToken(await stack.signIn('admin'));
    const account = await createAccount(stack.apiUrl, { accountManager: 'km.wang', tier: 'PROVINCIAL' });
    const { orderInResourceConfirmation } = await import('../support/sla-fixtures.ts');

    // Resource confirmation gets 3 working days (24 h) from acknowledgement; start it 20 working hours ago.
    const calendar = buildNationalCalendar();
    const startedAt = instantAtWorkingTimePosition(calendar, workingTimePosition(calendar, new Date()) - 20 * HOUR);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(startedAt);
    try {
      orderId = await orderInResourceConfirmation(account.id);
    } finally {
      vi.useRealTimers();
    }
    const report = await stack.slaSweeper.runOnce();
    expect(report.alertsRecorded).toBeGreaterThanOrEqual(1);

    userDataDir = mkdtempSync(join(tmpdir(), 'kamflow-sla-e2e-'));
    browser = await chromium.launchPersistentContext(userDataDir, { executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs, viewport: { width: 1440, height: 900 } });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  }, 60_000);

  it('shows an order past its jeopardy threshold as at risk, with its owner and a live countdown', async () => {
    await page.goto(`${stack.consoleUrl}/#/login`);
    await page.locator('input[name="username"]').waitFor({ timeout: 20_000 });
    await page.locator('input[name="username"]').fill('km.wang');
    await page.locator('input[name="password"]').fill(demoPassword);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 });

    // reached from the menu, in Chinese
    await page.getByRole('menuitem', { name: '超时预警' }).click();
    const row = page.getByTestId(`at-risk-${orderId}-RESOURCE_CONFIRMATION`);
    await row.waitFor({ timeout: 20_000 });
    expect((await row.getByTestId('at-risk-status').textContent())?.trim()).toBe('临近超时');
    const headers = (await page.getByTestId('at-risk-list').locator('thead th').allInnerTexts()).map((text) => text.trim());
    expect(headers).toEqual(['订单', '客户', '环节', '状态', '责任人', '客户经理', '时限', '剩余时间']);
    expect((await row.getByTestId('at-risk-owner').textContent())?.trim()).toBe('team:network-resources');
    expect(await row.textContent()).toContain('资源确认');
    expect(await row.textContent()).toContain('km.wang');
    const first = (await row.getByTestId('at-risk-time-left').textContent())?.trim() ?? '';
    expect(first).toMatch(/^(\d+d )?\d{2}:\d{2}:\d{2}$/);
    await page.waitForTimeout(2200);
    const later = (await row.getByTestId('at-risk-time-left').textContent())?.trim() ?? '';
    expect(later).not.toBe(first);
    await page.screenshot({ path: join(resultsDir, 'sla-at-risk.png'), fullPage: true });

    // the escalations page opens for the same person (nothing breached yet)
    await page.getByRole('menuitem', { name: '升级处理' }).click();
    await page.getByTestId('escalations').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('escalations').textContent()).not.toContain('kamflow.');
    await page.screenshot({ path: join(resultsDir, 'sla-escalations.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
