import { callbackStepInputSchema, workflowHandler } from '../workflow-handler.ts';
import { awaitNetworkBuild } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(callbackStepInputSchema, ({ orderId, taskToken }) => awaitNetworkBuild(orderId, taskToken));
