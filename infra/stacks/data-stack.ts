/**
 * The single DynamoDB table, built from functions/data/table-design.ts so key and index names exist in one place.
 * Kept in its own stack because it outlives everything else: it is retained and protected from deletion.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { kamflowTable } from '../../functions/data/table-design.ts';
import type { TableDesign } from '../../functions/data/table-design.ts';

export class DataStack extends Stack {
  readonly table: ITable;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.table = buildTable(this, kamflowTable);
  }
}

function buildTable(scope: Construct, design: TableDesign): Table {
  const table = new Table(scope, 'KamflowTable', {
    partitionKey: { name: design.partitionKey, type: AttributeType.STRING },
    sortKey: { name: design.sortKey, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    timeToLiveAttribute: design.timeToLiveAttribute,
    // Both images, so order events can later be derived from the stream (what changed, not only that it changed).
    stream: StreamViewType.NEW_AND_OLD_IMAGES,
  });
  for (const index of design.globalSecondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      // Entities are read whole from every index, so a projection subset would only force a second read.
      projectionType: ProjectionType.ALL,
    });
  }
  return table;
}
