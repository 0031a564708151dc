/**
 * Restart safety: the local engine keeps executions in memory, so killing `npm start` mid-flight loses them. After a
 * restart on the same data folder, every open order must continue from its recorded stage: none lost, none
 * duplicated (one order, one billing record, one reservation set per order).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.ts';
import { signIn } from '../../local/identity-provider.ts';
import { call, useToken, createAccount, getOrder, inState, orderRequest, ordersPath, stage, submitOrder, waitForOrder } from '../support/api-client.ts';
import type { ProductOrder } from '../support/api-client.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'kamflow-restart-'));
let running: ChildProcess | undefined;

async function startProduct(ports: Record<string, number>, simulatorDelayMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    env: {
      ...process.env,
      KAMFLOW_DATA_DIR: dataDir,
      KAMFLOW_API_PORT: String(ports.api),
      KAMFLOW_CONSOLE_PORT: String(ports.console),
      KAMFLOW_STEPFUNCTIONS_PORT: String(ports.sfn),
      KAMFLOW_SIMULATOR_PORT: String(ports.simulator),
      KAMFLOW_DYNAMODB_PORT: String(ports.dynamodb),
      KAMFLOW_IDP_PORT: String(ports.idp),
      KAMFLOW_SEED_DEMO_DATA: 'false',
      KAMFLOW_BUILD_CONSOLE: 'false',
      KAMFLOW_TIME_SCALE: '1',
      SIMULATOR_DELAY_MS: String(simulatorDelayMs),
      // The test polls six orders at once, faster than the deployed throttle lets one client (see test/support/local-stack.ts).
      KAMFLOW_API_RATE_LIMIT: '100000',
      KAMFLOW_API_BURST_LIMIT: '100000',
    },
    // Its own process group, so a kill takes DynamoDB Local and the simulator down with it, like a machine crash.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 90_000);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    lines.on('line', (line) => {
      output += `${line}\n`;
      if (line.includes('KAMflow is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return child;
}

function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => setTimeout(resolve, 500));
    process.kill(-child.pid!, signal);
  });
}

afterAll(async () => {
  await killGroup(running, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('killing the local stack mid-flight and starting it again', () => {
  it('resumes every open order from its recorded stage, losing and duplicating none', async () => {
    const ports = { api: await freePort(), console: await freePort(), sfn: await freePort(), simulator: await freePort(), dynamodb: await freePort(), idp: await freePort() };
    const apiUrl = `http://127.0.0.1:${ports.api}`;

    // First run: a slow provisioning system, so orders are caught waiting for activation.
    running = await startProduct(ports, 60_000);
    const signInAdmin = async () => useToken(await signIn(`http://127.0.0.1:${ports.idp}/`, 'kamflowlocalconsoleclient', 'admin', 'Kamflow!2026'));
    await signInAdmin();
    const account = await createAccount(apiUrl);
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) ids.push((await submitOrder(apiUrl, orderRequest(account.id, { aCity: i % 2 ? '北京' : '广州', zCity: i % 2 ? '上海' : '深圳' }))).id);
    for (const id of ids) await waitForOrder(apiUrl, id, (o) => o.kamflowState === 'PROVISIONING' && stage(o, 'ACTIVATION').status === 'WAITING');
    const before = await Promise.all(ids.map((id) => getOrder(apiUrl, id)));
    await killGroup(running, 'SIGKILL');

    // Second run: a fast provisioning system; nothing but the data folder survived.
    running = await startProduct(ports, 100);
    const provisioned = await Promise.all(ids.map((id) => waitForOrder(apiUrl, id, inState('PENDING_ACCEPTANCE'), 60_000)));
    for (const order of provisioned) {
      const previous = before.find((o) => o.id === order.id) as ProductOrder;
      // resumed at activation: same attempt, same reserved exchanges, resources confirmed once
      expect(stage(order, 'ACTIVATION').attempts).toBe(1);
      expect(stage(order, 'RESOURCE_CONFIRMATION').attempts).toBe(1);
      expect(order.productOrderItem[0]?.product.place).toEqual(previous.productOrderItem[0]?.product.place);
    }
    for (const id of ids) expect((await call(apiUrl, 'POST', `/api/orders/${id}/acceptance`, { decision: 'ACCEPTED' })).status).toBe(202);
    const closed = await Promise.all(ids.map((id) => waitForOrder(apiUrl, id, inState('CLOSED'), 60_000)));
    for (const order of closed) expect(order.billing).toBeDefined();

    const listed = await call<{ id: string }[]>(apiUrl, 'GET', `${ordersPath}?accountId=${account.id}&limit=100`);
    expect(listed.body.map((o) => o.id).sort()).toEqual([...ids].sort());

    // A graceful stop and start finds nothing left to resume.
    await killGroup(running, 'SIGTERM');
    running = await startProduct(ports, 100);
    expect((await getOrder(apiUrl, ids[0]!)).kamflowState).toBe('CLOSED');
  }, 240_000);
});
