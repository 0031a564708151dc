/**
 * `npm run bench [-- --orders N --concurrency C]`: drives N orders (default 200) from submission to billing started
 * through the local stack, with the simulator answering at once, and prints orders/s, DynamoDB requests (and writes)
 * per order, the raw DynamoDB Local write rate measured in the same run, and throughput as a ratio of what the raw
 * write rate allows (raw writes/s ÷ writes per order). `npm run bench -- --only engine-memory` (or `stack-memory`)
 * runs that memory section alone (bench/engine-memory.ts, bench/stack-memory.ts).
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable, startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { benchEngineMemory } from './engine-memory.ts';
import { benchStackMemory } from './stack-memory.ts';
import { benchSlaClock } from './sla-clock.ts';
import { benchSlaSweep } from './sla-sweep.ts';
import { startLocalStack } from '../local/stack.ts';
import { call, createAccount, orderRequest, ordersPath, useToken } from '../test/support/api-client.ts';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: process.env.BENCH_ORDERS ?? '200' },
    concurrency: { type: 'string', default: '16' },
    accounts: { type: 'string', default: process.env.BENCH_ACCOUNTS ?? '10000' },
    only: { type: 'string' },
    executions: { type: 'string', default: '10000' },
    'retain-all': { type: 'boolean', default: false },
    'memory-orders': { type: 'string', default: '2000' },
  },
});

// Sections that need no stack run alone, before anything is started.
if (values.only !== undefined) {
  if (values.only === 'engine-memory') console.log(await benchEngineMemory({ executions: Number(values.executions), retainAll: values['retain-all'] }));
  else if (values.only === 'stack-memory') console.log(await benchStackMemory({ orders: Number(values['memory-orders']) }));
  else throw new Error(`--only knows engine-memory and stack-memory (got ${values.only})`);
  process.exit(0);
}
const orderCount = Number(values.orders);
const accountCount = Number(values.accounts);
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

const percentile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/**
 * List accounts at 100 concurrent requests with `accountCount` accounts loaded: the API (token check, scope, Query on
 * the index, view mapping) beside a raw DynamoDB Local Query of the same page on the same index, in the same run.
 */
async function benchListAccounts(): Promise<string> {
  const { AccountEntity } = await import('../functions/data/entities/account.ts');
  const created = new Date().toISOString();
  const owners = ['km.wang', 'km.li', 'km.zhang', 'km.chen'];
  const all = Array.from({ length: accountCount }, (_, i) => {
    const owner = owners[i % owners.length] as string;
    return {
      accountId: `acc_${String(i).padStart(26, '0')}`,
      name: `基准客户 ${i}`,
      industry: 'FINANCE' as const,
      tier: 'LOCAL' as const,
      status: 'ACTIVE' as const,
      accountManager: owner,
      supervisorId: owner === 'km.wang' || owner === 'km.li' ? 'sup.zhou' : 'sup.huang',
      unitId: owner === 'km.wang' || owner === 'km.li' ? 'NORTH' : 'SOUTH',
      createdAt: new Date(Date.parse(created) - i * 1000).toISOString(),
      updatedAt: created,
      version: 1,
    };
  });
  for (let start = 0; start < all.length; start += 250) await AccountEntity.put(all.slice(start, start + 250)).go({ concurrency: 4 });

  const requests = 2000;
  const width = 100;
  const timeRequests = async (request: () => Promise<void>) => {
    const latencies: number[] = [];
    const started = performance.now();
    await pool(Array.from({ length: requests }, (_, i) => i), width, async () => {
      const t0 = performance.now();
      await request();
      latencies.push(performance.now() - t0);
    });
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), perSecond: requests / seconds };
  };
  const adminToken = await stack.signIn('admin');
  const managerToken = await stack.signIn('km.wang');
  const api = (token: string) => timeRequests(async () => {
    const response = await call<{ items: unknown[] }>(stack.apiUrl, 'GET', '/api/accounts?limit=25', undefined, { authorization: `Bearer ${token}` });
    if (response.status !== 200 || response.body.items.length !== 25) throw new Error(`list accounts: ${response.status}`);
  });
  const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const params = AccountEntity.query.allAccounts({}).params({ limit: 25, order: 'desc' }) as { IndexName: string; KeyConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> };
  // The index keys are strings: the attribute values marshal to { S }.
  const marshalled = Object.fromEntries(Object.entries(params.ExpressionAttributeValues).map(([name, value]) => [name, { S: String(value) }]));
  const rawQuery = () => timeRequests(async () => {
    const result = await raw.send(new QueryCommand({ TableName: 'kamflow-bench', IndexName: params.IndexName, KeyConditionExpression: params.KeyConditionExpression, ExpressionAttributeNames: params.ExpressionAttributeNames, ExpressionAttributeValues: marshalled, Limit: 25, ScanIndexForward: false }));
    if ((result.Items ?? []).length !== 25) throw new Error('raw query returned a short page');
  });
  // Warm-up outside the measurement, at the measured concurrency for each caller: signing keys fetched, people cached,
  // handler paths compiled, DynamoDB Local's pages of both indexes in memory. (With a single warm-up request, whichever
  // caller was measured first paid for the warm-up in its tail.)
  const warmUp = (token: string) =>
    pool(Array.from({ length: 300 }, (_, i) => i), width, async () => {
      await call(stack.apiUrl, 'GET', '/api/accounts?limit=25', undefined, { authorization: `Bearer ${token}` });
    });
  await warmUp(adminToken);
  await warmUp(managerToken);
  const baseline = await rawQuery();
  const asAdmin = await api(adminToken);
  const asManager = await api(managerToken);
  const line = (label: string, figures: { p50: number; p99: number; perSecond: number }) =>
    `  ${label.padEnd(44)} p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, ${figures.perSecond.toFixed(0)} req/s, p99 ÷ raw p99 ${(figures.p99 / baseline.p99).toFixed(2)}`;
  return [
    `List accounts (${accountCount.toLocaleString('en')} accounts loaded, ${requests} requests at ${width} concurrent, page of 25)`,
    line('raw DynamoDB Local Query on the index (baseline)', baseline),
    line('GET /api/accounts as administrator (all)', asAdmin),
    line('GET /api/accounts as key account manager (own)', asManager),
    '',
  ].join('\n');
}

// A heap big enough for the sweep section's 100,000 watches on top of the order and account data (with the default
// 512 MB DynamoDB Local spent its time collecting garbage while they were loaded).
const dynamo = await startDynamoDbLocal({ heapMb: 1536 });
// Unthrottled: the bench measures what the product can do, not what the stage lets one client send.
const stack = await startLocalStack({ dynamoEndpoint: dynamo.endpoint, tableName: 'kamflow-bench', ports: 'random', serveConsole: false, simulator: { delayMs: 0, failureRate: 0 }, logLevel: 'ERROR', apiThrottle: false });
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
  console.log(await benchListAccounts());
  console.log(await benchSlaClock());
  console.log(await benchSlaSweep({ dynamoEndpoint: dynamo.endpoint }));
} finally {
  await stack.stop();
  await dynamo.stop();
}
