import { workflowStepInputSchema, workflowHandler } from '../workflow-handler.ts';
import { handleInterruption } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => handleInterruption(orderId));
