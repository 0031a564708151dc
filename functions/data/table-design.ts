/**
 * The one description of KAMflow's single DynamoDB table. CDK (infra/stacks/data-stack.ts) and the local bootstrap
 * (local/dynamodb-local.ts) both build the table from this object; entity modules name the indexes they use from it.
 */
export interface GlobalSecondaryIndexDesign {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** The access pattern this index answers, so nobody adds a second index for the same question. */
  readonly purpose: string;
}

export interface TableDesign {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly timeToLiveAttribute: string;
  readonly globalSecondaryIndexes: readonly GlobalSecondaryIndexDesign[];
}

export const kamflowTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', purpose: 'children of a parent: orders of an account, free resources of an exchange' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', purpose: 'collections in time order: all accounts, all orders, orders by lifecycle phase' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', purpose: 'orders by lifecycle phase, for resuming open workflows after a restart; SLA watches by due hour bucket, for the SLA sweep' },
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', purpose: 'what a key account manager owns: accounts and orders by owner' },
    { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', purpose: "what a supervisor's team owns; people by manager" },
    { indexName: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk', purpose: "what a department's unit owns" },
  ],
} as const satisfies TableDesign;

/** Every key attribute is a string. */
export function keyAttributeNames(design: TableDesign): string[] {
  return [
    design.partitionKey,
    design.sortKey,
    ...design.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
}
