/**
 * The names of the SLA metrics and their dimensions, and nothing else: imported by the emitting functions
 * (sla-metrics.ts), the alarm definitions, CDK and the API schemas, so it must stay free of runtime dependencies
 * (the console bundles the schemas).
 */
export const slaMetricsNamespace = 'KAMflow';
/** Powertools adds `service` to every dimension set; alarms must name it to match the metric exactly. */
export const slaMetricsService = 'kamflow';

export const slaMetricNames = {
  /** 1 per stage attempt that finished (done or failed). */
  stageFinished: 'StageFinished',
  /** 1 when a finished stage met its due time, 0 when late: the Average is the on-time rate. */
  stageOnTime: 'StageOnTime',
  /** Working hours (business calendar) a finished stage took. */
  stageWorkingHours: 'StageWorkingHours',
  /** 1 per stage attempt that finished as failed. */
  stageFailed: 'StageFailed',
  /** 1 each time a stage or an order is found at risk (most of its budget used). */
  ordersAtRisk: 'OrdersAtRisk',
  /** 1 each time a stage or an order breaches its due time. */
  slaBreaches: 'SlaBreaches',
  /** Seconds from the activation request to a provisioning callback about it. */
  callbackLatency: 'CallbackLatency',
} as const;
export type SlaMetricName = (typeof slaMetricNames)[keyof typeof slaMetricNames];

/** The SLA sweep's own health: without runs that succeed, jeopardy alerts and escalations stop silently. */
export const slaSweepMetricNames = {
  /** 1 per sweep run that finished. */
  succeeded: 'SlaSweepSucceeded',
  /** 1 per sweep run that threw. */
  failed: 'SlaSweepFailed',
} as const;
export type SlaSweepMetricName = (typeof slaSweepMetricNames)[keyof typeof slaSweepMetricNames];

export const slaDimensionNames = {
  stage: 'Stage',
  tier: 'Tier',
  product: 'Product',
  province: 'Province',
  callbackStatus: 'CallbackStatus',
} as const;

/** The value of the Stage dimension for a jeopardy or breach of the whole order rather than one stage. */
export const wholeOrderStage = 'ORDER';
/** Dimension value when an order carries no tier or province (orders from before they were recorded). */
export const unspecifiedDimension = 'UNSPECIFIED';
