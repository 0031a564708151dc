/** The local PutEvents stand-in (local/eventbridge.ts) through the real SDK client, as the handlers use it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBridgeClient, ListRulesCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { startLocalEventBridge } from '../../local/eventbridge.ts';
import type { LocalEventBridge } from '../../local/eventbridge.ts';

let bridge: LocalEventBridge;
let client: EventBridgeClient;

beforeAll(async () => {
  bridge = await startLocalEventBridge({ port: 0, buses: ['kamflow-orders'] });
  client = new EventBridgeClient({ endpoint: bridge.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(async () => {
  client?.destroy();
  await bridge?.close();
});

describe('local EventBridge', () => {
  it('records accepted events with bus, source, detail-type, parsed detail and time', async () => {
    const time = new Date('2026-11-26T08:00:00.000Z');
    const result = await client.send(
      new PutEventsCommand({ Entries: [{ EventBusName: 'kamflow-orders', Source: 'kamflow.orders', DetailType: 'ProductOrderCreateEvent', Detail: JSON.stringify({ eventId: 'e1' }), Time: time, Resources: ['/x'] }] }),
    );
    expect(result.FailedEntryCount).toBe(0);
    const id = result.Entries?.[0]?.EventId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(bridge.events.find((event) => event.id === id)).toEqual({ id, bus: 'kamflow-orders', source: 'kamflow.orders', detailType: 'ProductOrderCreateEvent', detail: { eventId: 'e1' }, time: time.toISOString(), resources: ['/x'] });
    const listed = (await (await fetch(`${bridge.url}/events?bus=kamflow-orders&detailType=ProductOrderCreateEvent`)).json()) as { items: { id: string }[] };
    expect(listed.items.map((event) => event.id)).toContain(id);
  });

  it('fails bad entries one by one, as EventBridge does, and keeps the good ones', async () => {
    const before = bridge.events.length;
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'no-such-bus', Source: 'kamflow.orders', DetailType: 'X', Detail: '{}' },
          { EventBusName: 'kamflow-orders', Source: 'kamflow.orders', DetailType: 'X', Detail: 'not json' },
          { EventBusName: 'kamflow-orders', Source: 'kamflow.orders', DetailType: 'X', Detail: '[1]' },
          { EventBusName: 'kamflow-orders', Source: 'aws.ec2', DetailType: 'X', Detail: '{}' },
          { EventBusName: 'arn:aws:events:us-east-1:000000000000:event-bus/kamflow-orders', Source: 'kamflow.orders', DetailType: 'Y', Detail: '{"ok":true}' },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(4);
    expect(result.Entries?.map((entry) => entry.ErrorCode ?? 'OK')).toEqual(['ResourceNotFoundException', 'MalformedDetail', 'MalformedDetail', 'NotAuthorizedForSourceException', 'OK']);
    expect(bridge.events.length).toBe(before + 1);
    expect(bridge.events.at(-1)).toMatchObject({ bus: 'kamflow-orders', detailType: 'Y', detail: { ok: true } });
  });

  it('refuses a request without entries and operations it does not offer', async () => {
    await expect(client.send(new PutEventsCommand({ Entries: [] }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(client.send(new ListRulesCommand({}))).rejects.toMatchObject({ name: 'UnknownOperationException' });
  });
});
