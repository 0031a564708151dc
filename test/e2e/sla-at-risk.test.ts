/**
 * The at-risk page in a real browser against the local stack: an order whose resource confirmation has used 20 of its
 * 24 working hours (placed through the data layer with its start set back on the business calendar) is swept, and the
 * account manager sees it as at risk (临近超时) with its owner and a time left that counts down; the escalations page
 * opens. Screenshots go to test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { buildNationalCalendar, instantAtWorkingTimePosition, workingTimePosition } from '../../functions/domain/business-calendar.ts';
import { startTestStack } from '../support/local-stack.ts';
import { createAccount, useToken } from '../support/api-client.ts';
import { ensureConsoleBuilt, launchConsoleBrowser, resultsDir, signInToConsole } from '../support/browser.ts';

const HOUR = 3_600_000;

describe('the at-risk page', () => {
  let stack: LocalStack;
  let closeBrowser: (() => Promise<void>) | undefined;
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

    ({ page, close: closeBrowser } = await launchConsoleBrowser('sla-at-risk', { viewport: { width: 1440, height: 900 } }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  }, 60_000);

  it('shows an order past its jeopardy threshold as at risk, with its owner and a live countdown', async () => {
    await signInToConsole(page, stack.consoleUrl, 'km.wang');

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
