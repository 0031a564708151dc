import { workflowStepInputSchema, workflowHandler } from '../../commons/workflow.ts';
import { handleInterruption } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => handleInterruption(orderId));
