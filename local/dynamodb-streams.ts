/**
 * A local stand-in for the Lambda event source mapping on the table's stream: it reads DynamoDB Local's Streams API
 * (DescribeStream, GetShardIterator, GetRecords) and invokes a stream handler module with the same
 * `DynamoDBStreamEvent` Lambda would pass, honouring `batchItemFailures` (the batch is read again from the first
 * failed record). Like the mapping's `retryAttempts` and on-failure destination, a record that keeps failing is
 * given up after `maxRetryAttempts` retries and handed to `onRecordDropped` (the dead-letter queue on AWS), so one
 * poison record does not stop its shard. Where it got to in each shard is kept in the data folder, so a restart does
 * not start over.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, ExpiredIteratorException, TrimmedDataAccessException } from '@aws-sdk/client-dynamodb-streams';
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { lambdaContext } from './lambda-context.ts';
import { runInvocation } from './lambda-invocation.ts';

export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;

export interface LocalStreamPoller {
  /** Reads every shard until it is caught up (tests use it to wait for delivery). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

interface Options {
  readonly dynamo: DynamoDBClient;
  readonly endpoint: string;
  readonly region: string;
  readonly tableName: string;
  readonly handler: StreamHandler;
  readonly functionName: string;
  readonly dataDir?: string | undefined;
  readonly intervalMs?: number;
  readonly batchSize?: number;
  /** Retries of a failing record before it is given up (the event source mapping's MaximumRetryAttempts). */
  readonly maxRetryAttempts?: number;
  /** A record given up after its retries, with the stream position (what the on-failure destination receives). */
  readonly onRecordDropped?: (dropped: { shardId: string; sequenceNumber: string; streamArn: string }) => void;
  readonly onError?: (error: unknown) => void;
}

/** The event record Lambda builds from a stream record. */
function toLambdaRecord(record: StreamRecord, streamArn: string, region: string): DynamoDBRecord {
  return {
    eventID: record.eventID ?? '',
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(record.dynamodb?.ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(record.dynamodb.ApproximateCreationDateTime.getTime() / 1000) } : {}),
      Keys: record.dynamodb?.Keys as never,
      ...(record.dynamodb?.NewImage ? { NewImage: record.dynamodb.NewImage as never } : {}),
      ...(record.dynamodb?.OldImage ? { OldImage: record.dynamodb.OldImage as never } : {}),
      SequenceNumber: record.dynamodb?.SequenceNumber ?? '',
      SizeBytes: record.dynamodb?.SizeBytes ?? 0,
      StreamViewType: record.dynamodb?.StreamViewType as never,
    },
  };
}

export async function startStreamPoller(options: Options): Promise<LocalStreamPoller> {
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: options.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const table = await options.dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  const latestStreamArn = table.Table?.LatestStreamArn;
  if (!latestStreamArn) throw new Error(`table ${options.tableName} has no stream`);
  const streamArn: string = latestStreamArn;
  const checkpointFile = options.dataDir ? join(options.dataDir, `stream-checkpoints-${options.functionName}.json`) : undefined;
  /** Per shard: the last sequence number handled. */
  const checkpoints: Record<string, string> = checkpointFile && existsSync(checkpointFile) ? (JSON.parse(readFileSync(checkpointFile, 'utf8')) as Record<string, string>) : {};
  const iterators = new Map<string, string | undefined>();
  const batchSize = options.batchSize ?? 100;
  const maxRetryAttempts = options.maxRetryAttempts ?? 10;
  /** Per shard: the record that failed last and how many times in a row. */
  const failures = new Map<string, { sequenceNumber: string; count: number }>();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const saveCheckpoints = () => {
    if (checkpointFile) writeFileSync(checkpointFile, JSON.stringify(checkpoints));
  };

  async function iteratorFor(shardId: string): Promise<string | undefined> {
    if (iterators.has(shardId)) return iterators.get(shardId);
    const after = checkpoints[shardId];
    const result = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }) }),
    );
    iterators.set(shardId, result.ShardIterator);
    return result.ShardIterator;
  }

  /** One pass over every shard; true when some shard had records. */
  async function pass(): Promise<boolean> {
    let sawRecords = false;
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of description.StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId;
      if (!shardId) continue;
      const iterator = await iteratorFor(shardId);
      if (!iterator) continue;
      let result;
      try {
        result = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
      } catch (error) {
        if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
          iterators.delete(shardId);
          continue;
        }
        throw error;
      }
      const records = result.Records ?? [];
      if (records.length === 0) {
        iterators.set(shardId, result.NextShardIterator);
        continue;
      }
      sawRecords = true;
      const event: DynamoDBStreamEvent = { Records: records.map((record) => toLambdaRecord(record, streamArn, options.region)) };
      const context = lambdaContext(options.functionName, 60_000, options.region);
      let failedAt: string | undefined;
      try {
        const response = await runInvocation(context, (scoped) => options.handler(event, scoped));
        failedAt = response?.batchItemFailures?.[0]?.itemIdentifier;
      } catch (error) {
        // A handler that throws fails the whole batch: read it again.
        options.onError?.(error);
        failedAt = records[0]?.dynamodb?.SequenceNumber;
      }
      const previous = failures.get(shardId);
      const failedCount = failedAt && previous?.sequenceNumber === failedAt ? previous.count + 1 : 1;
      if (failedAt && failedCount > maxRetryAttempts) {
        // Given up like the mapping does after its retries: the record goes to the on-failure destination, the shard
        // continues after it.
        failures.delete(shardId);
        options.onRecordDropped?.({ shardId, sequenceNumber: failedAt, streamArn });
        checkpoints[shardId] = failedAt;
        iterators.delete(shardId);
      } else if (failedAt) {
        // Lambda retries from the first failed record: everything before it is done.
        failures.set(shardId, { sequenceNumber: failedAt, count: failedCount });
        const index = records.findIndex((record) => record.dynamodb?.SequenceNumber === failedAt);
        const done = index > 0 ? records[index - 1]?.dynamodb?.SequenceNumber : undefined;
        if (done) checkpoints[shardId] = done;
        iterators.delete(shardId);
      } else {
        failures.delete(shardId);
        const last = records.at(-1)?.dynamodb?.SequenceNumber;
        if (last) checkpoints[shardId] = last;
        iterators.set(shardId, result.NextShardIterator);
      }
      saveCheckpoints();
    }
    return sawRecords;
  }

  // One pass at a time, the next one an interval after the last ended: a slow handler never piles passes up.
  const intervalMs = options.intervalMs ?? 250;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = running
        .then(async () => {
          if (!stopped) await pass();
        })
        .catch((error: unknown) => options.onError?.(error))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    async drain() {
      await running;
      for (let round = 0; round < 50; round += 1) {
        const next = running.then(async () => {
          try {
            return await pass();
          } catch (error) {
            options.onError?.(error);
            return false;
          }
        });
        running = next.then(() => undefined);
        if (!(await next)) return;
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      saveCheckpoints();
    },
  };
}
