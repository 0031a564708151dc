/**
 * Before any test file runs: one DynamoDB Local JVM (in memory) for the whole run — each test file's stack uses its own
 * table in it — and, when the browser tests will need it and it is not built yet, the console build. Building here,
 * once, keeps the browser test files (which run in parallel) from each rebuilding admin-ui/dist under the others' feet.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function buildConsoleIfMissing(): void {
  if (existsSync(join(repositoryRoot, 'admin-ui', 'dist', 'index.html'))) return;
  const vite = join(repositoryRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--config', 'admin-ui/vite.config.ts'], { cwd: repositoryRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`vite build failed with exit code ${build.status}`);
}

export default async function setup(project: TestProject) {
  const files = project.vitest.state.getFiles().map((file) => file.filepath);
  const runsBrowserTests = files.length === 0 || files.some((file) => file.includes(`${join('test', 'e2e')}`));
  if (runsBrowserTests) buildConsoleIfMissing();
  const dynamo = await startDynamoDbLocal({});
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}
