/**
 * The sweep's work follows what is due, not what is open: with 100,000 open stages' watches in the table, of which
 * 1,000 cross their at-risk threshold in the last minute (and 9,900 more lie later in the same hour bucket), a sweep
 * reads about 1,000 items. Counted on the DynamoDB client the handlers use: every Query's Count and ScannedCount, and
 * every request by command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import type { DynamoDbLocal } from '../../local/dynamodb-local.ts';

const open = 100_000;
const due = 1_000;

let stack: LocalStack;
let dynamo: DynamoDbLocal;

beforeAll(async () => {
  // A DynamoDB Local of its own, with room for 100,000 items: loading them must not starve the other test files,
  // which share the run's instance.
  dynamo = await startDynamoDbLocal({ heapMb: 1536 });
  stack = await startTestStack({ simulator: false, slaSweep: false, dynamoEndpoint: dynamo.endpoint });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await dynamo?.stop();
});

describe('the SLA sweep at scale', () => {
  it(`reads O(${due}) items with ${open.toLocaleString('en')} open stages, ${due} of them due`, { timeout: 1_200_000 }, async () => {
    const { dynamoClient } = await import('../../functions/commons/clients.ts');
    const { sweepSla, sweepSettingsFromEnv } = await import('../../functions/services/sla-sweep.ts');
    const { openWatches, loadWatches } = await import('../support/sla-load.ts');
    const { findWatch } = await import('../../functions/data/sla-repository.ts');

    const now = new Date();
    // A sweep a minute ago sets the watermark, as the schedule would have.
    await sweepSla(new Date(now.getTime() - 60_000));
    const watches = openWatches(open, due, now);
    const loadStarted = performance.now();
    await loadWatches(watches);
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const counted = { queries: 0, count: 0, scanned: 0, requests: new Map<string, number>() };
    dynamoClient.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const command = context.commandName ?? 'unknown';
        counted.requests.set(command, (counted.requests.get(command) ?? 0) + 1);
        if (command === 'QueryCommand') {
          const output = result.output as { Count?: number; ScannedCount?: number };
          counted.queries += 1;
          counted.count += output.Count ?? 0;
          counted.scanned += output.ScannedCount ?? 0;
        }
        return result;
      },
      { step: 'initialize', name: 'countSweepReads' },
    );
    const sweepStarted = performance.now();
    let report;
    try {
      report = await sweepSla(now, sweepSettingsFromEnv);
    } finally {
      dynamoClient.middlewareStack.remove('countSweepReads');
    }
    const sweepSeconds = (performance.now() - sweepStarted) / 1000;
    console.log(
      `loaded ${open} watches in ${loadSeconds.toFixed(1)} s; sweep ${sweepSeconds.toFixed(2)} s: ${counted.queries} queries, ` +
        `Count ${counted.count}, ScannedCount ${counted.scanned}, requests ${JSON.stringify(Object.fromEntries(counted.requests))}`,
    );

    expect(report.watchesRead).toBe(due);
    expect(report.alertsRecorded).toBe(due);
    expect(report.failed).toBe(0);
    // reads: the due items and nothing else (the overlap window re-reads only what is still due there)
    expect(counted.scanned).toBeGreaterThanOrEqual(due);
    expect(counted.scanned).toBeLessThanOrEqual(due * 1.05);
    expect(counted.queries).toBeLessThanOrEqual(6);
    // writes: one transaction per due watch; a handful of other requests (watermark, the account's tier)
    expect(counted.requests.get('TransactWriteItemsCommand')).toBe(due);
    const total = [...counted.requests.values()].reduce((sum, value) => sum + value, 0);
    expect(total).toBeLessThanOrEqual(due + 20);

    // each due watch moved on to its breach instant; a watch not due is untouched
    const first = watches[0];
    const later = watches[due + 1];
    expect(first && (await findWatch(first.orderId, 'ACTIVATION'))).toMatchObject({ step: 'BREACHED', state: 'AT_RISK' });
    expect(later && (await findWatch(later.orderId, 'ACTIVATION'))).toMatchObject({ step: 'AT_RISK', state: 'ON_TRACK' });
  });
});
