import { workflowHandler, workflowStepInputSchema } from '../workflow-handler.ts';
import { acknowledgeOrder } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => acknowledgeOrder(orderId));
