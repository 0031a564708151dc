import { workflowHandler, workflowStepInputSchema } from '../workflow-handler.ts';
import { recordCompletionReport } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => recordCompletionReport(orderId));
