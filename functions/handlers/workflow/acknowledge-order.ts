import { workflowHandler, workflowStepInputSchema } from '../../commons/workflow.ts';
import { acknowledgeOrder } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => acknowledgeOrder(orderId));
