/**
 * Where repeat-safe commands keep their Idempotency-Key records (Powertools idempotency): in the one table, under a
 * partition per command (`idempotency#<command>`), expiring through the table's TTL attribute. One definition, so
 * every command's records are laid out alike.
 */
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { dynamoClient } from '../commons/clients.ts';
import { kamflowTable } from './table-design.ts';
import { tableName } from './table.ts';

export function idempotencyStore(command: string): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({
    tableName,
    keyAttr: kamflowTable.partitionKey,
    sortKeyAttr: kamflowTable.sortKey,
    staticPkValue: `idempotency#${command}`,
    expiryAttr: kamflowTable.timeToLiveAttribute,
    awsSdkV3Client: dynamoClient,
  });
}
