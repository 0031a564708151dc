/**
 * The product catalogue in a real browser: an administrator opens the catalogue, saves a new version of a product's
 * stage template, and sees the new version and its history, as the API records them. Screenshots go to test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, useToken } from '../support/api-client.ts';
import { ensureConsoleBuilt, launchConsoleBrowser, resultsDir, signInToConsole } from '../support/browser.ts';

describe('product catalogue in the console', () => {
  let stack: LocalStack;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(resultsDir, { recursive: true });
    stack = await startTestStack({ serveConsole: true, simulator: false, slaSweep: false });
    ({ page, close: closeBrowser } = await launchConsoleBrowser('catalogue'));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  }, 60_000);

  it('shows every product with its stage template and saves a new version of one', async () => {
    await signInToConsole(page, stack.consoleUrl, 'admin');

    await page.goto(`${stack.consoleUrl}/#/products`);
    const rows = page.getByTestId('product-list').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(6);
    expect(await rows.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('以太网专线')]));
    await page.screenshot({ path: join(resultsDir, 'console-products.png'), fullPage: true });

    await page.goto(`${stack.consoleUrl}/#/products/EPL/show`);
    await page.getByTestId('stage-template').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('stage-template').innerText()).toContain('5 个工作日');

    await page.goto(`${stack.consoleUrl}/#/products/EPL`);
    await page.locator('input[name="reason"]').waitFor({ timeout: 20_000 });
    // The form resets when the record arrives: type only once it shows the current template.
    await expect.poll(() => page.locator('input[name="stageTemplate.2.workingDays"]').inputValue(), { timeout: 20_000 }).toBe('5');
    await page.locator('input[name="reason"]').fill('开通提速');
    await page.locator('input[name="stageTemplate.2.workingDays"]').fill('3');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('product-history').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('stage-template').innerText()).toContain('3 个工作日');
    await page.screenshot({ path: join(resultsDir, 'console-product-new-version.png'), fullPage: true });

    useToken(await stack.signIn('admin'));
    const product = (await call<{ version: number; stageTemplate: { stage: string; workingDays?: number }[]; history: unknown[] }>(stack.apiUrl, 'GET', '/api/products/EPL')).body;
    expect(product.version).toBe(1);
    expect(product.stageTemplate.find((limit) => limit.stage === 'ACTIVATION')?.workingDays).toBe(3);
    expect(product.history).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
