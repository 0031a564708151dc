/**
 * SLA sweep time with 1k, 10k and 100k open stages' watches loaded (the scaling test's loader), a fixed number due in
 * the last minute, each on a fresh table of the bench's stack: the sweep should take about the same time at every
 * size, since it reads what is due (the due-time index), not what is open. Prints the time per size, DynamoDB items
 * scanned, and each time as a ratio of the 1k time.
 *
 * `benchSlaSweep()` returns the lines for `npm run bench`; it needs the environment of a running local stack.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../local/dynamodb-local.ts';

export async function benchSlaSweep(options: { dynamoEndpoint: string; sizes?: readonly number[]; due?: number }): Promise<string> {
  const sizes = options.sizes ?? [1_000, 10_000, 100_000];
  const due = options.due ?? 200;
  const { openWatches, loadWatches } = await import('../test/support/sla-load.ts');
  const { sweepSla } = await import('../functions/services/sla-sweep.ts');
  const { dynamoClient } = await import('../functions/commons/clients.ts');
  const admin = new DynamoDBClient({ endpoint: options.dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { kamflowService } = await import('../functions/data/kamflow-service.ts');
  const { SlaWatchEntity, SlaSweepStateEntity } = await import('../functions/data/entities/sla-watch.ts');
  const { EscalationEntity } = await import('../functions/data/entities/escalation.ts');
  const { AccountEntity } = await import('../functions/data/entities/account.ts');
  const { UserEntity } = await import('../functions/data/entities/user.ts');
  const useTable = (table: string) => {
    kamflowService.setTableName(table);
    for (const entity of [SlaWatchEntity, SlaSweepStateEntity, EscalationEntity, AccountEntity, UserEntity]) entity.setTableName(table);
  };
  const originalTable = process.env.TABLE_NAME;
  const rows: { size: number; seconds: number; scanned: number; alerts: number }[] = [];
  let scanned = 0;
  dynamoClient.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'QueryCommand') scanned += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
      return result;
    },
    { step: 'initialize', name: 'benchSweepScanned' },
  );
  try {
    for (const size of sizes) {
      // Each size on a table of its own: the data layer's entities and service are pointed at it, then back.
      const table = `${originalTable}-sweep-${size}`;
      await ensureTable(admin, table);
      useTable(table);
      const now = new Date();
      await sweepSla(new Date(now.getTime() - 60_000));
      await loadWatches(openWatches(size, due, now), 16);
      scanned = 0;
      const started = performance.now();
      const report = await sweepSla(now);
      rows.push({ size, seconds: (performance.now() - started) / 1000, scanned, alerts: report.alertsRecorded });
    }
  } finally {
    dynamoClient.middlewareStack.remove('benchSweepScanned');
    if (originalTable) useTable(originalTable);
  }
  const base = rows[0]?.seconds ?? Number.NaN;
  return [
    `SLA sweep (${due} due in the last minute; open stages' watches loaded per size)`,
    ...rows.map((row) => `  ${row.size.toLocaleString('en').padStart(7)} open  sweep ${row.seconds.toFixed(2)} s  items scanned ${row.scanned}  alerts ${row.alerts}  time ÷ 1k time ${(row.seconds / base).toFixed(2)}`),
    '',
  ].join('\n');
}
