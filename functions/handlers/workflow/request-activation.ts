import { callbackStepInputSchema, workflowHandler } from '../workflow-handler.ts';
import { requestActivation } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(callbackStepInputSchema, ({ orderId, taskToken }) => requestActivation(orderId, taskToken));
