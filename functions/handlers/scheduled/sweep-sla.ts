/** The SLA sweep, invoked every minute by an EventBridge rule (infra/stacks/sla-stack.ts) or the local runtime's timer. */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../../commons/observability.ts';
import { sweepSla } from '../../services/sla-sweep.ts';
import type { SweepReport } from '../../services/sla-sweep.ts';

export const handler = middy<unknown, SweepReport>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const report = await sweepSla();
    logger.info('SLA sweep', { ...report });
    return report;
  });
