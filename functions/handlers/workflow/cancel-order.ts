import { workflowStepInputSchema, workflowHandler } from '../../commons/workflow.ts';
import { cancelOrder } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => cancelOrder(orderId));
