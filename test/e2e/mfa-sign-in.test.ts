/**
 * Sign-in with an authenticator app in a real browser, against a local stack whose sign-in stand-in requires MFA as the
 * deployed user pool does: the first sign-in sets up an authenticator from the key the page shows (MFA_SETUP), the
 * next one asks for its code (SOFTWARE_TOKEN_MFA). The codes are computed here from that key, as an app would.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { demoPassword } from '../../local/demo-data.ts';
import { base32Decode, totpCode } from '../../local/totp.ts';
import { ensureConsoleBuilt, launchConsoleBrowser, resultsDir } from '../support/browser.ts';
import { startTestStack } from '../support/local-stack.ts';

describe('console sign-in with an authenticator app (MFA required)', () => {
  let stack: LocalStack;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(resultsDir, { recursive: true });
    stack = await startTestStack({ serveConsole: true, simulator: false, slaSweep: false, mfa: 'ON' });
    ({ page, close: closeBrowser } = await launchConsoleBrowser('mfa'));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  }, 60_000);

  async function submitPassword(username: string) {
    await page.goto(`${stack.consoleUrl}/#/login`);
    await page.evaluate(() => window.sessionStorage.clear());
    await page.reload();
    await page.locator('input[name="username"]').waitFor({ timeout: 20_000 });
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(demoPassword);
    await page.locator('button[type="submit"]').click();
  }

  async function submitCode(code: string) {
    await page.locator('input[name="mfaCode"]').fill(code);
    await page.locator('button[type="submit"]').click();
  }

  it('sets up an authenticator at the first sign-in, then signs in with its codes', async () => {
    await submitPassword('km.wang');
    const setup = page.getByTestId('mfa-setup-form');
    await setup.waitFor({ timeout: 20_000 });
    const secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL((await page.getByTestId('mfa-uri').getAttribute('href')) ?? '');
    expect(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`).toBe('otpauth://totp/KAMflow:km.wang');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(await page.getByTestId('mfa-qr').evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await setup.innerText()).toContain('身份验证器');
    const key = base32Decode(secret);

    // A code the app would not show is refused, and the form stays for another try.
    const current = totpCode(key, Date.now());
    await submitCode(String((Number(current) + 500_000) % 1_000_000).padStart(6, '0'));
    await expect.poll(() => page.getByTestId('mfa-error').innerText(), { timeout: 20_000 }).toContain('验证码不正确');
    await page.screenshot({ path: join(resultsDir, 'console-mfa-setup.png'), fullPage: true });

    await submitCode(totpCode(key, Date.now()));
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 });

    // Signed out, the next sign-in asks for the code; the one used at set-up is spent, so the app's next one is given.
    await submitPassword('km.wang');
    const codeForm = page.getByTestId('mfa-code-form');
    await codeForm.waitFor({ timeout: 20_000 });
    expect(await codeForm.innerText()).toContain('6 位验证码');
    await page.screenshot({ path: join(resultsDir, 'console-mfa-code.png'), fullPage: true });
    await submitCode(totpCode(key, Date.now() + 30_000));
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('header').innerText(), { timeout: 20_000 }).toContain('王经理');
    await page.screenshot({ path: join(resultsDir, 'console-mfa-signed-in.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
