/**
 * The order lifecycle actions in a real browser: a key account manager holds an order in activation and resumes it,
 * then cancels it from the order page and sees, in its timeline and event history, the reservations released —
 * checked against the API and the inventory records themselves. Screenshots go to test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { startWebhookSink } from '../support/webhook-sink.ts';
import { createAccount, getOrder, orderRequest, stage, submitOrder, useToken, waitForOrder } from '../support/api-client.ts';
import { ensureConsoleBuilt, launchConsoleBrowser, resultsDir, signInToConsole } from '../support/browser.ts';

describe('order lifecycle actions in the console', () => {
  let stack: LocalStack;
  let sink: Awaited<ReturnType<typeof startWebhookSink>>;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(resultsDir, { recursive: true });
    // No simulator: activation requests wait at a sink, so the order stays in activation until the test acts.
    sink = await startWebhookSink();
    process.env.PROVISIONING_WEBHOOK_URL = sink.url;
    stack = await startTestStack({ serveConsole: true, simulator: false });
    ({ page, close: closeBrowser } = await launchConsoleBrowser('lifecycle'));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
    await sink?.close();
  }, 60_000);

  const act = async (command: string, fields: Record<string, string>) => {
    await page.getByTestId(`order-action-${command}`).click();
    const dialog = page.getByRole('dialog');
    for (const [name, value] of Object.entries(fields)) await dialog.getByTestId(`order-action-field-${name}`).fill(value);
    await dialog.getByTestId('order-action-submit').click();
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
  };

  it('holds, resumes and then cancels an order in activation; the timeline shows the resources released', async () => {
    useToken(await stack.signIn('km.wang'));
    const account = await createAccount(stack.apiUrl, { accountManager: 'km.wang', name: '浏览器测试银行' });
    const order = await submitOrder(stack.apiUrl, orderRequest(account.id, { aCity: '北京', zCity: '上海' }));
    await waitForOrder(stack.apiUrl, order.id, (o) => o.kamflowState === 'PROVISIONING' && stage(o, 'ACTIVATION').status === 'WAITING');

    await signInToConsole(page, stack.consoleUrl, 'km.wang');
    await page.goto(`${stack.consoleUrl}/#/orders/${encodeURIComponent(order.id)}/show`);
    await page.getByTestId('order-actions').waitFor({ timeout: 20_000 });
    // in activation: hold, amend and cancel are offered; resume and retry are not
    expect(await page.getByTestId('order-actions').getByRole('button').allInnerTexts()).toEqual(['挂起', '变更', '撤单']);

    await act('hold', { reason: '客户机房装修' });
    await page.getByTestId('order-hold').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('order-hold').innerText()).toContain('客户机房装修');
    await expect.poll(() => page.getByTestId('order-actions').getByRole('button').allInnerTexts(), { timeout: 20_000 }).toEqual(['恢复', '撤单']);
    await page.screenshot({ path: join(resultsDir, 'console-order-held.png'), fullPage: true });
    expect((await getOrder(stack.apiUrl, order.id)).kamflowState).toBe('HELD');

    await act('resume', { note: '装修完成' });
    await expect.poll(async () => (await getOrder(stack.apiUrl, order.id)).kamflowState, { timeout: 20_000 }).toBe('PROVISIONING');
    await waitForOrder(stack.apiUrl, order.id, (o) => stage(o, 'ACTIVATION').status === 'WAITING');
    await page.reload();
    await expect.poll(() => page.getByTestId('order-actions').getByRole('button').allInnerTexts(), { timeout: 20_000 }).toEqual(['挂起', '变更', '撤单']);

    await act('cancel', { reason: '客户预算取消' });
    // the page polls the order: the cancellation completes and lists what was given back to the inventory
    await expect.poll(() => page.getByTestId('order-cancellation').innerText().catch(() => ''), { timeout: 30_000 }).toContain('已完成');
    const released = await page.getByTestId('released-resources').innerText();
    expect(released).toMatch(/ACCESS_LINE .*PORT /);
    await expect.poll(() => page.getByTestId('order-states').innerText(), { timeout: 20_000 }).toContain('已取消');
    expect(await page.getByTestId('stage-ACTIVATION').getAttribute('data-stage-status')).toBe('CANCELLED');
    const events = await page.getByTestId('order-event').allInnerTexts();
    expect(events.some((row) => row.includes('撤单处理中 → 已取消') && row.includes('released ACCESS_LINE'))).toBe(true);
    expect(events.some((row) => row.includes('km.wang') && row.includes('开通中 → 撤单评估中'))).toBe(true);
    expect(await page.getByTestId('order-actions').count()).toBe(0);
    await page.screenshot({ path: join(resultsDir, 'console-order-cancelled.png'), fullPage: true });

    // what the page says matches the records: the order is cancelled and every reservation is available again
    const cancelled = (await getOrder(stack.apiUrl, order.id)) as unknown as { kamflowState: string; cancellation: { releasedResources: string[] } };
    expect(cancelled.kamflowState).toBe('CANCELLED');
    expect(cancelled.cancellation.releasedResources).toHaveLength(4);
    for (const label of cancelled.cancellation.releasedResources) expect(released).toContain(label);
    const { NetworkResourceEntity } = await import('../../functions/data/entities/network-resource.ts');
    for (const label of cancelled.cancellation.releasedResources) {
      const [resourceType, resourceId, , exchangeCode] = label.split(' ') as ['ACCESS_LINE' | 'PORT', string, string, string];
      const { data } = await NetworkResourceEntity.get({ exchangeCode, resourceType, resourceId }).go();
      expect(data?.status, label).toBe('AVAILABLE');
    }
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
