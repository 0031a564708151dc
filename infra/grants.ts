/**
 * Permissions KAMflow functions are given, one helper per capability, so a stack says what a function may do
 * ("start order workflows") rather than which IAM actions that takes.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';

export type TableAccess = 'none' | 'read' | 'read-write';

/**
 * Item-level actions only, named instead of `grantReadData`/`grantReadWriteData`: those include Scan, and listings
 * must be Queries on a key or an index. ElectroDB transactions need nothing more (TransactWriteItems is authorised
 * per item action, TransactGetItems as GetItem).
 */
const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const tableWriteActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export function grantTableAccess(grantee: IGrantable, table: ITable, access: TableAccess): void {
  switch (access) {
    case 'none':
      return;
    case 'read':
      table.grant(grantee, ...tableReadActions);
      return;
    case 'read-write':
      table.grant(grantee, ...tableReadActions, ...tableWriteActions);
      return;
  }
}

export function grantTableReadWrite(grantee: IGrantable, table: ITable): void {
  grantTableAccess(grantee, table, 'read-write');
}

/** StartExecution on the order fulfilment state machine only. */
export function grantWorkflowStart(grantee: IGrantable, stateMachineArn: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [stateMachineArn] }));
}

/**
 * Completing, failing or extending a task that waits for a callback (`.waitForTaskToken`). The task token is what
 * names the task; IAM scopes it to the state machine the token belongs to.
 */
export function grantWorkflowTaskResponse(grantee: IGrantable, stateMachineArn: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(workflowTaskResponseStatement(stateMachineArn));
}

export function workflowTaskResponseStatement(stateMachineArn: string): PolicyStatement {
  return new PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], resources: [stateMachineArn] });
}

/** Activation requests leave KAMflow as events on the provisioning bus. */
export function grantActivationRequestPublishing(grantee: IGrantable, provisioningEventBus: IEventBus): void {
  provisioningEventBus.grantPutEventsTo(grantee);
}

export function grantSecretRead(grantee: IGrantable, secret: ISecret): void {
  secret.grantRead(grantee);
}

/** The Cognito actions of KAMflow's IdentityDirectory (functions/adapters/cognito-identity-directory.ts), on one pool. */
export const userPoolAdministrationActions = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
];

/** Creating people in the user pool and keeping their groups and enabled flag in line with the people table. */
export function grantUserPoolAdministration(grantee: IGrantable, userPool: IUserPool): void {
  userPool.grant(grantee, ...userPoolAdministrationActions);
}

/**
 * DescribeAlarms on the stage's SLA alarms (named `${stagePrefix}kamflow-*`). CloudWatch authorises DescribeAlarms per
 * alarm ARN.
 */
export function grantAlarmStateRead(grantee: IGrantable, alarmArnPrefix: string, stagePrefix: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['cloudwatch:DescribeAlarms'], resources: [`${alarmArnPrefix}${stagePrefix}kamflow-*`] }));
}

/** Reading one SSM parameter (by its name, as the stacks share it without a reference). */
export function grantParameterRead(grantee: IGrantable, parameterArn: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameterArn] }));
}
