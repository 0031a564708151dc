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
    // CI runs ~80 files on two cores next to Chromium: a request can wait in line longer than the deployed 30 s timeout
    // of a function (middy then stops it, 502). The tests are about answers, not about that machine's queueing.
    lambdaTimeoutMs: 180_000,
    // Tests drive the API far harder than the deployed throttle allows a client (the hostile-input test alone sends
    // hundreds of requests at once); the throttle's own test runs at the deployed limits.
    apiThrottle: { rateLimit: 100_000, burstLimit: 100_000 },
    // Handler logs stay quiet, but a handler that crashed (the local API's 502) is printed with its stack: a test
    // that sees a 502 then says why.
    log: (line) => {
      if (line.startsWith('handler crashed')) console.error(line);
    },
    ...options,
  });
}
