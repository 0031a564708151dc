import { workflowHandler, workflowStepInputSchema } from '../../commons/workflow.ts';
import { recordCompletionReport } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(workflowStepInputSchema, ({ orderId }) => recordCompletionReport(orderId));
