/**
 * `npm run bench -- --only stack-memory [--memory-orders N]`: N orders (default 2,000) from submission to CLOSED through the
 * whole local stack in this process (API, engine, handlers, stream dispatcher; DynamoDB Local and the simulator run
 * as processes of their own), with the heap and RSS of this process after a full garbage collection at 20 % of the
 * orders and at the end. The engine keeps the last 10 % of the orders' executions, so it is in its steady state at
 * the first measurement. Slower than the engine-memory section: minutes for a few thousand orders.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { startLocalStack } from '../local/stack.ts';
import { call, createAccount, orderRequest, ordersPath, useToken } from '../test/support/api-client.ts';

interface Figures {
  readonly heapUsedMiB: number;
  readonly rssMiB: number;
  readonly heldExecutions: number;
  /** Data points the local CloudWatch holds for its alarms (the handlers' EMF metrics, kept 15 days). */
  readonly metricPoints: number;
}

export async function benchStackMemory(options: { readonly orders?: number } = {}): Promise<string> {
  const orderCount = options.orders ?? 2000;
  const checkpoint = Math.max(1, Math.round(orderCount / 5));
  const retainedExecutions = Math.max(1, Math.round(orderCount / 10));
  const concurrency = 16;
  setFlagsFromString('--expose-gc');
  const collect: unknown = runInNewContext('gc');
  if (typeof collect !== 'function') throw new Error('the garbage collector could not be exposed');

  const dynamo = await startDynamoDbLocal({ heapMb: 1536 });
  const stack = await startLocalStack({ dynamoEndpoint: dynamo.endpoint, tableName: 'kamflow-bench-memory', ports: 'random', serveConsole: false, simulator: { delayMs: 0, failureRate: 0 }, logLevel: 'ERROR', apiThrottle: false, slaSweep: false, executionRetention: { maxFinishedExecutions: retainedExecutions } });
  const measure = async (): Promise<Figures> => {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    collect();
    const usage = process.memoryUsage();
    return { heapUsedMiB: usage.heapUsed / 2 ** 20, rssMiB: usage.rss / 2 ** 20, heldExecutions: stack.engine.heldExecutionCount, metricPoints: stack.cloudWatch.store.pointCount };
  };
  try {
    useToken(await stack.signIn('admin'));
    const { seedInventory } = await import('../local/stack-data.ts');
    const exchange = (code: string, city: string) => ({
      exchange: { exchangeCode: code, city, name: `${city} bench exchange` },
      resources: Array.from({ length: orderCount + 1 }, (_, i) => [
        { resourceType: 'ACCESS_LINE' as const, resourceId: `${code}-AL-${i}` },
        { resourceType: 'PORT' as const, resourceId: `${code}-P-${i}` },
      ]).flat(),
    });
    await seedInventory([exchange('BENCH-A', '基准甲市'), exchange('BENCH-Z', '基准乙市')]);
    const account = await createAccount(stack.apiUrl);

    let started = 0;
    let completed = 0;
    const figures = new Map<number, Figures>();
    let measuring: Promise<void> = Promise.resolve();
    const startedAt = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (started < orderCount) {
          started += 1;
          const created = await call<{ id: string }>(stack.apiUrl, 'POST', ordersPath, orderRequest(account.id, { aCity: '基准甲市', zCity: '基准乙市' }));
          if (created.status !== 201) throw new Error(`submit: ${created.status} ${created.text}`);
          const orderStarted = performance.now();
          let accepted = false;
          for (;;) {
            if (performance.now() - orderStarted > 180_000) throw new Error(`order ${created.body.id} did not close within 180 s`);
            await new Promise((resolve) => setTimeout(resolve, 50));
            const order = await call<{ kamflowState: string }>(stack.apiUrl, 'GET', `${ordersPath}/${created.body.id}`);
            const state = order.body.kamflowState;
            if (state === 'CLOSED') break;
            if (state === 'FAILED' || state === 'REJECTED' || state === 'AWAITING_BUILD') throw new Error(`order ${created.body.id} ended ${state}`);
            if (state === 'PENDING_ACCEPTANCE' && !accepted) {
              accepted = (await call(stack.apiUrl, 'POST', `/api/orders/${created.body.id}/acceptance`, { decision: 'ACCEPTED' })).status === 202;
            }
          }
          completed += 1;
          if (completed === checkpoint) {
            measuring = (async () => {
              figures.set(checkpoint, await measure());
            })();
          }
          await measuring;
        }
      }),
    );
    const seconds = (performance.now() - startedAt) / 1000;
    // The last executions end a moment after their order reads CLOSED.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const first = figures.get(checkpoint);
    const last = await measure();
    if (first === undefined) throw new Error('the checkpoint was never measured');
    const change = (from: number, to: number) => `${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(1)} %`;
    const row = (label: string, measured: Figures) =>
      `  ${label.padEnd(22)} heap used ${measured.heapUsedMiB.toFixed(1).padStart(6)} MiB   RSS ${measured.rssMiB.toFixed(1).padStart(6)} MiB   executions held ${measured.heldExecutions}   metric data points ${measured.metricPoints}`;
    return [
      `Whole local stack memory (${orderCount.toLocaleString('en')} orders to CLOSED, ${concurrency} at a time, ${(orderCount / seconds).toFixed(1)} orders/s; the engine keeps ${retainedExecutions} finished executions)`,
      row(`at order ${checkpoint.toLocaleString('en')}`, first),
      row(`at order ${orderCount.toLocaleString('en')}`, last),
      `  from ${checkpoint.toLocaleString('en')} to ${orderCount.toLocaleString('en')}: heap used ${change(first.heapUsedMiB, last.heapUsedMiB)}, RSS ${change(first.rssMiB, last.rssMiB)}`,
      '',
    ].join('\n');
  } finally {
    await stack.stop();
    await dynamo.stop();
  }
}
