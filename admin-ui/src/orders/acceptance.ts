/** Acceptance (验收) can be recorded only while the customer acceptance stage is waiting for the customer. */
import type { ProductOrder } from '../api/types.ts';

export function canRecordAcceptance(order: Pick<ProductOrder, 'stages'>): boolean {
  return order.stages.some((stage) => stage.stage === 'CUSTOMER_ACCEPTANCE' && stage.status === 'WAITING');
}
