import { callbackStepInputSchema, workflowHandler } from '../../commons/workflow.ts';
import { awaitCustomerAcceptance } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(callbackStepInputSchema, ({ orderId, taskToken }) => awaitCustomerAcceptance(orderId, taskToken));
