import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { keyAttributeNames, kamflowTable } from '../../functions/data/table-design.ts';
import { buildKamflowTestApp } from './kamflow-test-app.ts';
import type { KamflowTestApp } from './kamflow-test-app.ts';

describe('DataStack', () => {
  let kamflow: KamflowTestApp;
  let template: Template;
  let tableProperties: Record<string, unknown>;

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    template = Template.fromStack(kamflow.data);
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    tableProperties = (tables[0] as { Properties: Record<string, unknown> }).Properties;
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  it('keys the table as table-design.ts says', () => {
    expect(tableProperties['KeySchema']).toEqual([
      { AttributeName: kamflowTable.partitionKey, KeyType: 'HASH' },
      { AttributeName: kamflowTable.sortKey, KeyType: 'RANGE' },
    ]);
  });

  it('declares exactly the key attributes of the design, all strings', () => {
    const declared = tableProperties['AttributeDefinitions'] as { AttributeName: string; AttributeType: string }[];
    expect(declared.map((attribute) => attribute.AttributeName).sort()).toEqual(keyAttributeNames(kamflowTable).sort());
    expect(new Set(declared.map((attribute) => attribute.AttributeType))).toEqual(new Set(['S']));
  });

  it('builds every global secondary index of the design, and no other, projecting all attributes', () => {
    const built = tableProperties['GlobalSecondaryIndexes'] as { IndexName: string }[];
    expect(built.map((index) => index.IndexName).sort()).toEqual(kamflowTable.globalSecondaryIndexes.map((index) => index.indexName).sort());
    for (const index of kamflowTable.globalSecondaryIndexes) {
      expect(built.find((candidate) => candidate.IndexName === index.indexName)).toEqual({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    }
  });

  it('expires items by the design TTL attribute', () => {
    expect(tableProperties['TimeToLiveSpecification']).toEqual({ AttributeName: kamflowTable.timeToLiveAttribute, Enabled: true });
  });

  it('bills per request, streams new and old images, and keeps point-in-time recovery', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('survives a stack deletion and refuses to be deleted', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });
});
