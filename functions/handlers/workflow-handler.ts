/**
 * The one middy chain for workflow task handlers: the step input is parsed with zod (a malformed input is a named
 * ValidationError the state machine can Catch), the log context carries the order id (never the task token), and
 * errors are thrown, not returned, so Retry/Catch in the definition see their names.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { OrderInterruptedError, ValidationError } from '../commons/errors.ts';
import { isInterruption } from '../domain/order-lifecycle.ts';
import { findOrderDetail } from '../data/orders-repository.ts';
import { logger } from '../commons/observability.ts';
import { now } from '../commons/clock.ts';
import { zodIssues } from '../commons/zod-issues.ts';

export const workflowStepInputSchema = z.object({
  orderId: z.string().regex(/^ord_[0-9A-HJKMNP-TV-Z]{26}$/),
  executionId: z.string().min(1),
});

export const callbackStepInputSchema = workflowStepInputSchema.extend({ taskToken: z.string().min(1).max(8192) });

export const failureStepInputSchema = workflowStepInputSchema.extend({
  error: z.string().default('States.Unknown'),
  cause: z.string().default(''),
});

export function workflowHandler<S extends z.ZodType, R>(schema: S, step: (input: z.output<S>) => Promise<R>) {
  return middy<unknown, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event: unknown, _context: Context) => {
      const parsed = schema.safeParse(event);
      if (!parsed.success) throw new ValidationError(zodIssues(parsed.error, 'input'));
      const input = parsed.data as z.output<S> & { orderId?: string };
      if (input.orderId) logger.appendKeys({ orderId: input.orderId });
      const stepStartedAt = new Date(now().getTime() - 1000).toISOString();
      try {
        return await step(parsed.data);
      } catch (error) {
        // A hold or cancellation committed while this step ran makes its own write conflict (or its state check
        // fail): report the interruption, not a failure, so the order does not fall out.
        if (input.orderId && !(error instanceof OrderInterruptedError)) {
          const detail = await findOrderDetail(input.orderId);
          const interrupted = detail && (isInterruption(detail.order.state) || (detail.order.interruptedAt !== undefined && detail.order.interruptedAt >= stepStartedAt));
          if (interrupted) throw new OrderInterruptedError(`order ${input.orderId} is ${detail.order.state}`);
        }
        throw error;
      }
    });
}
