/**
 * What every browser test shares: Debian's Chromium with the flags that keep it quiet and offline, the console build
 * (made once per run by the global setup; a test file run on its own builds it here if it is missing), and the folder
 * screenshots go to.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
