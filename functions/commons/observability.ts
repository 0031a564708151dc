/** Powertools logger and metrics, built once per process. Never log task tokens, secrets or personal data. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kamflow' });

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'KAMflow',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kamflow',
});
