import { workflowHandler, workflowStepInputSchema } from '../workflow-handler.ts';
import { confirmResources } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => confirmResources(orderId));
