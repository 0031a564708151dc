/**
 * `npm start`: the whole product on this machine with the embedded defaults and demo data.
 * Settings are environment variables (see README.md): ports, data folder, time scale, simulator behaviour.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JavaMissingError } from './dynamodb-local.ts';
import { repositoryRoot, startLocalStack } from './stack.ts';
import type { MfaConfiguration } from './identity-provider.ts';
import { DEFAULT_MAX_FINISHED_AGE_SECONDS, DEFAULT_MAX_FINISHED_EXECUTIONS } from './stepfunctions/engine.ts';
import { apiThrottling } from '../functions/api/throttling.ts';

function numberSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a non-negative number, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

function newestMtime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildConsoleIfStale(): void {
  const index = join(repositoryRoot, 'admin-ui', 'dist', 'index.html');
  const sources = join(repositoryRoot, 'admin-ui', 'src');
  if (existsSync(index) && existsSync(sources) && statSync(index).mtimeMs >= newestMtime(sources)) return;
  console.log('Building the console (admin-ui) …');
  const build = spawnSync('npm', ['run', '--silent', 'build:ui'], { cwd: repositoryRoot, stdio: 'inherit' });
  if (build.status !== 0) console.error('The console build failed; the API still starts.');
}

/** KAMFLOW_MFA: `required` asks everyone for an authenticator at sign-in, as the deployed pool does. */
function mfaSetting(value: string | undefined): MfaConfiguration {
  const settings: Record<string, MfaConfiguration> = { required: 'ON', optional: 'OPTIONAL', off: 'OFF' };
  const setting = settings[(value ?? 'optional').toLowerCase()];
  if (!setting) throw new Error(`KAMFLOW_MFA must be required, optional or off, not "${value}"`);
  return setting;
}

function bindHostSetting(): '127.0.0.1' | '0.0.0.0' {
  const raw = process.env.KAMFLOW_BIND_HOST ?? '127.0.0.1';
  if (raw === '127.0.0.1' || raw === '0.0.0.0') return raw;
  console.error(`KAMFLOW_BIND_HOST must be 127.0.0.1 (this machine only) or 0.0.0.0 (every interface), got "${raw}"`);
  process.exit(2);
}

const dataDir = resolve(process.env.KAMFLOW_DATA_DIR ?? join(repositoryRoot, '.kamflow-data'));

try {
  if (process.env.KAMFLOW_BUILD_CONSOLE !== 'false') buildConsoleIfStale();
  const stack = await startLocalStack({
    dataDir,
    ports: {
      api: numberSetting('KAMFLOW_API_PORT', 3000),
      console: numberSetting('KAMFLOW_CONSOLE_PORT', 3001),
      stepFunctions: numberSetting('KAMFLOW_STEPFUNCTIONS_PORT', 8083),
      simulator: numberSetting('KAMFLOW_SIMULATOR_PORT', 8090),
      dynamodb: numberSetting('KAMFLOW_DYNAMODB_PORT', 8000),
      identityProvider: numberSetting('KAMFLOW_IDP_PORT', 9229),
      cloudWatch: numberSetting('KAMFLOW_CLOUDWATCH_PORT', 4582),
      eventBridge: numberSetting('KAMFLOW_EVENTBRIDGE_PORT', 4010),
    },
    timeScale: numberSetting('KAMFLOW_TIME_SCALE', 60),
    seedDemoData: process.env.KAMFLOW_SEED_DEMO_DATA !== 'false',
    simulator: { delayMs: numberSetting('SIMULATOR_DELAY_MS', 5000), failureRate: numberSetting('SIMULATOR_FAILURE_RATE', 0) },
    logLevel: (process.env.POWERTOOLS_LOG_LEVEL as 'INFO' | undefined) ?? 'WARN',
    mfa: mfaSetting(process.env.KAMFLOW_MFA),
    apiThrottle: process.env.KAMFLOW_API_THROTTLE === 'off' ? false : { rateLimit: numberSetting('KAMFLOW_API_RATE_LIMIT', apiThrottling.rateLimit), burstLimit: numberSetting('KAMFLOW_API_BURST_LIMIT', apiThrottling.burstLimit) },
    executionRetention: {
      maxFinishedExecutions: numberSetting('KAMFLOW_RETAIN_FINISHED_EXECUTIONS', DEFAULT_MAX_FINISHED_EXECUTIONS),
      maxFinishedAgeSeconds: numberSetting('KAMFLOW_RETAIN_FINISHED_DAYS', DEFAULT_MAX_FINISHED_AGE_SECONDS / 86_400) * 86_400,
    },
    bindHost: bindHostSetting(),
    log: (line) => console.log(`[kamflow] ${line}`),
  });
  console.log(`
KAMflow is running (data in ${dataDir}, business time ×${process.env.KAMFLOW_TIME_SCALE ?? 60})
  Console         ${stack.consoleUrl ?? '(not built: npm run build:ui)'}
  API             ${stack.apiUrl}   (OpenAPI: ${stack.apiUrl}/openapi.json)
  Step Functions  ${stack.stepFunctionsUrl}
  CloudWatch      ${stack.cloudWatchUrl}   (SLA alarms evaluated locally: DescribeAlarms)
  EventBridge     ${stack.eventBridgeUrl}   (PutEvents stand-in: GET /events lists the orders bus)
  DynamoDB Local  ${stack.dynamoEndpoint}
  Simulator       ${stack.simulatorUrl ?? '(off)'}
  Sign-in (Cognito stand-in) ${stack.identityProviderUrl}  — demo users in README.md, password ${process.env.KAMFLOW_DEMO_PASSWORD ?? 'Kamflow!2026'}
Press Ctrl+C to stop; open orders resume from their recorded stage on the next start.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping …');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  if (error instanceof JavaMissingError) {
    console.error(error.message);
    process.exit(3);
  }
  console.error(error);
  process.exit(1);
}
