/** The SLA sweep, invoked every minute by an EventBridge rule (infra/stacks/sla-stack.ts) or the local runtime's timer. */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../../commons/observability.ts';
import { recordSweepOutcome } from '../../commons/sla-metrics.ts';
import { sweepSla } from '../../services/sla-sweep.ts';
import type { SweepReport } from '../../services/sla-sweep.ts';

export const handler = middy<unknown, SweepReport>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    let report: SweepReport;
    try {
      report = await sweepSla();
    } catch (error) {
      recordSweepOutcome('failed');
      throw error;
    }
    recordSweepOutcome('succeeded');
    logger.info('SLA sweep', { ...report });
    return report;
  });
