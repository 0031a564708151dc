/**
 * `npm run bench [-- --orders N --concurrency C]`: drives N orders (default 200) from submission to billing started
 * through the local stack, with the simulator answering at once, and prints orders/s, DynamoDB requests (and writes)
 * per order, the raw DynamoDB Local write rate measured in the same run, and throughput as a ratio of what the raw
 * write rate allows (raw writes/s ÷ writes per order).
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable, startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { startLocalStack } from '../local/stack.ts';
import { call, createAccount, orderRequest, ordersPath, useToken } from '../test/support/api-client.ts';

const { values } = parseArgs({ options: { orders: { type: 'string', default: process.env.BENCH_ORDERS ?? '200' }, concurrency: { type: 'string', default: '16' } } });
const orderCount = Number(values.orders);
const concurrency = Number(values.concurrency);
const writeCommands = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  }));
}

/** Raw DynamoDB Local write rate: single-item PutItem of an order-sized item, same concurrency as the order drive. */
async function rawWriteRate(endpoint: string, writes: number): Promise<number> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  await ensureTable(client, 'kamflow-bench-raw');
  const payload = 'x'.repeat(1200);
  const started = performance.now();
  await pool(Array.from({ length: writes }, (_, i) => i), concurrency, async (i) => {
    await client.send(new PutItemCommand({ TableName: 'kamflow-bench-raw', Item: { pk: { S: `raw#${i}` }, sk: { S: 'item' }, payload: { S: payload } } }));
  });
  return writes / ((performance.now() - started) / 1000);
}

const dynamo = await startDynamoDbLocal({});
const stack = await startLocalStack({ dynamoEndpoint: dynamo.endpoint, tableName: 'kamflow-bench', ports: 'random', serveConsole: false, simulator: { delayMs: 0, failureRate: 0 }, logLevel: 'ERROR' });
const { dynamoRequestsSent } = await import('../functions/commons/clients.ts');
const snapshot = () => {
  let total = 0;
  let writes = 0;
  for (const [command, count] of dynamoRequestsSent()) {
    total += count;
    if (writeCommands.has(command)) writes += count;
  }
  return { total, writes };
};

try {
  useToken(await stack.signIn('admin'));
  // Inventory for every bench order: two cities with one free access line and port per order and end.
  const { seedInventory } = await import('../local/stack-data.ts');
  const benchExchange = (code: string, city: string) => ({
    exchange: { exchangeCode: code, city, name: `${city} bench exchange` },
    resources: Array.from({ length: orderCount + 1 }, (_, i) => [
      { resourceType: 'ACCESS_LINE' as const, resourceId: `${code}-AL-${i}` },
      { resourceType: 'PORT' as const, resourceId: `${code}-P-${i}` },
    ]).flat(),
  });
  await seedInventory([benchExchange('BENCH-A', '基准甲市'), benchExchange('BENCH-Z', '基准乙市')]);
  const account = await createAccount(stack.apiUrl);
  const benchOrder = () => orderRequest(account.id, { aCity: '基准甲市', zCity: '基准乙市' });
  // warm-up: load every handler module and JIT the paths once, outside the measurement
  await call(stack.apiUrl, 'POST', ordersPath, benchOrder());

  const rawRate = await rawWriteRate(dynamo.endpoint, 2000);

  // A read of one order costs this many requests; the drive's polling is subtracted with it.
  const probe = await call<{ id: string }[]>(stack.apiUrl, 'GET', `${ordersPath}?limit=1`);
  const before = snapshot();
  await call(stack.apiUrl, 'GET', `${ordersPath}/${probe.body[0]?.id}`);
  const requestsPerRead = snapshot().total - before.total;

  const start = snapshot();
  let polls = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await pool(Array.from({ length: orderCount }, (_, i) => i), concurrency, async () => {
    const t0 = performance.now();
    const created = await call<{ id: string }>(stack.apiUrl, 'POST', ordersPath, benchOrder());
    if (created.status !== 201) throw new Error(`submit: ${created.status} ${created.text}`);
    let accepted = false;
    for (;;) {
      if (performance.now() - t0 > 120_000) throw new Error(`order ${created.body.id} did not reach billing within 120 s`);
      await new Promise((r) => setTimeout(r, 20));
      polls += 1;
      const order = await call<{ kamflowState: string }>(stack.apiUrl, 'GET', `${ordersPath}/${created.body.id}`);
      const state = order.body.kamflowState;
      if (state === 'BILLING_STARTED' || state === 'CLOSED') break;
      if (state === 'FAILED' || state === 'REJECTED' || state === 'AWAITING_BUILD') throw new Error(`order ${created.body.id} ended ${state}`);
      if (state === 'PENDING_ACCEPTANCE' && !accepted) {
        const decision = await call(stack.apiUrl, 'POST', `/api/orders/${created.body.id}/acceptance`, { decision: 'ACCEPTED' });
        accepted = decision.status === 202;
      }
    }
    latencies.push(performance.now() - t0);
  });
  const seconds = (performance.now() - started) / 1000;
  // Let the CRM close of the last orders finish so every order's requests are counted.
  await new Promise((r) => setTimeout(r, 500));
  const end = snapshot();
  const requestsPerOrder = (end.total - start.total - polls * requestsPerRead) / orderCount;
  const writesPerOrder = (end.writes - start.writes) / orderCount;
  const ordersPerSecond = orderCount / seconds;
  const ceiling = rawRate / writesPerOrder;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(0);

  console.log(`
KAMflow order loop benchmark (${orderCount} orders, concurrency ${concurrency}, simulator answering at once)
  orders/s (submission → billing started)      ${ordersPerSecond.toFixed(1)}
  order latency p50 / p99                       ${p(0.5)} ms / ${p(0.99)} ms
  DynamoDB requests per order                   ${requestsPerOrder.toFixed(1)} (status polling of the driver excluded: ${polls} reads × ${requestsPerRead})
  DynamoDB writes per order                     ${writesPerOrder.toFixed(1)}
  raw DynamoDB Local write rate (baseline)      ${rawRate.toFixed(0)} writes/s (PutItem, concurrency ${concurrency})
  ceiling from raw writes (raw ÷ writes/order)  ${ceiling.toFixed(1)} orders/s
  throughput ratio (orders/s ÷ ceiling)         ${(ordersPerSecond / ceiling).toFixed(2)}
`);
} finally {
  await stack.stop();
  await dynamo.stop();
}
