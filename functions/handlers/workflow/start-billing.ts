import { workflowHandler, workflowStepInputSchema } from '../../commons/workflow.ts';
import { startBilling } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => startBilling(orderId));
