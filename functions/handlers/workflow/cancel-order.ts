import { workflowStepInputSchema, workflowHandler } from '../workflow-handler.ts';
import { cancelOrder } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => cancelOrder(orderId));
