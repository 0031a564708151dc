/**
 * The order fulfilment workflow: one Lambda function per task of stepfunctions/order-fulfilment.asl.json, the state
 * machine loaded from that file (what AWS runs is what the local engine runs), and the EventBridge bus activation
 * requests leave on.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { orderFulfilmentDefinitionPath, workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';
import { KamflowFunction } from '../constructs/kamflow-function.ts';
import { grantActivationRequestPublishing, grantTableReadWrite, grantWorkflowTaskInvoke, grantWorkflowTaskResponse } from '../grants.ts';
import { fromRepositoryRoot } from '../repository-paths.ts';
import { assertSubstitutionsMatch, readStateMachineDefinition } from '../state-machine-definition.ts';

export type WorkflowTaskName = (typeof workflowTaskFunctions)[number]['name'];

/**
 * The state machine has a fixed name so other stacks can address it by ARN without a CloudFormation reference: the
 * API stack grants StartExecution on it while this stack needs the API's URL, and references can only point one way.
 */
export const orderFulfilmentStateMachineName = 'kamflow-order-fulfilment';

export function orderFulfilmentStateMachineArn(scope: Construct): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: orderFulfilmentStateMachineName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

export const provisioningEventBusName = 'kamflow-provisioning';

/** The task that sends activation requests to provisioning systems (functions/services/provisioning-gateway.ts). */
const activationRequestTask: WorkflowTaskName = 'RequestActivation';

export interface WorkflowStackProps extends StackProps {
  readonly table: ITable;
  /** Base URL of the public API; activation requests carry the callback URL provisioning systems report to. */
  readonly publicApiUrl: string;
}

export class WorkflowStack extends Stack {
  readonly stateMachine: StateMachine;
  readonly provisioningEventBus: EventBus;
  readonly taskFunctions: ReadonlyMap<WorkflowTaskName, IFunction>;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);

    const definitionFile = fromRepositoryRoot(orderFulfilmentDefinitionPath);
    const definition = readStateMachineDefinition(definitionFile);
    assertSubstitutionsMatch(
      definition,
      workflowTaskFunctions.map((task) => task.substitution),
      orderFulfilmentDefinitionPath,
    );

    this.provisioningEventBus = new EventBus(this, 'ProvisioningEventBus', { eventBusName: provisioningEventBusName });
    const stateMachineArn = orderFulfilmentStateMachineArn(this);

    const taskFunctions = new Map<WorkflowTaskName, IFunction>();
    for (const task of workflowTaskFunctions) {
      const sendsActivationRequests = task.name === activationRequestTask;
      const fn = new KamflowFunction(this, task.name, {
        entry: task.entry,
        description: task.description,
        kind: 'workflow-task',
        table: props.table,
        environment: sendsActivationRequests
          ? { PROVISIONING_EVENT_BUS_NAME: this.provisioningEventBus.eventBusName, PUBLIC_API_URL: props.publicApiUrl }
          : {},
      });
      grantTableReadWrite(fn, props.table);
      if (sendsActivationRequests) grantActivationRequestPublishing(fn, this.provisioningEventBus);
      // A callback task that runs again after its work is already done (a retry, a resumed execution) completes its
      // own wait with SendTaskSuccess (functions/services/order-fulfilment.ts). The ARN is built from the name, not
      // referenced: the state machine refers to these functions, so a reference back would be a cycle.
      if (definition.callbackTaskPlaceholders.has(task.substitution)) grantWorkflowTaskResponse(fn, stateMachineArn);
      taskFunctions.set(task.name, fn);
    }
    this.taskFunctions = taskFunctions;

    this.stateMachine = new StateMachine(this, 'OrderFulfilment', {
      stateMachineName: orderFulfilmentStateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromFile(definitionFile),
      definitionSubstitutions: Object.fromEntries(
        workflowTaskFunctions.map((task) => [task.substitution, taskFunction(taskFunctions, task.name).functionArn]),
      ),
      tracingEnabled: true,
      logs: {
        // The vendedlogs prefix keeps Step Functions' log delivery within the CloudWatch Logs resource policy limit.
        destination: new LogGroup(this, 'OrderFulfilmentLogs', {
          logGroupName: `/aws/vendedlogs/states/${orderFulfilmentStateMachineName}`,
          retention: RetentionDays.ONE_MONTH,
        }),
        // Every state transition but without input or output: what an execution did is in the log, and none of its
        // data (task tokens included) is.
        level: LogLevel.ALL,
        // Execution data holds task tokens, which complete a waiting task for whoever holds them: never log them.
        includeExecutionData: false,
      },
    });
    // The definition comes from a file, so CDK cannot see which functions it calls: grant exactly the task functions.
    for (const fn of taskFunctions.values()) grantWorkflowTaskInvoke(this.stateMachine, fn);
  }
}

function taskFunction(functions: ReadonlyMap<WorkflowTaskName, IFunction>, name: WorkflowTaskName): IFunction {
  const fn = functions.get(name);
  if (!fn) throw new Error(`no function for workflow task ${name}`);
  return fn;
}
