/**
 * The local stand-in for a Lambda event source mapping on a DynamoDB stream (local/dynamodb-streams.ts), against the
 * run's DynamoDB Local: the event it hands the handler has Lambda's shape, partial batch failures are read again from
 * the first failed record, a record that keeps failing is given up after the retries, and a restart continues after
 * the last record handled instead of delivering everything again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DeleteItemCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { ensureTable } from '../../local/dynamodb-local.ts';
import { startStreamPoller } from '../../local/dynamodb-streams.ts';
import type { LocalStreamPoller } from '../../local/dynamodb-streams.ts';

const region = 'us-east-1';
let dynamo: DynamoDBClient;
let endpoint: string;
const tables: string[] = [];
const pollers: LocalStreamPoller[] = [];
const folders: string[] = [];

beforeAll(() => {
  endpoint = inject('dynamoEndpoint');
  dynamo = new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(async () => {
  for (const poller of pollers) await poller.stop();
  for (const table of tables) await dynamo.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function newTable(): Promise<string> {
  const name = `kamflow-streams-${randomUUID().slice(0, 8)}`;
  await ensureTable(dynamo, name);
  tables.push(name);
  return name;
}

const put = (table: string, id: string, extra: Record<string, { S: string }> = {}) =>
  dynamo.send(new PutItemCommand({ TableName: table, Item: { pk: { S: id }, sk: { S: '#' }, payload: { S: `value of ${id}` }, ...extra } }));

/** A handler that records what it was given and can fail chosen records (by pk) a number of times. */
function recordingHandler(failures: Map<string, number> = new Map()) {
  const batches: DynamoDBRecord[][] = [];
  const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    batches.push(event.Records);
    for (const record of event.Records) {
      const id = record.dynamodb?.Keys?.['pk']?.S ?? '';
      const left = failures.get(id) ?? 0;
      if (left > 0) {
        failures.set(id, left - 1);
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
  const seenIds = () => batches.flat().map((record) => record.dynamodb?.Keys?.['pk']?.S);
  return { handler, batches, seenIds };
}

async function poll(table: string, handler: Parameters<typeof startStreamPoller>[0]['handler'], extra: Partial<Parameters<typeof startStreamPoller>[0]> = {}) {
  const poller = await startStreamPoller({ dynamo, endpoint, region, tableName: table, handler, functionName: 'test-stream-consumer', intervalMs: 60_000, ...extra });
  pollers.push(poller);
  return poller;
}

describe('local DynamoDB stream event source', () => {
  it('hands the handler the event Lambda builds: names, images in attribute-value form, stream ARN, sequence numbers', async () => {
    const table = await newTable();
    const recorder = recordingHandler();
    const poller = await poll(table, recorder.handler);
    await put(table, 'a');
    await dynamo.send(new UpdateItemCommand({ TableName: table, Key: { pk: { S: 'a' }, sk: { S: '#' } }, UpdateExpression: 'SET payload = :p', ExpressionAttributeValues: { ':p': { S: 'changed' } } }));
    await dynamo.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'a' }, sk: { S: '#' } } }));
    await poller.drain();

    const records = recorder.batches.flat();
    expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const streamArn = (await dynamo.send(new DescribeTableCommand({ TableName: table }))).Table?.LatestStreamArn;
    const [inserted, modified, removed] = records;
    expect(inserted).toMatchObject({ eventSource: 'aws:dynamodb', awsRegion: region, eventSourceARN: streamArn, eventID: expect.any(String) });
    expect(inserted?.dynamodb).toMatchObject({
      Keys: { pk: { S: 'a' }, sk: { S: '#' } },
      NewImage: { pk: { S: 'a' }, sk: { S: '#' }, payload: { S: 'value of a' } },
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      SequenceNumber: expect.stringMatching(/^\d+$/),
      ApproximateCreationDateTime: expect.any(Number),
    });
    expect(inserted?.dynamodb?.OldImage).toBeUndefined();
    expect(modified?.dynamodb).toMatchObject({ OldImage: { payload: { S: 'value of a' } }, NewImage: { payload: { S: 'changed' } } });
    expect(removed?.dynamodb?.NewImage).toBeUndefined();
    const sequence = records.map((record) => BigInt(record.dynamodb?.SequenceNumber ?? '0'));
    expect([...sequence].sort((x, y) => (x < y ? -1 : 1))).toEqual(sequence);
  });

  it('reads a batch again from the first record reported failed, never from before it', async () => {
    const table = await newTable();
    const recorder = recordingHandler(new Map([['r2', 1]]));
    for (const id of ['r1', 'r2', 'r3']) await put(table, id);
    const poller = await poll(table, recorder.handler);
    await poller.drain();
    expect(recorder.batches.map((batch) => batch.map((record) => record.dynamodb?.Keys?.['pk']?.S))).toEqual([
      ['r1', 'r2', 'r3'],
      ['r2', 'r3'],
    ]);
  });

  it('gives a record that keeps failing up after the retries, reports it, and goes on with the shard', async () => {
    const table = await newTable();
    const recorder = recordingHandler(new Map([['poison', 1_000]]));
    const dropped: string[] = [];
    await put(table, 'before');
    await put(table, 'poison');
    await put(table, 'after');
    const poller = await poll(table, recorder.handler, { maxRetryAttempts: 3, onRecordDropped: ({ sequenceNumber }) => dropped.push(sequenceNumber) });
    await poller.drain();
    const ids = recorder.seenIds();
    expect(ids.filter((id) => id === 'poison')).toHaveLength(4);
    expect(ids.filter((id) => id === 'before')).toHaveLength(1);
    expect(ids.at(-1)).toBe('after');
    expect(dropped).toHaveLength(1);
  });

  it('continues after the last record handled when started again on the same data folder', async () => {
    const table = await newTable();
    const dataDir = mkdtempSync(join(tmpdir(), 'kamflow-streams-'));
    folders.push(dataDir);
    const first = recordingHandler();
    const before = await poll(table, first.handler, { dataDir });
    for (const id of ['one', 'two', 'three']) await put(table, id);
    await before.drain();
    await before.stop();
    expect(first.seenIds()).toEqual(['one', 'two', 'three']);

    await put(table, 'four');
    const second = recordingHandler();
    const after = await poll(table, second.handler, { dataDir });
    await after.drain();
    expect(second.seenIds()).toEqual(['four']);

    // without the checkpoint the stream is read from its start again
    const fresh = recordingHandler();
    const forgetful = await poll(table, fresh.handler);
    await forgetful.drain();
    expect(fresh.seenIds()).toEqual(['one', 'two', 'three', 'four']);
  });
});
