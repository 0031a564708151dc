/** A local stack per test file, on the run's shared DynamoDB Local with a table of its own. */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { startLocalStack } from '../../local/stack.ts';
import type { LocalStack, LocalStackOptions } from '../../local/stack.ts';

export async function startTestStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  return startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `kamflow-test-${randomUUID().slice(0, 8)}`,
    ports: 'random',
    serveConsole: false,
    logLevel: 'SILENT',
    ...options,
  });
}
