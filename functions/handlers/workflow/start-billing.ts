import { workflowHandler, workflowStepInputSchema } from '../workflow-handler.ts';
import { startBilling } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => startBilling(orderId));
