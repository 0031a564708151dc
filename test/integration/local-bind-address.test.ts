/** Every local service listens on the loopback only: nothing here is authenticated as it is on AWS. */
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import type { DynamoDbLocal } from '../../local/dynamodb-local.ts';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';

let stack: LocalStack;
let dynamo: DynamoDbLocal;

beforeAll(async () => {
  // Its own DynamoDB Local (the run's shared one is started by the global setup the same way), and the simulator.
  dynamo = await startDynamoDbLocal({});
  stack = await startTestStack({ dynamoEndpoint: dynamo.endpoint, slaSweep: false });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await dynamo?.stop();
});

/** The local addresses the kernel reports for listening TCP sockets on `port` (`ss -ltnH`). */
function listeningAddresses(port: number): string[] {
  const table = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[3])
    .filter((local): local is string => local !== undefined && local !== '')
    .map((local) => local.slice(0, local.lastIndexOf(':')));
}

const loopbackAddresses = new Set(['127.0.0.1', '[::ffff:127.0.0.1]', '[::1]']);

const nonLoopbackIPv4 = Object.values(networkInterfaces())
  .flat()
  .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
  .map((address) => address?.address ?? '');

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('the local services', () => {
  it('listen on 127.0.0.1 only, DynamoDB Local included', async () => {
    const services = {
      dynamodb: dynamo.endpoint,
      api: stack.apiUrl,
      stepFunctions: stack.stepFunctionsUrl,
      cloudWatch: stack.cloudWatchUrl,
      eventBridge: stack.eventBridgeUrl,
      identityProvider: stack.identityProviderUrl,
      simulator: stack.simulatorUrl ?? '',
    };
    for (const [service, url] of Object.entries(services)) {
      const port = Number(new URL(url).port);
      const addresses = listeningAddresses(port);
      expect(addresses.length, `${service} listens on port ${port}`).toBeGreaterThan(0);
      for (const address of addresses) expect(loopbackAddresses.has(address), `${service} listens on ${address}:${port}`).toBe(true);
      expect(await connects('127.0.0.1', port), `${service} answers on the loopback`).toBe(true);
      for (const address of nonLoopbackIPv4) expect(await connects(address, port), `${service} refuses ${address}:${port}`).toBe(false);
    }
  });
});
