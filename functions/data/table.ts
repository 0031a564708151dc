/** Where the entities live: the one table, through the one document client. */
import { documentClient } from '../commons/clients.ts';
import { requiredEnv } from '../commons/env.ts';

export const tableName = requiredEnv('TABLE_NAME');

export const entityConfiguration = { table: tableName, client: documentClient } as const;

/** True when DynamoDB refused a write because its condition (state, version, existence) did not hold. */
export function isConditionFailure(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current.name === 'ConditionalCheckFailedException' || current.name === 'TransactionCanceledException') return true;
    if (/conditional request failed|transaction cancel/i.test(current.message)) return true;
  }
  return false;
}
