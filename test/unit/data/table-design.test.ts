import { describe, expect, it } from 'vitest';
import { createTableInput } from '../../../local/dynamodb-local.ts';
import { kamflowTable } from '../../../functions/data/table-design.ts';

describe('the local table is built from the one table design', () => {
  it('has the design\'s keys and every index', () => {
    const input = createTableInput('t');
    expect(input.KeySchema).toEqual([
      { AttributeName: kamflowTable.partitionKey, KeyType: 'HASH' },
      { AttributeName: kamflowTable.sortKey, KeyType: 'RANGE' },
    ]);
    expect(input.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(kamflowTable.globalSecondaryIndexes.map((index) => index.indexName));
    expect(input.AttributeDefinitions).toHaveLength(2 + 2 * kamflowTable.globalSecondaryIndexes.length);
  });
});
