import { workflowHandler, workflowStepInputSchema } from '../../commons/workflow.ts';
import { closeOrder } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => closeOrder(orderId));
