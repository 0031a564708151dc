/**
 * The Lambda functions behind the Task states of stepfunctions/order-fulfilment.asl.json. Each entry's
 * `substitution` is the `${...}` placeholder in the definition. CDK creates one function per entry and passes its ARN
 * as a definition substitution; the local engine maps the same placeholder to the same handler module.
 *
 * One function per task, not one for the workflow as the API has one per area: each task has its own permissions
 * (only RequestActivation publishes to the provisioning bus and reads the API's URL; only the callback tasks answer
 * waiting tasks), its own errors, duration and throttles on the dashboard, and a bundle of only its step. The count
 * follows the states of the definition, which change rarely, not the routes, so the workflow stack has room.
 */
export interface WorkflowTaskFunction {
  /** Short name, used for the Lambda function's logical id and its local name. */
  readonly name: string;
  /** The placeholder in the state machine definition, without `${}`. */
  readonly substitution: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
}

export const workflowTaskFunctions = [
  { name: 'AcknowledgeOrder', substitution: 'AcknowledgeOrderFunctionArn', entry: 'functions/handlers/workflow/acknowledge-order.ts', description: '受理审核: acknowledge or reject an order' },
  { name: 'ConfirmResources', substitution: 'ConfirmResourcesFunctionArn', entry: 'functions/handlers/workflow/confirm-resources.ts', description: '资源确认: reserve access lines and ports' },
  { name: 'AwaitNetworkBuild', substitution: 'AwaitNetworkBuildFunctionArn', entry: 'functions/handlers/workflow/await-network-build.ts', description: 'open a build request and wait for planning' },
  { name: 'RequestActivation', substitution: 'RequestActivationFunctionArn', entry: 'functions/handlers/workflow/request-activation.ts', description: '开通: send the activation request to the provisioning system' },
  { name: 'RecordCompletionReport', substitution: 'RecordCompletionReportFunctionArn', entry: 'functions/handlers/workflow/record-completion-report.ts', description: '测试/报竣: record the test and completion report' },
  { name: 'AwaitCustomerAcceptance', substitution: 'AwaitCustomerAcceptanceFunctionArn', entry: 'functions/handlers/workflow/await-customer-acceptance.ts', description: '验收: wait for the customer acceptance' },
  { name: 'StartBilling', substitution: 'StartBillingFunctionArn', entry: 'functions/handlers/workflow/start-billing.ts', description: '起租: open the billing record' },
  { name: 'CloseOrder', substitution: 'CloseOrderFunctionArn', entry: 'functions/handlers/workflow/close-order.ts', description: 'CRM filing and close' },
  { name: 'HandleInterruption', substitution: 'HandleInterruptionFunctionArn', entry: 'functions/handlers/workflow/handle-interruption.ts', description: 'after a hold, amendment or cancellation: wait, cancel or continue' },
  { name: 'AwaitResume', substitution: 'AwaitResumeFunctionArn', entry: 'functions/handlers/workflow/await-resume.ts', description: '挂起: wait while the customer holds the order' },
  { name: 'CancelOrder', substitution: 'CancelOrderFunctionArn', entry: 'functions/handlers/workflow/cancel-order.ts', description: '撤单: release resources, charge build costs, cancel' },
  { name: 'RecordFailure', substitution: 'RecordFailureFunctionArn', entry: 'functions/handlers/workflow/record-failure.ts', description: 'record why an order fell out' },
] as const satisfies readonly WorkflowTaskFunction[];

export const orderFulfilmentDefinitionPath = 'stepfunctions/order-fulfilment.asl.json';

/**
 * `${Partition}` in service integration ARNs (`arn:${Partition}:states:::lambda:invoke`): CDK fills in the stack's
 * partition (aws-cn in China), the local engine `aws`.
 */
export const partitionSubstitution = 'Partition';
