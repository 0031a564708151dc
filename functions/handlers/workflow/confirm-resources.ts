import { workflowHandler, workflowStepInputSchema } from '../../commons/workflow.ts';
import { confirmResources } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => confirmResources(orderId));
