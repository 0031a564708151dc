/**
 * The whole product on one machine: DynamoDB Local, the local Step Functions engine running
 * stepfunctions/order-fulfilment.asl.json with the same task handlers, the local API Gateway serving the same route
 * handlers, the provisioning-system simulator (its own process) and the console. Open orders are resumed from their
 * recorded stage at start, because the engine keeps executions in memory only.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { workflowTaskFunctions, orderFulfilmentDefinitionPath, partitionSubstitution } from '../functions/workflow/task-functions.ts';
import { anchorBusinessClock } from './business-clock.ts';
import { consoleDistFolder, startConsoleServer } from './console-server.ts';
import { demoAccounts, demoExchanges, demoOrder, demoPassword, demoPeople, demoResourceIds } from './demo-data.ts';
import { signIn, startIdentityProvider } from './identity-provider.ts';
import type { MfaConfiguration } from './identity-provider.ts';
import { userRoles } from '../functions/domain/people.ts';
import { ensureTable, freePort, startDynamoDbLocal } from './dynamodb-local.ts';
import { startLocalApiGateway } from './api-gateway.ts';
import { tmfProductOrderPath } from '../functions/api/routes.ts';
import { lambdaContext } from './lambda-context.ts';
import { installInvocationScopes, runInvocation } from './lambda-invocation.ts';
import { LocalStepFunctions } from './stepfunctions/engine.ts';
import type { FinishedExecutionRetention, LocalLambdaHandler } from './stepfunctions/engine.ts';
import type { ApiThrottling } from '../functions/api/throttling.ts';
import { startStepFunctionsServer } from './stepfunctions/server.ts';
import { startSlaSweeper, sweepIntervalFor } from './sla-sweeper.ts';
import type { SlaSweeper } from './sla-sweeper.ts';
import { startStreamPoller } from './dynamodb-streams.ts';
import { startLocalEventBridge } from './eventbridge.ts';
import type { LocalEventBridge } from './eventbridge.ts';
import { orderEventsBusName } from '../functions/domain/order-notifications.ts';
import type { StreamHandler } from './dynamodb-streams.ts';
import { captureEmbeddedMetrics, LocalCloudWatch, startLocalCloudWatchServer } from './cloudwatch/local-cloudwatch.ts';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface LocalStackOptions {
  /** Persist DynamoDB here (and the business clock); in memory when absent. */
  readonly dataDir?: string | undefined;
  /** Use an already running DynamoDB Local instead of starting one (the test suite shares one JVM). */
  readonly dynamoEndpoint?: string | undefined;
  readonly tableName?: string | undefined;
  readonly ports?: 'random' | { api?: number; console?: number; stepFunctions?: number; simulator?: number; dynamodb?: number; identityProvider?: number; cloudWatch?: number; eventBridge?: number };
  /** Business time per real time: 1440 runs one day of SLA time per minute. */
  readonly timeScale?: number | undefined;
  readonly seedDemoData?: boolean | undefined;
  /** The provisioning-system simulator process; false to run without one (tests answer callbacks themselves). */
  readonly simulator?: false | { delayMs?: number; failureRate?: number } | undefined;
  readonly serveConsole?: boolean | undefined;
  readonly provisioningSecret?: string | undefined;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' | undefined;
  /** The API functions' timeout (default 30 s; deployed: 10 s); test runs on a busy machine give them longer. */
  readonly lambdaTimeoutMs?: number | undefined;
  readonly log?: ((line: string) => void) | undefined;
  /**
   * The SLA sweep timer: every business minute by default (60 s ÷ timeScale); `false` for no timer (tests call
   * `slaSweeper.runOnce()` themselves).
   */
  readonly slaSweep?: false | { readonly intervalMs?: number } | undefined;
  /** The sign-in stand-in's MFA setting, as the user pool's (deployed: ON); OPTIONAL when absent. */
  readonly mfa?: MfaConfiguration | undefined;
  /** The local API's throttle; default the deployed stage's (functions/api/throttling.ts); false for none. */
  readonly apiThrottle?: ApiThrottling | false | undefined;
  /** Finished workflow executions the engine keeps for DescribeExecution and GetExecutionHistory. */
  readonly executionRetention?: FinishedExecutionRetention | undefined;
  /**
   * The address every local service listens on: 127.0.0.1 (default, this machine only) or 0.0.0.0 (every interface,
   * e.g. to reach the stack from another machine; nothing here is authenticated as on AWS, so only on a trusted network).
   */
  readonly bindHost?: '127.0.0.1' | '0.0.0.0' | undefined;
}

export interface LocalStack {
  readonly apiUrl: string;
  readonly consoleUrl: string | undefined;
  readonly stepFunctionsUrl: string;
  readonly simulatorUrl: string | undefined;
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  readonly stateMachineArn: string;
  readonly engine: LocalStepFunctions;
  /** The handlers' metrics (EMF lines off stdout) and the SLA alarms evaluated over them; DescribeAlarms at cloudWatchUrl. */
  readonly cloudWatch: LocalCloudWatch;
  readonly cloudWatchUrl: string;
  /** Open orders whose workflow was resumed at start. */
  readonly resumedOrders: readonly string[];
  readonly provisioningSecret: string;
  /** The local Cognito stand-in: sign in with InitiateAuth at this endpoint. */
  readonly identityProviderUrl: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** An ID token for a demo person (password: the demo password). */
  signIn(username: string, password?: string): Promise<string>;
  /** The SLA sweep: runs on its timer unless `slaSweep: false`; `runOnce()` sweeps now. */
  readonly slaSweeper: SlaSweeper;
  /** Order notifications to hub subscribers: `drain()` dispatches what the stream holds now, `retryNow()` runs the retry sweep. */
  readonly orderEvents: { drain(): Promise<void>; retryNow(): Promise<number> };
  /** The PutEvents stand-in: what went onto the orders bus (`events`, or GET `${eventBridgeUrl}/events`). */
  readonly eventBridge: LocalEventBridge;
  readonly eventBridgeUrl: string;
  stop(): Promise<void>;
}

const region = 'us-east-1';
export const localFunctionArn = (name: string) => `arn:aws:lambda:${region}:000000000000:function:kamflow-${name}`;

async function port(requested: number | undefined): Promise<number> {
  return requested && requested > 0 ? requested : freePort();
}

async function startSimulatorProcess(settings: { port: number; host: string; delayMs: number; failureRate: number; secret: string }, log: (line: string) => void) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'local', 'provisioning-simulator.ts')], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      SIMULATOR_PORT: String(settings.port),
      SIMULATOR_DELAY_MS: String(settings.delayMs),
      SIMULATOR_FAILURE_RATE: String(settings.failureRate),
      SIMULATOR_HOST: settings.host,
      PROVISIONING_SHARED_SECRET: settings.secret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error('provisioning simulator did not start within 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`provisioning simulator exited with code ${code}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolveUrl((JSON.parse(line) as { url: string }).url);
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const requestedPorts = options.ports === 'random' || options.ports === undefined ? {} : options.ports;
  const tableName = options.tableName ?? 'kamflow';
  const timeScale = options.timeScale ?? 1;
  const provisioningSecret = options.provisioningSecret ?? process.env.PROVISIONING_SHARED_SECRET ?? 'kamflow-local-provisioning-secret';
  const stoppers: (() => Promise<void>)[] = [];
  const host = options.bindHost ?? '127.0.0.1';
  // Before any handler module loads: Powertools then keeps per-invocation state per invocation from the start.
  installInvocationScopes();
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };

  try {
    // 1. DynamoDB Local
    let dynamoEndpoint = options.dynamoEndpoint;
    if (!dynamoEndpoint) {
      const dynamo = await startDynamoDbLocal({ host, port: await port(requestedPorts.dynamodb), ...(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {}) });
      stoppers.push(dynamo.stop);
      dynamoEndpoint = dynamo.endpoint;
    }

    // 2. Ports and the environment the handlers read once at import (as Lambda's configuration would give them)
    const apiPort = await port(requestedPorts.api);
    const sfnPort = await port(requestedPorts.stepFunctions);
    const simulatorPort = options.simulator === false ? 0 : await port(requestedPorts.simulator);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const cloudWatch = new LocalCloudWatch();
    const restoreStdout = captureEmbeddedMetrics(process.stdout, cloudWatch);
    stoppers.push(async () => restoreStdout());
    const cloudWatchServer = await startLocalCloudWatchServer(cloudWatch, { host, port: await port(requestedPorts.cloudWatch) });
    stoppers.push(() => cloudWatchServer.close());
    const eventBridge = await startLocalEventBridge({ host, port: await port(requestedPorts.eventBridge), buses: [orderEventsBusName] });
    stoppers.push(() => eventBridge.close());
    const stateMachineName = 'kamflow-order-fulfilment';
    const stateMachineArn = `arn:aws:states:${region}:000000000000:stateMachine:${stateMachineName}`;
    const identityProvider = await startIdentityProvider({
      host,
      port: await port(requestedPorts.identityProvider),
      region,
      dataDir: options.dataDir,
      users: demoPeople.map((person) => ({ username: person.userId, password: demoPassword, groups: person.roles, name: person.displayName, email: `${person.userId}@kamflow.example` })),
      groups: userRoles,
      ...(options.mfa ? { mfa: options.mfa } : {}),
    });
    stoppers.push(identityProvider.close);
    const clock = anchorBusinessClock({ timeScale, dataDir: options.dataDir });
    stoppers.push(async () => clock.save());
    const clockSaver = setInterval(() => clock.save(), 5000);
    clockSaver.unref();
    stoppers.push(async () => clearInterval(clockSaver));
    Object.assign(process.env, {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamoEndpoint,
      SFN_ENDPOINT: `http://127.0.0.1:${sfnPort}`,
      CLOUDWATCH_ENDPOINT: cloudWatchServer.url,
      // Order events go onto the orders bus as on AWS, here the local PutEvents stand-in.
      EVENTBRIDGE_ENDPOINT: eventBridge.url,
      ORDER_EVENTS_BUS_NAME: orderEventsBusName,
      // Local listeners run on this machine; on AWS callbacks must reach public addresses.
      HUB_ALLOW_PRIVATE_CALLBACKS: process.env.HUB_ALLOW_PRIVATE_CALLBACKS ?? 'true',
      STATE_MACHINE_ARN: stateMachineArn,
      PUBLIC_API_URL: apiUrl,
      PROVISIONING_SHARED_SECRET: provisioningSecret,
      PROVISIONING_WEBHOOK_URL: options.simulator === false ? (process.env.PROVISIONING_WEBHOOK_URL ?? `http://127.0.0.1:${simulatorPort || 9}/activation-requests`) : `http://127.0.0.1:${simulatorPort}/activation-requests`,
      KAMFLOW_TIME_SCALE: String(timeScale),
      KAMFLOW_TIME_ORIGIN_REAL: String(clock.realOrigin),
      KAMFLOW_TIME_ORIGIN_VIRTUAL: String(clock.virtualOrigin),
      AUTH_ISSUER: identityProvider.issuer,
      AUTH_CLIENT_ID: identityProvider.clientId,
      // Administrators' user management: the same Cognito client, pointed at the local identity provider.
      USER_POOL_ID: identityProvider.userPoolId,
      COGNITO_ENDPOINT: identityProvider.endpoint,
      POWERTOOLS_SERVICE_NAME: 'kamflow',
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      POWERTOOLS_METRICS_NAMESPACE: 'KAMflow',
    });

    const fresh = (await ensureTable(new DynamoDBClient({ endpoint: dynamoEndpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), tableName)) === 'created';
    log(`DynamoDB Local at ${dynamoEndpoint}, table ${tableName} (${fresh ? 'created' : 'existing'})`);

    // 3. Step Functions: the one definition, its tasks mapped to the same handler modules CDK deploys
    const handlers = new Map<string, LocalLambdaHandler>();
    for (const task of workflowTaskFunctions) {
      const module = (await import(pathToFileURL(join(repositoryRoot, task.entry)).href)) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
      // The engine invokes each in its own scope, with the Lambda context it built (see local/lambda-invocation.ts).
      handlers.set(localFunctionArn(task.name), (event, context) => module.handler(event, context));
    }
    const engine = new LocalStepFunctions({
      definition: readFileSync(join(repositoryRoot, orderFulfilmentDefinitionPath), 'utf8'),
      // As CDK fills them: the partition (the local engine speaks `aws`), and one function ARN per task.
      definitionSubstitutions: {
        [partitionSubstitution]: 'aws',
        ...Object.fromEntries(workflowTaskFunctions.map((task) => [task.substitution, localFunctionArn(task.name)])),
      },
      stateMachineName,
      region,
      resolveLambda: (functionName) => handlers.get(functionName) ?? handlers.get(localFunctionArn(functionName.replace(/^kamflow-/, ''))),
      timeScale,
      ...(options.executionRetention ? { retention: options.executionRetention } : {}),
    });
    stoppers.push(() => engine.close());
    const sfnServer = await startStepFunctionsServer(engine, { host, port: sfnPort });
    stoppers.push(() => sfnServer.close());

    // 4. API Gateway
    const api = await startLocalApiGateway({ repositoryRoot, host, port: apiPort, ...(options.apiThrottle === undefined ? {} : { throttle: options.apiThrottle }), ...(options.lambdaTimeoutMs ? { lambdaTimeoutMs: options.lambdaTimeoutMs } : {}), onError: (error) => log(`handler crashed: ${error instanceof Error ? error.stack : String(error)}`) });
    stoppers.push(() => api.close());

    // 5. The provisioning-system simulator, a process of its own
    let simulatorUrl: string | undefined;
    if (options.simulator !== false) {
      const simulator = await startSimulatorProcess(
        { port: simulatorPort, host, delayMs: options.simulator?.delayMs ?? 2000, failureRate: options.simulator?.failureRate ?? 0, secret: provisioningSecret },
        log,
      );
      stoppers.push(simulator.stop);
      simulatorUrl = simulator.url;
    }

    // 6. Console
    let consoleUrl: string | undefined;
    const dist = consoleDistFolder(repositoryRoot);
    if (options.serveConsole !== false && existsSync(join(dist, 'index.html'))) {
      const consoleServer = await startConsoleServer({
        distFolder: dist,
        host,
        port: await port(requestedPorts.console),
        config: { apiUrl, auth: { region, userPoolId: identityProvider.userPoolId, clientId: identityProvider.clientId, endpoint: identityProvider.endpoint } },
      });
      stoppers.push(consoleServer.close);
      consoleUrl = consoleServer.url;
    }

    // 7. Inventory and demo data on a fresh table; resume open orders on an existing one
    const { seedInventory, seedPeople, hasPeople, resumeOpenOrders } = await import('./stack-data.ts');
    // People also when a first start stopped before it seeded them (the table exists, nobody can sign in to it).
    if (fresh || !(await hasPeople())) await seedPeople(demoPeople);
    if (fresh) await seedInventory(demoExchanges.map((exchange) => ({ exchange, resources: demoResourceIds(exchange) })));
    const resumedOrders = fresh ? [] : await resumeOpenOrders(log);
    const slaSweeper = await startSlaSweeper({
      repositoryRoot,
      intervalMs: options.slaSweep === false ? 0 : (options.slaSweep?.intervalMs ?? sweepIntervalFor(timeScale)),
      log,
    });
    stoppers.push(slaSweeper.stop);

    // 8. Order events to hub subscribers: the table's stream feeds the dispatcher (the event source mapping on AWS);
    //    the retry sweep runs every business minute (an EventBridge rule on AWS).
    const dispatcher = (await import(pathToFileURL(join(repositoryRoot, 'functions/handlers/events/dispatch-order-events.ts')).href)) as { handler: StreamHandler };
    const retrier = (await import(pathToFileURL(join(repositoryRoot, 'functions/handlers/scheduled/retry-hub-deliveries.ts')).href)) as { handler: (event: unknown, context: unknown) => Promise<{ retried: number }> };
    const streamPoller = await startStreamPoller({
      dynamo: new DynamoDBClient({ endpoint: dynamoEndpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      endpoint: dynamoEndpoint,
      region,
      tableName,
      handler: dispatcher.handler,
      functionName: 'kamflow-dispatch-order-events',
      dataDir: options.dataDir,
      onError: (error) => log(`order event dispatch failed: ${error instanceof Error ? error.message : String(error)}`),
      // The dead-letter queue's part on AWS: the position of a record given up after its retries.
      onRecordDropped: (dropped) => log(`order event stream record ${dropped.sequenceNumber} of ${dropped.shardId} given up after its retries`),
    });
    stoppers.push(streamPoller.stop);
    const retryNow = async () => (await runInvocation(lambdaContext('kamflow-retry-hub-deliveries'), (context) => retrier.handler({ source: 'kamflow.local', 'detail-type': 'Scheduled Event' }, context))).retried;
    const retryTimer = setInterval(() => {
      retryNow().catch((error: unknown) => log(`hub retry sweep failed: ${error instanceof Error ? error.message : String(error)}`));
    }, sweepIntervalFor(timeScale));
    retryTimer.unref();
    stoppers.push(async () => clearInterval(retryTimer));
    const signInAs = (username: string, password = demoPassword) => signIn(identityProvider.endpoint, identityProvider.clientId, username, password);
    if (fresh && options.seedDemoData) await seedDemoOrders(apiUrl, await signInAs('admin'), log, clock.now);

    return {
      apiUrl,
      consoleUrl,
      stepFunctionsUrl: sfnServer.url,
      simulatorUrl,
      dynamoEndpoint,
      tableName,
      stateMachineArn,
      engine,
      cloudWatch,
      cloudWatchUrl: cloudWatchServer.url,
      resumedOrders,
      provisioningSecret,
      identityProviderUrl: identityProvider.endpoint,
      userPoolId: identityProvider.userPoolId,
      clientId: identityProvider.clientId,
      signIn: signInAs,
      slaSweeper,
      orderEvents: { drain: () => streamPoller.drain(), retryNow },
      eventBridge,
      eventBridgeUrl: eventBridge.url,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Demo accounts and orders go in through the public API, so the orders run the real workflow. */
async function seedDemoOrders(apiUrl: string, token: string, log: (line: string) => void, businessNow: () => number): Promise<void> {
  const authorization = `Bearer ${token}`;
  const accountIds: string[] = [];
  for (const account of demoAccounts) {
    const response = await fetch(`${apiUrl}/api/accounts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(account) });
    if (!response.ok) throw new Error(`seeding account ${account.name} failed: ${response.status} ${await response.text()}`);
    accountIds.push(((await response.json()) as { id: string }).id);
  }
  const orders = [
    { account: 0, product: 'EPL' as const, bandwidth: '100M', aCity: '北京', zCity: '上海' },
    { account: 1, product: 'SDH' as const, bandwidth: '2M', aCity: '南京', zCity: '北京' },
    { account: 2, product: 'DIA' as const, bandwidth: '1G', aCity: '上海' },
    { account: 3, product: 'IP_VPN' as const, bandwidth: '100M', aCity: '广州', zCity: '深圳' },
    { account: 4, product: 'EPL' as const, bandwidth: '1G', aCity: '杭州', zCity: '拉萨' },
  ];
  for (const [index, order] of orders.entries()) {
    const accountId = accountIds[order.account];
    if (!accountId) continue;
    const body = demoOrder(accountId, { ...order, externalId: `DEMO-${index + 1}` }, businessNow());
    const response = await fetch(`${apiUrl}${tmfProductOrderPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, 'idempotency-key': `demo-order-${index + 1}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`seeding order ${index + 1} failed: ${response.status} ${await response.text()}`);
  }
  // 跨网一点受理: one accepting point, a parent order with a child order per circuit (Beijing–Shanghai, Beijing–Chengdu).
  const nationalAccount = accountIds[0];
  if (nationalAccount) {
    const first = demoOrder(nationalAccount, { product: 'EPL', bandwidth: '1G', aCity: '北京', zCity: '上海', externalId: 'DEMO-MULTI' }, businessNow());
    const second = demoOrder(nationalAccount, { product: 'EPL', bandwidth: '1G', aCity: '北京', zCity: '成都', externalId: 'DEMO-MULTI' }, businessNow());
    const body = { ...first, description: 'EPL 1G 北京 ⇄ 上海 / 北京 ⇄ 成都（跨网一点受理）', productOrderItem: [...first.productOrderItem.map((item) => ({ ...item, id: 'BJ-SH' })), ...second.productOrderItem.map((item) => ({ ...item, id: 'BJ-CD' }))] };
    const response = await fetch(`${apiUrl}${tmfProductOrderPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, 'idempotency-key': 'demo-order-multi-site' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`seeding the multi-site order failed: ${response.status} ${await response.text()}`);
  }
  log(`seeded ${accountIds.length} demo accounts, ${orders.length} demo orders and a multi-site order with two child orders`);
}
