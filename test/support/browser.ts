/**
 * What every browser test shares: Debian's Chromium with the flags that keep it quiet and offline, launched on a
 * profile of its own; the console build (made once per run by the global setup; a test file run on its own builds it
 * here if it is missing); signing in on the console's login page; and the folder screenshots go to.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { demoPassword } from '../../local/demo-data.ts';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const resultsDir = join(repositoryRoot, 'test-results');

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds the console only when there is no build to serve; a stale build is the developer's to refresh. */
export function ensureConsoleBuilt(): void {
  if (existsSync(join(repositoryRoot, 'admin-ui', 'dist', 'index.html'))) return;
  const vite = join(repositoryRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--config', 'admin-ui/vite.config.ts'], { cwd: repositoryRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`vite build failed with exit code ${build.status}`);
}

/** Chromium on a fresh profile (removed again by `close`), with the page it opened. */
export async function launchConsoleBrowser(name: string, options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {}): Promise<{ page: Page; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), `kamflow-${name}-e2e-`));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs, viewport: options.viewport ?? { width: 1440, height: 1000 }, ...(options.acceptDownloads ? { acceptDownloads: true } : {}) });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in on the console's login page with a clean session, and waits until the console has left that page. */
export async function signInToConsole(page: Page, consoleUrl: string | undefined, username: string, password = demoPassword): Promise<void> {
  if (!consoleUrl) throw new Error('this stack serves no console (start it with serveConsole: true)');
  await page.goto(`${consoleUrl}/#/login`);
  await page.evaluate(() => {
    window.sessionStorage.clear();
    window.localStorage.clear();
  });
  await page.reload();
  await page.locator('input[name="username"]').waitFor({ timeout: 20_000 });
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 });
}
