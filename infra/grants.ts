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
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { kamflowTable } from '../functions/data/table-design.ts';
import { alarmDefinitions } from '../functions/commons/alarm-definitions.ts';

export type TableAccess = 'none' | 'read' | 'read-write';

/**
 * Item-level actions only, named instead of `grantReadData`/`grantReadWriteData`: those include Scan, and listings
 * must be Queries on a key or an index. ElectroDB transactions need nothing more (TransactWriteItems is authorised
 * per item action, TransactGetItems as GetItem).
 */
const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const tableWriteActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * The table and each of its indexes by name (functions/data/table-design.ts), rather than `table.grant`'s
 * `index/*`: a wildcard would also cover any index added later for another purpose.
 */
function tableAndIndexArns(table: ITable): string[] {
  return [table.tableArn, ...kamflowTable.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`)];
}

export function grantTableAccess(grantee: IGrantable, table: ITable, access: TableAccess): void {
  if (access === 'none') return;
  const actions = access === 'read' ? tableReadActions : [...tableReadActions, ...tableWriteActions];
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources: tableAndIndexArns(table) }));
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
 * DescribeAlarms on exactly the stage's SLA alarms (functions/commons/alarm-definitions.ts, names prefixed by the stage),
 * by ARN: CloudWatch authorises DescribeAlarms per alarm, and a name pattern would also reveal any other alarm named
 * like them.
 */
export function grantAlarmStateRead(grantee: IGrantable, alarmArnPrefix: string, stagePrefix: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['cloudwatch:DescribeAlarms'], resources: alarmDefinitions.map((definition) => `${alarmArnPrefix}${stagePrefix}${definition.name}`) }),
  );
}

/**
 * The state machine invokes its task functions by unqualified ARN (stepfunctions/order-fulfilment.asl.json), so the
 * function's ARN is all it needs; `grantInvoke` would add `<arn>:*`, every version and alias.
 */
export function grantWorkflowTaskInvoke(stateMachine: IStateMachine, fn: IFunction): void {
  stateMachine.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
}

/** Reading one SSM parameter (by its name, as the stacks share it without a reference). */
export function grantParameterRead(grantee: IGrantable, parameterArn: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameterArn] }));
}
