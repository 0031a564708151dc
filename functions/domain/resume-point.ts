/**
 * Where the workflow of an open order continues after its execution was lost (the local engine keeps executions in
 * memory), is redriven, or is started again from the fallout queue: the stage recorded on the order — or, for a held
 * order or one being cancelled, the interruption handler. The state machine's first Choice routes on this value.
 */
import { hasRunningWorkflow, isInterruption } from './order-lifecycle.ts';
import type { OrderState } from './order-lifecycle.ts';
import type { OrderStage } from './order-stages.ts';

export type ResumePoint = OrderStage | 'INTERRUPTION';

export function resumePoint(order: { state: OrderState; currentStage: OrderStage }): ResumePoint | undefined {
  if (!hasRunningWorkflow(order.state)) return undefined;
  if (isInterruption(order.state)) return 'INTERRUPTION';
  return order.currentStage;
}
