/** Every minute (an EventBridge rule in AWS, a timer locally): due hub deliveries are tried again. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '../../commons/observability.ts';
import { retryDueDeliveries } from '../../services/order-event-hub.ts';

export const handler = middy<unknown, { retried: number }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => ({ retried: await retryDueDeliveries() }));
