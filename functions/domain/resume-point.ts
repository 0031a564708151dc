/**
 * Where the workflow of an open order continues after its execution was lost (the local engine keeps executions in
 * memory) or is redriven: the stage recorded on the order. The state machine's first Choice routes on this value.
 */
import type { OrderState } from './order-lifecycle.ts';
import type { OrderStage } from './order-stages.ts';

export function resumePoint(order: { state: OrderState; currentStage: OrderStage }): OrderStage | undefined {
  switch (order.state) {
    case 'REJECTED':
    case 'CLOSED':
    case 'FAILED':
      return undefined;
    default:
      return order.currentStage;
  }
}
