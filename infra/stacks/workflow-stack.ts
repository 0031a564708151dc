/**
 * The order fulfilment workflow: one Lambda function per task of stepfunctions/order-fulfilment.asl.json, the state
 * machine loaded from that file (what AWS runs is what the local engine runs), and the EventBridge bus activation
 * requests leave on. Nothing here has a fixed name: CloudFormation names the state machine and the bus after the
 * stack, so stages do not collide and a stack deployed again after a destroy does not meet its old names.
 */
import { Fn, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Policy } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { orderFulfilmentDefinitionPath, partitionSubstitution, workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';
import { KamflowFunction } from '../constructs/kamflow-function.ts';
import { grantActivationRequestPublishing, grantParameterRead, grantTableReadWrite, grantWorkflowTaskInvoke, workflowTaskResponseStatement } from '../grants.ts';
import { fromRepositoryRoot } from '../repository-paths.ts';
import { assertSubstitutionsMatch, readStateMachineDefinition } from '../state-machine-definition.ts';

export type WorkflowTaskName = (typeof workflowTaskFunctions)[number]['name'];

/** The task that sends activation requests to provisioning systems (functions/services/provisioning-gateway.ts). */
const activationRequestTask: WorkflowTaskName = 'RequestActivation';

export interface WorkflowStackProps extends StackProps {
  readonly table: ITable;
  /**
   * The SSM parameter the API stack writes its public URL to: activation requests carry the callback URL provisioning
   * systems report to, and the API, deployed after this stack, is not there to be referenced.
   */
  readonly publicApiUrlParameterName: string;
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
      [partitionSubstitution, ...workflowTaskFunctions.map((task) => task.substitution)],
      orderFulfilmentDefinitionPath,
    );

    this.provisioningEventBus = new EventBus(this, 'ProvisioningEventBus');
    const publicApiUrlParameterArn = this.formatArn({ service: 'ssm', resource: 'parameter', resourceName: props.publicApiUrlParameterName.replace(/^\//, '') });

    const taskFunctions = new Map<WorkflowTaskName, IFunction>();
    for (const task of workflowTaskFunctions) {
      const sendsActivationRequests = task.name === activationRequestTask;
      const fn = new KamflowFunction(this, task.name, {
        entry: task.entry,
        description: task.description,
        kind: 'workflow-task',
        table: props.table,
        environment: sendsActivationRequests
          ? { PROVISIONING_EVENT_BUS_NAME: this.provisioningEventBus.eventBusName, PUBLIC_API_URL_PARAMETER: props.publicApiUrlParameterName }
          : {},
      });
      grantTableReadWrite(fn, props.table);
      if (sendsActivationRequests) {
        grantActivationRequestPublishing(fn, this.provisioningEventBus);
        grantParameterRead(fn, publicApiUrlParameterArn);
      }
      taskFunctions.set(task.name, fn);
    }
    this.taskFunctions = taskFunctions;

    this.stateMachine = new StateMachine(this, 'OrderFulfilment', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromFile(definitionFile),
      definitionSubstitutions: {
        // Service integrations are addressed in the stack's partition (aws, aws-cn, aws-us-gov).
        [partitionSubstitution]: this.partition,
        ...Object.fromEntries(workflowTaskFunctions.map((task) => [task.substitution, taskFunction(taskFunctions, task.name).functionArn])),
      },
      tracingEnabled: true,
      logs: {
        // The vendedlogs prefix keeps Step Functions' log delivery within the CloudWatch Logs resource policy limit.
        // The log group is retained (the default) and its name must be new at every deployment of the stack, or a
        // deploy after a destroy fails on the name: the stack id's UUID changes with every creation of the stack.
        destination: new LogGroup(this, 'OrderFulfilmentLogs', {
          logGroupName: Fn.join('', ['/aws/vendedlogs/states/', this.stackName, '-', Fn.select(2, Fn.split('/', this.stackId))]),
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

    // A callback task that runs again after its work is already done (a retry, a resumed execution) completes its own
    // wait with SendTaskSuccess (functions/services/order-fulfilment.ts). Granted in a policy of its own: the state
    // machine refers to the functions, so their default policies cannot refer back to it.
    for (const task of workflowTaskFunctions) {
      if (!definition.callbackTaskPlaceholders.has(task.substitution)) continue;
      const role = taskFunction(taskFunctions, task.name).role;
      if (!role) throw new Error(`workflow task ${task.name} has no role to grant task responses to`);
      new Policy(this, `${task.name}TaskResponses`, { statements: [workflowTaskResponseStatement(this.stateMachine.stateMachineArn)], roles: [role] });
    }
  }
}

function taskFunction(functions: ReadonlyMap<WorkflowTaskName, IFunction>, name: WorkflowTaskName): IFunction {
  const fn = functions.get(name);
  if (!fn) throw new Error(`no function for workflow task ${name}`);
  return fn;
}
