/**
 * The SLA metrics, named once: what the handlers emit (CloudWatch embedded metric format on stdout, through
 * Powertools), what the alarms in functions/commons/alarm-definitions.ts watch, what the dashboard charts and what the
 * local alarm evaluator reads back. Dimensions are low-cardinality only (stage, tier, product, province, callback
 * status); order ids go into EMF metadata, searchable in the logs but never a metric dimension.
 *
 * Each record* call writes one EMF line immediately, so nothing depends on a flush at the end of the invocation.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from './observability.ts';
import { provinceCode } from '../domain/provinces.ts';
import { slaDimensionNames, slaMetricNames, slaMetricsNamespace, slaMetricsService, slaSweepMetricNames, unspecifiedDimension } from './sla-metric-names.ts';

export * from './sla-metric-names.ts';

/** Where a stage or order sits, for the dimensions: all low-cardinality. */
export interface SlaSubject {
  readonly orderId: string;
  readonly stage: string;
  readonly tier?: string | undefined;
  readonly productId?: string | undefined;
  /** As written on the account (北京, 广东省); the metric carries its ISO 3166-2:CN code. */
  readonly province?: string | undefined;
}

export interface FinishedStage extends SlaSubject {
  readonly status: 'DONE' | 'FAILED';
  readonly onTime?: boolean | undefined;
  readonly workingHours?: number | undefined;
  readonly workPosition?: string | undefined;
}

export interface CallbackArrival {
  readonly orderId: string;
  readonly stage: string;
  readonly callbackStatus: string;
  readonly eventId: string;
  readonly latencySeconds: number;
}

/**
 * Powertools warns whenever one dimension name appears in two dimension sets; here that is the design (Stage with
 * tier, Stage with product, ...), so that one warning is dropped and every other goes to the structured logger.
 */
const metricsLogger = {
  debug: (...content: unknown[]) => logger.debug(String(content[0])),
  info: (...content: unknown[]) => logger.info(String(content[0])),
  warn: (...content: unknown[]) => {
    if (/is defined as both a dimension set and dimension set/.test(String(content[0]))) return;
    logger.warn(String(content[0]));
  },
  error: (...content: unknown[]) => logger.error(String(content[0])),
};

const emitter = new Metrics({ namespace: slaMetricsNamespace, serviceName: slaMetricsService, logger: metricsLogger });

function dimensionValue(value: string | undefined): string {
  return value === undefined || value.trim() === '' ? unspecifiedDimension : value;
}

/** The dimension sets of a stage-scoped metric: per stage, and per stage with tier, product or province. */
function addSubjectDimensionSets(subject: SlaSubject): void {
  const stage = { [slaDimensionNames.stage]: subject.stage };
  emitter.addDimensions(stage);
  emitter.addDimensions({ ...stage, [slaDimensionNames.tier]: dimensionValue(subject.tier) });
  emitter.addDimensions({ ...stage, [slaDimensionNames.product]: dimensionValue(subject.productId) });
  emitter.addDimensions({ ...stage, [slaDimensionNames.province]: dimensionValue(provinceCode(subject.province)) });
  // Per tier over all stages: what an escalation line (supervisor, department head) is answerable for.
  emitter.addDimensions({ [slaDimensionNames.tier]: dimensionValue(subject.tier) });
}

function publish(): void {
  emitter.publishStoredMetrics();
}

/** A stage attempt finished: duration in working hours, on time or late (when it had a due time), failed or not. */
export function recordStageFinished(stage: FinishedStage): void {
  addSubjectDimensionSets(stage);
  emitter.addMetadata('orderId', stage.orderId);
  if (stage.workPosition) emitter.addMetadata('workPosition', stage.workPosition);
  emitter.addMetric(slaMetricNames.stageFinished, MetricUnit.Count, 1);
  emitter.addMetric(slaMetricNames.stageFailed, MetricUnit.Count, stage.status === 'FAILED' ? 1 : 0);
  if (stage.onTime !== undefined) emitter.addMetric(slaMetricNames.stageOnTime, MetricUnit.Count, stage.onTime ? 1 : 0);
  if (stage.workingHours !== undefined) emitter.addMetric(slaMetricNames.stageWorkingHours, MetricUnit.NoUnit, stage.workingHours);
  publish();
}

/** A stage (or, with stage `ORDER`, a whole order) was found at risk of breaching its due time. */
export function recordJeopardy(subject: SlaSubject): void {
  addSubjectDimensionSets(subject);
  emitter.addMetadata('orderId', subject.orderId);
  emitter.addMetric(slaMetricNames.ordersAtRisk, MetricUnit.Count, 1);
  publish();
}

/** A stage (or, with stage `ORDER`, a whole order) passed its due time unfinished. */
export function recordBreach(subject: SlaSubject): void {
  addSubjectDimensionSets(subject);
  emitter.addMetadata('orderId', subject.orderId);
  emitter.addMetric(slaMetricNames.slaBreaches, MetricUnit.Count, 1);
  publish();
}

/** A provisioning callback arrived this long after the request it answers. */
export function recordCallbackLatency(arrival: CallbackArrival): void {
  emitter.addDimensions({ [slaDimensionNames.stage]: arrival.stage });
  emitter.addDimensions({ [slaDimensionNames.stage]: arrival.stage, [slaDimensionNames.callbackStatus]: arrival.callbackStatus });
  emitter.addMetadata('orderId', arrival.orderId);
  emitter.addMetadata('eventId', arrival.eventId);
  emitter.addMetric(slaMetricNames.callbackLatency, MetricUnit.Seconds, Math.max(0, arrival.latencySeconds));
  publish();
}

/** One SLA sweep run ended; the operator alarms watch both outcomes (functions/commons/alarm-definitions.ts). */
export function recordSweepOutcome(outcome: 'succeeded' | 'failed'): void {
  emitter.addMetric(outcome === 'succeeded' ? slaSweepMetricNames.succeeded : slaSweepMetricNames.failed, MetricUnit.Count, 1);
  publish();
}
