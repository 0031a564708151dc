import { callbackStepInputSchema, workflowHandler } from '../workflow-handler.ts';
import { awaitCustomerAcceptance } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(callbackStepInputSchema, ({ orderId, taskToken }) => awaitCustomerAcceptance(orderId, taskToken));
