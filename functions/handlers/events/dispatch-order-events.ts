/**
 * The table's stream → order notifications. Only new audit-trail entries (INSERT of an `orderEvent` item) are
 * dispatched; a record that fails is reported in `batchItemFailures`, so the stream retries from it (and only the
 * records after it are seen again — their deliveries exist already and are not sent twice).
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../../commons/observability.ts';
import { OrderEventEntity } from '../../data/entities/order-event.ts';
import { dispatchOrderEvent, newDispatchBatch } from '../../services/order-event-hub.ts';
import type { AuditEvent } from '../../domain/order-notifications.ts';

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    const batch = newDispatchBatch();
    for (const record of event.Records) {
      const image = record.eventName === 'INSERT' ? record.dynamodb?.NewImage : undefined;
      if (!image) continue;
      try {
        const item = unmarshall(image as Record<string, AttributeValue>);
        if (item.__edb_e__ !== 'orderEvent') continue;
        const parsed = OrderEventEntity.parse({ Item: item }).data as AuditEvent | null;
        if (parsed) await dispatchOrderEvent(parsed, batch);
      } catch (error) {
        logger.error('order event dispatch failed', { sequenceNumber: record.dynamodb?.SequenceNumber, error: error instanceof Error ? error.message : String(error) });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
        break;
      }
    }
    return { batchItemFailures };
  });
