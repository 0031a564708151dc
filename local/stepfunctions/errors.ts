/**
 * Errors of the Step Functions API itself (not of a workflow). `name` is the AWS error code, so the HTTP server can
 * send it as `__type` and @aws-sdk/client-sfn raises the matching exception class.
 */
export const stepFunctionsErrorNames = [
  'ExecutionAlreadyExists',
  'ExecutionDoesNotExist',
  'InvalidArn',
  'InvalidExecutionInput',
  'InvalidName',
  'InvalidOutput',
  'InvalidToken',
  'ResourceNotFound',
  'StateMachineDoesNotExist',
  'TaskDoesNotExist',
  'TaskTimedOut',
  'ValidationException',
] as const;

export type StepFunctionsErrorName = (typeof stepFunctionsErrorNames)[number];

export class StepFunctionsError extends Error {
  override readonly name: StepFunctionsErrorName;

  constructor(name: StepFunctionsErrorName, message: string) {
    super(message);
    this.name = name;
  }
}

export function isStepFunctionsError(error: unknown): error is StepFunctionsError {
  return error instanceof StepFunctionsError;
}

// Messages follow AWS's wording where known. None of them may contain a task token.
export const serviceErrors = {
  executionAlreadyExists: (executionArn: string) =>
    new StepFunctionsError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`),
  executionDoesNotExist: (executionArn: string) =>
    new StepFunctionsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`),
  invalidArn: (arn: string) => new StepFunctionsError('InvalidArn', `Invalid Arn: '${arn}'`),
  invalidExecutionInput: (reason: string) =>
    new StepFunctionsError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${reason}'`),
  invalidName: (name: string) => new StepFunctionsError('InvalidName', `Invalid Name: '${name}'`),
  invalidOutput: (reason: string) => new StepFunctionsError('InvalidOutput', `Invalid Output: '${reason}'`),
  invalidToken: (what = 'Invalid token') => new StepFunctionsError('InvalidToken', `Invalid Token: '${what}'`),
  resourceNotFound: (resourceArn: string) => new StepFunctionsError('ResourceNotFound', `Resource not found: '${resourceArn}'`),
  stateMachineDoesNotExist: (stateMachineArn: string) =>
    new StepFunctionsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`),
  taskDoesNotExist: () => new StepFunctionsError('TaskDoesNotExist', 'Task Does Not Exist'),
  taskTimedOut: () => new StepFunctionsError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'"),
  validation: (message: string) => new StepFunctionsError('ValidationException', message),
};
