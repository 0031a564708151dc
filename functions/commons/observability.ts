/** Powertools logger, metrics and tracer, built once per process. Never log task tokens, secrets or personal data. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kamflow' });

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'KAMflow',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kamflow',
});

/**
 * X-Ray subsegments for AWS SDK calls (functions/commons/clients.ts). Powertools turns it off outside Lambda (no
 * AWS_EXECUTION_ENV), so on the local stack it does nothing and writes nothing; POWERTOOLS_TRACE_ENABLED=false turns it
 * off on AWS too.
 */
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kamflow' });
