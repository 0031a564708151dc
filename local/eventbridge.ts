/**
 * A local stand-in for EventBridge's PutEvents: it speaks the AWS JSON 1.1 protocol (`X-Amz-Target: AWSEvents.PutEvents`)
 * so handlers keep using `@aws-sdk/client-eventbridge` with only an endpoint change (EVENTBRIDGE_ENDPOINT), and it
 * records every accepted event so tests and developers can see what would have gone onto the bus
 * (`GET /events?bus=…&source=…&detailType=…`). Like EventBridge, a bad entry fails alone and is reported in
 * FailedEntryCount with an error code, while the request answers 200; an unknown bus is such a failure.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RecordedEvent {
  readonly id: string;
  readonly bus: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: unknown;
  readonly time: string;
  readonly resources: readonly string[];
}

export interface LocalEventBridge {
  readonly url: string;
  /** Accepted events, oldest first. */
  readonly events: readonly RecordedEvent[];
  close(): Promise<void>;
}

interface PutEventsEntry {
  readonly EventBusName?: unknown;
  readonly Source?: unknown;
  readonly DetailType?: unknown;
  readonly Detail?: unknown;
  readonly Time?: unknown;
  readonly Resources?: unknown;
}

type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

const maxEntries = 10;
const maxEntryBytes = 256 * 1024;
const keptEvents = 10_000;

function isoTime(value: unknown): string {
  // The SDK sends Time as epoch seconds in the JSON protocol; absent, EventBridge stamps the time of the call.
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  return new Date().toISOString();
}

function acceptEntry(entry: PutEventsEntry, buses: ReadonlySet<string>): { result: EntryResult; event?: RecordedEvent } {
  const fail = (ErrorCode: string, ErrorMessage: string) => ({ result: { ErrorCode, ErrorMessage } });
  const bus = typeof entry.EventBusName === 'string' && entry.EventBusName !== '' ? entry.EventBusName.replace(/^arn:aws:events:[^:]*:\d*:event-bus\//, '') : 'default';
  if (!buses.has(bus)) return fail('ResourceNotFoundException', `Event bus ${bus} does not exist.`);
  if (typeof entry.Source !== 'string' || entry.Source === '') return fail('InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.');
  if (entry.Source.startsWith('aws.')) return fail('NotAuthorizedForSourceException', `Not authorized for the source ${entry.Source}.`);
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') return fail('InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.');
  if (typeof entry.Detail !== 'string') return fail('InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.');
  if (Buffer.byteLength(JSON.stringify(entry), 'utf8') > maxEntryBytes) return fail('InvalidArgument', 'Total size of the entry exceeds the limit of 256 KB.');
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return fail('MalformedDetail', 'Detail is malformed.');
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return fail('MalformedDetail', 'Detail is malformed.');
  const resources = Array.isArray(entry.Resources) ? entry.Resources.filter((resource): resource is string => typeof resource === 'string') : [];
  const id = randomUUID();
  return { result: { EventId: id }, event: { id, bus, source: entry.Source, detailType: entry.DetailType, detail, time: isoTime(entry.Time), resources } };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function reply(response: ServerResponse, status: number, body: unknown, contentType = 'application/x-amz-json-1.1'): void {
  response.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': randomUUID() });
  response.end(JSON.stringify(body));
}

export async function startLocalEventBridge(options: { port: number; host?: string; buses: readonly string[] }): Promise<LocalEventBridge> {
  const buses = new Set(['default', ...options.buses]);
  const events: RecordedEvent[] = [];
  const host = options.host ?? '127.0.0.1';

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (request.method === 'GET' && url.pathname === '/events') {
      const wanted = (event: RecordedEvent) =>
        [['bus', event.bus], ['source', event.source], ['detailType', event.detailType]].every(([name, value]) => !url.searchParams.has(name ?? '') || url.searchParams.get(name ?? '') === value);
      reply(response, 200, { items: events.filter(wanted) }, 'application/json');
      return;
    }
    const target = request.headers['x-amz-target'];
    if (request.method !== 'POST' || typeof target !== 'string') {
      reply(response, 404, { message: 'not found' }, 'application/json');
      return;
    }
    if (target !== 'AWSEvents.PutEvents') {
      reply(response, 400, { __type: 'UnknownOperationException', message: `${target} is not supported by the local EventBridge` });
      return;
    }
    let input: { Entries?: unknown };
    try {
      input = (await readJson(request)) as { Entries?: unknown };
    } catch {
      reply(response, 400, { __type: 'SerializationException', message: 'request body is not JSON' });
      return;
    }
    const entries = Array.isArray(input.Entries) ? (input.Entries as PutEventsEntry[]) : [];
    if (entries.length < 1 || entries.length > maxEntries) {
      reply(response, 400, { __type: 'ValidationException', message: `Entries must hold 1 to ${maxEntries} entries` });
      return;
    }
    const results = entries.map((entry) => acceptEntry(entry, buses));
    for (const { event } of results) if (event) events.push(event);
    if (events.length > keptEvents) events.splice(0, events.length - keptEvents);
    reply(response, 200, { FailedEntryCount: results.filter(({ event }) => !event).length, Entries: results.map(({ result }) => result) });
  });
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
