import { callbackStepInputSchema, workflowHandler } from '../workflow-handler.ts';
import { awaitResume } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(callbackStepInputSchema, ({ orderId, taskToken }) => awaitResume(orderId, taskToken));
