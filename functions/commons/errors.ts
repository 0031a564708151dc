/**
 * The one error taxonomy. Handlers and domain code throw these; the HTTP error middleware maps them to responses
 * (statusCode, expose) and the workflow sees their `name` as the Step Functions error (Retry/Catch match on it).
 */
import type { FieldIssue } from '../domain/field-issue.ts';

export type { FieldIssue };

export abstract class KamflowError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
  /** Whether the message may be shown to the caller. */
  readonly expose: boolean = true;
}

export class ValidationError extends KamflowError {
  override readonly name = 'ValidationError';
  readonly statusCode = 400;
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly issues: readonly FieldIssue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ') || 'invalid request');
  }
  static forField(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class UnauthorizedError extends KamflowError {
  override readonly name = 'UnauthorizedError';
  readonly statusCode = 401;
  readonly code = 'UNAUTHORIZED';
}

export class ForbiddenError extends KamflowError {
  override readonly name = 'ForbiddenError';
  readonly statusCode = 403;
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends KamflowError {
  override readonly name = 'NotFoundError';
  readonly statusCode = 404;
  readonly code = 'NOT_FOUND';
  constructor(readonly resource: string, readonly id: string) {
    super(`${resource} ${id} does not exist`);
  }
}

export class ConflictError extends KamflowError {
  override readonly name = 'ConflictError';
  readonly statusCode = 409;
  readonly code = 'CONFLICT';
}

export class InvalidTransitionError extends KamflowError {
  override readonly name = 'InvalidTransitionError';
  readonly statusCode = 409;
  readonly code = 'INVALID_TRANSITION';
}

/** A request that cannot be served now but may succeed if repeated (throttling, a lost race worth retrying). */
export class TransientError extends KamflowError {
  override readonly name = 'TransientError';
  readonly statusCode = 503;
  readonly code = 'TRY_AGAIN';
}

/** The provisioning system reported that activation failed; the workflow routes the order to fallout. */
export class ActivationFailedError extends KamflowError {
  override readonly name = 'ActivationFailed';
  readonly statusCode = 409;
  readonly code = 'ACTIVATION_FAILED';
}

/**
 * The order was held, or a cancellation was requested, while a workflow step ran or waited: the state machine catches
 * this name on every task and lets HandleInterruption decide (wait for the resume, cancel, or continue).
 */
export class OrderInterruptedError extends KamflowError {
  override readonly name = 'OrderInterrupted';
  readonly statusCode = 409;
  readonly code = 'ORDER_INTERRUPTED';
}

export function isKamflowError(error: unknown): error is KamflowError {
  return error instanceof KamflowError;
}
