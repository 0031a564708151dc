/**
 * Errors raised inside a running workflow (a task failing), as opposed to errors of the Step Functions API.
 *
 * The engine matches Retry/Catch `ErrorEquals` against `name`, puts `message` in the Catch output's `Cause`, and
 * reads `isRetryable`/`isCatchable` (defaulting to true); the Cause strings mirror what AWS records.
 */
import type { LambdaErrorPayload } from './lambda.ts';

export class StatesError extends Error {
  readonly isRetryable: boolean;
  readonly isCatchable: boolean;

  constructor(name: string, cause: string, handling: { retryable?: boolean; catchable?: boolean } = {}) {
    super(cause);
    this.name = name;
    this.isRetryable = handling.retryable ?? true;
    this.isCatchable = handling.catchable ?? true;
  }
}

/** A Lambda function error, named by its errorType so `ErrorEquals: ["TransientError"]` matches as on AWS. */
export function lambdaFunctionFailed(payload: LambdaErrorPayload): StatesError {
  return new StatesError(payload.errorType, JSON.stringify(payload));
}

export function lambdaFunctionNotFound(functionArn: string, requestId: string): StatesError {
  return new StatesError(
    'Lambda.ResourceNotFoundException',
    `Function not found: ${functionArn} (Service: Lambda, Status Code: 404, Request ID: ${requestId})`,
  );
}

/** AWS records an empty Cause for heartbeat and task timeouts. */
export function heartbeatTimedOut(): StatesError {
  return new StatesError('States.HeartbeatTimeout', '');
}

/** A failure of the workflow itself: like AWS's States.Runtime, neither retried nor caught. */
export function statesRuntimeError(cause: string): StatesError {
  return new StatesError('States.Runtime', cause, { retryable: false, catchable: false });
}

/** Unblocks a pending task of an execution that was stopped, timed out or closed; never retried nor caught. */
export function executionEnded(): StatesError {
  return new StatesError('KamflowLocal.ExecutionEnded', 'The execution is no longer running', { retryable: false, catchable: false });
}
