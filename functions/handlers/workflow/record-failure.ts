import { failureStepInputSchema, workflowHandler } from '../workflow-handler.ts';
import { recordFailure } from '../../services/order-fulfilment.ts';

export const handler = workflowHandler(failureStepInputSchema, ({ orderId, error, cause }) => recordFailure(orderId, { error, cause }));
