import { workflowHandler, workflowStepInputSchema } from '../workflow-handler.ts';
import { closeOrder } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => closeOrder(orderId));
