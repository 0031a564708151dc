/**
 * Completing a waiting workflow task (the callback pattern). Task tokens are read from the stage record, sent to
 * Step Functions, and never returned or logged. A token the engine no longer knows (its task timed out, or the
 * execution was replaced after a restart) is reported as `stale`, not thrown: the stage record is the truth.
 */
import { SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../commons/clients.ts';
import { requiredEnv } from '../commons/env.ts';
import { logger } from '../commons/observability.ts';
import type { OrderStage } from '../domain/order-stages.ts';
import type { ResumePoint } from '../domain/resume-point.ts';
import type { TaskResponse } from '../domain/provisioning-callback.ts';

const staleTokenErrors = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

export type TaskDelivery = 'delivered' | 'stale';

async function deliver(send: () => Promise<unknown>, context: { orderId: string; stage: OrderStage; action: string }): Promise<TaskDelivery> {
  try {
    await send();
    return 'delivered';
  } catch (error) {
    if (error instanceof Error && staleTokenErrors.has(error.name)) {
      logger.warn('workflow task token no longer waiting', { ...context, error: error.name });
      return 'stale';
    }
    throw error;
  }
}

export function completeWaitingTask(taskToken: string, output: Record<string, unknown>, context: { orderId: string; stage: OrderStage }): Promise<TaskDelivery> {
  return deliver(() => sfnClient.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })), { ...context, action: 'success' });
}

export function failWaitingTask(taskToken: string, error: string, cause: string, context: { orderId: string; stage: OrderStage }): Promise<TaskDelivery> {
  return deliver(() => sfnClient.send(new SendTaskFailureCommand({ taskToken, error, cause: cause.slice(0, 32000) })), { ...context, action: 'failure' });
}

export function heartbeatWaitingTask(taskToken: string, context: { orderId: string; stage: OrderStage }): Promise<TaskDelivery> {
  return deliver(() => sfnClient.send(new SendTaskHeartbeatCommand({ taskToken })), { ...context, action: 'heartbeat' });
}

/** Answer a waiting task the way the domain decided (domain/provisioning-callback.ts TaskResponse). */
export function respondToWaitingTask(taskToken: string, response: TaskResponse, context: { orderId: string; stage: OrderStage }): Promise<TaskDelivery> {
  switch (response.kind) {
    case 'heartbeat':
      return heartbeatWaitingTask(taskToken, context);
    case 'success':
      return completeWaitingTask(taskToken, response.output, context);
    case 'failure':
      return failWaitingTask(taskToken, response.error, response.cause, context);
  }
}

let stateMachineArn: string | undefined;

/** Start the order's workflow; `resumeFrom` continues an open order at its recorded stage (or its interruption). */
export async function startOrderWorkflow(orderId: string, options: { resumeFrom?: ResumePoint | undefined; executionName?: string } = {}): Promise<string> {
  stateMachineArn ??= requiredEnv('STATE_MACHINE_ARN');
  const input = { orderId, ...(options.resumeFrom ? { resumeFrom: options.resumeFrom } : {}) };
  const result = await sfnClient.send(
    new StartExecutionCommand({ stateMachineArn, name: options.executionName ?? orderId, input: JSON.stringify(input) }),
  );
  if (!result.executionArn) throw new Error('StartExecution returned no executionArn');
  return result.executionArn;
}
