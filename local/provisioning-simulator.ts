/**
 * A provisioning-system simulator, run as its own process. It receives activation requests the way a real
 * provisioning system would (a signed HTTP webhook), then answers through KAMflow's public callback API, signed with
 * the shared secret: a progress report, then completion with a circuit id and test report, or a failure.
 *
 * Settings (environment): SIMULATOR_PORT (0 = any), SIMULATOR_DELAY_MS (time to completion, default 2000),
 * SIMULATOR_FAILURE_RATE (0..1, default 0), PROVISIONING_SHARED_SECRET, SIMULATOR_SYSTEM_ID, SIMULATOR_HOST (the address
 * to listen on, default 127.0.0.1).
 * GET /requests lists what it received (for tests and demos); GET /health answers ok.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomInt } from 'node:crypto';
import { activationRequestSchema } from '../functions/api/schemas/provisioning.ts';
import type { ActivationRequest } from '../functions/api/schemas/provisioning.ts';
import { newNonce, signRequest, signatureHeaders, verifySignature } from '../functions/domain/request-signature.ts';

export interface SimulatorSettings {
  readonly port: number;
  readonly delayMs: number;
  readonly failureRate: number;
  readonly secret: string;
  readonly systemId: string;
}

interface ReceivedRequest {
  readonly request: ActivationRequest;
  receivedAt: string;
  outcome?: 'COMPLETED' | 'FAILED';
  answeredAt?: string;
  deliveries: number;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function postSigned(url: string, body: unknown, settings: SimulatorSettings): Promise<number> {
  const text = JSON.stringify(body);
  const target = new URL(url);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = newNonce();
  const signature = signRequest({ method: 'POST', path: target.pathname, systemId: settings.systemId, timestamp, nonce, body: text }, settings.secret);
  const response = await fetch(target, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [signatureHeaders.systemId]: settings.systemId,
      [signatureHeaders.timestamp]: timestamp,
      [signatureHeaders.nonce]: nonce,
      [signatureHeaders.signature]: signature,
    },
    body: text,
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Deliver a callback, retrying with backoff while KAMflow is unreachable or answers 5xx; 4xx is final. */
async function deliver(url: string, body: unknown, settings: SimulatorSettings, log: (line: string) => void): Promise<void> {
  for (let attempt = 1; attempt <= 8; attempt += 1) {
    try {
      const status = await postSigned(url, body, settings);
      if (status < 500) {
        if (status >= 400) log(`callback answered ${status}`);
        return;
      }
    } catch {
      // unreachable: retry
    }
    await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 5000)));
  }
  log('callback abandoned after 8 attempts');
}

export function startProvisioningSimulator(settings: SimulatorSettings, log: (line: string) => void = () => undefined) {
  const received = new Map<string, ReceivedRequest>();

  /** Progress first, then the outcome: a real system reports in order, so the simulator waits for each delivery. */
  const answer = (entry: ReceivedRequest) => {
    const { request } = entry;
    const fails = entry.outcome ? entry.outcome === 'FAILED' : Math.random() < settings.failureRate;
    entry.outcome = fails ? 'FAILED' : 'COMPLETED';
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    void (async () => {
      await pause(Math.floor(settings.delayMs / 2));
      await deliver(request.callbackUrl, { eventId: `${request.activationRequestId}.progress`, status: 'PROGRESS', message: 'design done, dispatched to field operations', percent: 50 }, settings, log);
      await pause(Math.ceil(settings.delayMs / 2));
      const body = fails
        ? { eventId: `${request.activationRequestId}.failed`, status: 'FAILED', reason: 'CPE configuration rejected by the network element' }
        : {
            eventId: `${request.activationRequestId}.completed`,
            status: 'COMPLETED',
            circuitId: `CIR-${request.product}-${request.orderId.slice(-10)}`,
            testReport: { passed: true, measuredBandwidth: request.bandwidth, latencyMs: randomInt(2, 30), packetLossPercent: 0, notes: 'RFC 2544 throughput and latency test passed' },
          };
      entry.answeredAt = new Date().toISOString();
      entry.deliveries += 1;
      await deliver(request.callbackUrl, body, settings, log);
    })();
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    if (request.method === 'GET' && url.pathname === '/health') return reply(response, 200, { status: 'ok' });
    if (request.method === 'GET' && url.pathname === '/requests') return reply(response, 200, { items: [...received.values()] });
    if (request.method !== 'POST' || url.pathname !== '/activation-requests') return reply(response, 404, { message: 'not found' });

    const body = await readBody(request);
    const signature = String(request.headers[signatureHeaders.signature] ?? '');
    const timestamp = String(request.headers[signatureHeaders.timestamp] ?? '');
    const nonce = String(request.headers[signatureHeaders.nonce] ?? '');
    const systemId = String(request.headers[signatureHeaders.systemId] ?? '');
    const verdict = verifySignature({ method: 'POST', path: url.pathname, systemId, timestamp, nonce, body }, signature, settings.secret, Math.floor(Date.now() / 1000));
    if (!verdict.valid) return reply(response, 401, { message: verdict.reason });
    let parsed: ActivationRequest;
    try {
      parsed = activationRequestSchema.parse(JSON.parse(body));
    } catch {
      return reply(response, 400, { message: 'not an activation request' });
    }
    const known = received.get(parsed.activationRequestId);
    if (known) {
      // The same request again (KAMflow resumed after a restart): answer it again, with the same outcome.
      answer(known);
      return reply(response, 202, { activationRequestId: parsed.activationRequestId, duplicate: true });
    }
    const entry: ReceivedRequest = { request: parsed, receivedAt: new Date().toISOString(), deliveries: 0 };
    received.set(parsed.activationRequestId, entry);
    answer(entry);
    return reply(response, 202, { activationRequestId: parsed.activationRequestId, duplicate: false });
  });

  return new Promise<{ url: string; close(): Promise<void> }>((resolveStart) => {
    server.listen(settings.port, process.env.SIMULATOR_HOST ?? '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : settings.port;
      resolveStart({ url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) });
    });
  });
}

function settingsFromEnvironment(): SimulatorSettings {
  const secret = process.env.PROVISIONING_SHARED_SECRET;
  if (!secret) throw new Error('PROVISIONING_SHARED_SECRET is required');
  const failureRate = Number(process.env.SIMULATOR_FAILURE_RATE ?? '0');
  const delayMs = Number(process.env.SIMULATOR_DELAY_MS ?? '2000');
  if (!(failureRate >= 0 && failureRate <= 1)) throw new Error('SIMULATOR_FAILURE_RATE must be between 0 and 1');
  if (!(delayMs >= 0)) throw new Error('SIMULATOR_DELAY_MS must be a number of milliseconds');
  return { port: Number(process.env.SIMULATOR_PORT ?? '0'), delayMs, failureRate, secret, systemId: process.env.SIMULATOR_SYSTEM_ID ?? 'provisioning-simulator' };
}

// Run as a process: print the URL as the first line of stdout so the parent knows where it listens.
if (import.meta.url === `file://${process.argv[1]}`) {
  const simulator = await startProvisioningSimulator(settingsFromEnvironment(), (line) => process.stderr.write(`[simulator] ${line}\n`));
  process.stdout.write(`${JSON.stringify({ url: simulator.url })}\n`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}
