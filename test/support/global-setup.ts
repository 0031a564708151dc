/**
 * Before any test file runs: one DynamoDB Local JVM (in memory) for the whole run — each test file's stack uses its own
 * table in it — and, when the browser tests will need it and it is not built yet, the console build. Building here,
 * once, keeps the browser test files (which run in parallel) from each rebuilding admin-ui/dist under the others' feet.
 */
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import { ensureConsoleBuilt } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  // The CI log shows which Node ran the suite: the `node` package's binary (package.json), not the machine's own.
  console.log(`Node ${process.version} (${process.execPath})`);
  const files = project.vitest.state.getFiles().map((file) => file.filepath);
  const runsBrowserTests = files.length === 0 || files.some((file) => file.includes(`${join('test', 'e2e')}`));
  if (runsBrowserTests) ensureConsoleBuilt();
  const dynamo = await startDynamoDbLocal({});
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}
