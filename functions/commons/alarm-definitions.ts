/**
 * The SLA alarms, defined once as data. infra/constructs/sla-alarms.ts turns every definition into a CloudWatch alarm
 * (and the audiences into SNS topics); the local runtime's alarm evaluator (local/cloudwatch/) evaluates the very same
 * objects over the metric data points the handlers emit locally, so the console shows the same alarm states offline.
 *
 * Audiences are who is told: operations (工位 staff and the network operations centre), supervisors (主管),
 * department heads (部门负责人) and key account managers (大客户经理). A group customer's trouble reaches department
 * heads; a stage owned by the account manager reaches the key account managers; network stages reach operations.
 */
import { slaDimensionNames, slaMetricNames, slaMetricsNamespace, slaMetricsService } from './sla-metric-names.ts';
import type { SlaMetricName } from './sla-metric-names.ts';
import { accountTiers } from '../domain/accounts.ts';
import type { AccountTier } from '../domain/accounts.ts';
import { stageDefinitions } from '../domain/order-stages.ts';
import type { OrderStage } from '../domain/order-stages.ts';

export const alarmAudiences = ['OPERATIONS', 'SUPERVISORS', 'DEPARTMENT_HEADS', 'KEY_ACCOUNT_MANAGERS'] as const;
export type AlarmAudience = (typeof alarmAudiences)[number];

export const alarmStates = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;
export type AlarmState = (typeof alarmStates)[number];

/** CloudWatch's statistics: the simple ones and percentiles such as p90. */
export type AlarmStatistic = 'Average' | 'Sum' | 'SampleCount' | 'Minimum' | 'Maximum' | `p${number}`;
export type ThresholdComparison = 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
export type AnomalyComparison = 'GreaterThanUpperThreshold' | 'LessThanLowerThreshold' | 'LessThanLowerOrGreaterThanUpperThreshold';
/** What an evaluation period without data counts as (CloudWatch's TreatMissingData). */
export type MissingDataTreatment = 'notBreaching' | 'breaching' | 'missing' | 'ignore';

interface MetricAlarmBase {
  readonly name: string;
  readonly description: string;
  readonly audience: readonly AlarmAudience[];
  readonly namespace: string;
  readonly metricName: SlaMetricName;
  /** Exactly the metric's dimensions (CloudWatch matches the full set), `service` included. */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: AlarmStatistic;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** Of the evaluation periods, how many must breach (M of N). */
  readonly datapointsToAlarm: number;
  readonly treatMissingData: MissingDataTreatment;
}

export interface ThresholdAlarmDefinition extends MetricAlarmBase {
  readonly kind: 'threshold';
  readonly comparison: ThresholdComparison;
  readonly threshold: number;
}

export interface AnomalyAlarmDefinition extends MetricAlarmBase {
  readonly kind: 'anomaly';
  readonly comparison: AnomalyComparison;
  /** Width of the expected band in standard deviations. */
  readonly bandStandardDeviations: number;
}

export interface CompositeAlarmDefinition {
  readonly kind: 'composite';
  readonly name: string;
  readonly description: string;
  readonly audience: readonly AlarmAudience[];
  /** In ALARM when any of these alarms is. */
  readonly anyOf: readonly string[];
}

export type MetricAlarmDefinition = ThresholdAlarmDefinition | AnomalyAlarmDefinition;
export type AlarmDefinition = MetricAlarmDefinition | CompositeAlarmDefinition;

const hour = 3600;
const day = 24 * hour;

const service = { service: slaMetricsService };
const stageDimension = (stage: string) => ({ ...service, [slaDimensionNames.stage]: stage });
const tierDimension = (tier: AccountTier) => ({ ...service, [slaDimensionNames.tier]: tier });

/** The share of stages finished on time that each tier is promised. */
export const onTimeTargetByTier: Readonly<Record<AccountTier, number>> = { GROUP: 0.95, PROVINCIAL: 0.9, LOCAL: 0.85 };

/** Stages with a time limit (docs/domain.md, "The order loop"); a network build runs to its own agreed date. */
export const timedStages = ['ORDER_ACCEPTANCE', 'RESOURCE_CONFIRMATION', 'ACTIVATION', 'TEST', 'CUSTOMER_ACCEPTANCE', 'BILLING_START', 'CRM_CLOSE'] as const satisfies readonly OrderStage[];

const slug = (value: string) => value.toLowerCase().replaceAll('_', '-');

function stageAudience(stage: OrderStage, tier: AccountTier): AlarmAudience[] {
  const owner: AlarmAudience = stageDefinitions[stage].workPosition === 'ACCOUNT_MANAGER' || stageDefinitions[stage].workPosition === 'ACCEPTANCE_DESK' ? 'KEY_ACCOUNT_MANAGERS' : 'OPERATIONS';
  return tier === 'GROUP' ? [owner, 'SUPERVISORS', 'DEPARTMENT_HEADS'] : [owner, 'SUPERVISORS'];
}

function onTimeAlarm(stage: (typeof timedStages)[number], tier: AccountTier): ThresholdAlarmDefinition {
  const target = onTimeTargetByTier[tier];
  return {
    kind: 'threshold',
    name: `kamflow-on-time-${slug(stage)}-${slug(tier)}`,
    description: `On-time rate of ${stage} for ${tier} accounts fell below ${target * 100} % today.`,
    audience: stageAudience(stage, tier),
    namespace: slaMetricsNamespace,
    metricName: slaMetricNames.stageOnTime,
    dimensions: { ...stageDimension(stage), [slaDimensionNames.tier]: tier },
    statistic: 'Average',
    periodSeconds: day,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparison: 'LessThanThreshold',
    threshold: target,
    // No stage finished today is not a missed target.
    treatMissingData: 'notBreaching',
  };
}

function breachAlarm(tier: AccountTier): ThresholdAlarmDefinition {
  return {
    kind: 'threshold',
    name: `kamflow-breaches-${slug(tier)}`,
    description: `A stage or order of a ${tier} account breached its due time.`,
    audience: tier === 'GROUP' ? ['KEY_ACCOUNT_MANAGERS', 'SUPERVISORS', 'DEPARTMENT_HEADS'] : ['KEY_ACCOUNT_MANAGERS', 'SUPERVISORS'],
    namespace: slaMetricsNamespace,
    metricName: slaMetricNames.slaBreaches,
    dimensions: tierDimension(tier),
    statistic: 'Sum',
    periodSeconds: hour,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparison: 'GreaterThanThreshold',
    threshold: 0,
    treatMissingData: 'notBreaching',
  };
}

function atRiskAlarm(tier: AccountTier): ThresholdAlarmDefinition {
  return {
    kind: 'threshold',
    name: `kamflow-at-risk-${slug(tier)}`,
    description: `Five or more stages or orders of ${tier} accounts were found at risk within an hour.`,
    audience: ['KEY_ACCOUNT_MANAGERS', 'SUPERVISORS'],
    namespace: slaMetricsNamespace,
    metricName: slaMetricNames.ordersAtRisk,
    dimensions: tierDimension(tier),
    statistic: 'Sum',
    periodSeconds: hour,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: 5,
    treatMissingData: 'notBreaching',
  };
}

export const activationCallbackLatencyAlarm: ThresholdAlarmDefinition = {
  kind: 'threshold',
  name: 'kamflow-activation-callback-latency',
  description: 'Provisioning systems take more than 4 hours (p90) to answer activation requests.',
  audience: ['OPERATIONS'],
  namespace: slaMetricsNamespace,
  metricName: slaMetricNames.callbackLatency,
  dimensions: stageDimension('ACTIVATION'),
  statistic: 'p90',
  periodSeconds: hour,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  comparison: 'GreaterThanThreshold',
  threshold: 4 * hour,
  treatMissingData: 'notBreaching',
};

export const activationFailuresAlarm: ThresholdAlarmDefinition = {
  kind: 'threshold',
  name: 'kamflow-activation-failures',
  description: 'Three or more activations failed within an hour.',
  audience: ['OPERATIONS'],
  namespace: slaMetricsNamespace,
  metricName: slaMetricNames.stageFailed,
  dimensions: stageDimension('ACTIVATION'),
  statistic: 'Sum',
  periodSeconds: hour,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  comparison: 'GreaterThanOrEqualToThreshold',
  threshold: 3,
  treatMissingData: 'notBreaching',
};

export const activationDurationAnomalyAlarm: AnomalyAlarmDefinition = {
  kind: 'anomaly',
  name: 'kamflow-activation-duration-anomaly',
  description: 'Activations take unusually long compared with their recent history (above the expected band).',
  audience: ['OPERATIONS', 'DEPARTMENT_HEADS'],
  namespace: slaMetricsNamespace,
  metricName: slaMetricNames.stageWorkingHours,
  dimensions: stageDimension('ACTIVATION'),
  statistic: 'Average',
  periodSeconds: hour,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  comparison: 'GreaterThanUpperThreshold',
  bandStandardDeviations: 2,
  treatMissingData: 'notBreaching',
};

export const onTimeAlarms: readonly ThresholdAlarmDefinition[] = timedStages.flatMap((stage) => accountTiers.map((tier) => onTimeAlarm(stage, tier)));

export const provisioningLoopUnhealthyAlarm: CompositeAlarmDefinition = {
  kind: 'composite',
  name: 'kamflow-provisioning-loop-unhealthy',
  description: 'The provisioning loop is unhealthy: activations fail, answer slowly, run unusually long or miss their due time.',
  audience: ['OPERATIONS', 'DEPARTMENT_HEADS'],
  anyOf: [
    activationFailuresAlarm.name,
    activationCallbackLatencyAlarm.name,
    activationDurationAnomalyAlarm.name,
    ...onTimeAlarms.filter((alarm) => alarm.dimensions[slaDimensionNames.stage] === 'ACTIVATION').map((alarm) => alarm.name),
  ],
};

/** Every SLA alarm; composite alarms come after the alarms they name. */
export const alarmDefinitions: readonly AlarmDefinition[] = [
  ...onTimeAlarms,
  ...accountTiers.map(breachAlarm),
  ...accountTiers.map(atRiskAlarm),
  activationCallbackLatencyAlarm,
  activationFailuresAlarm,
  activationDurationAnomalyAlarm,
  provisioningLoopUnhealthyAlarm,
];

export function isMetricAlarm(definition: AlarmDefinition): definition is MetricAlarmDefinition {
  return definition.kind !== 'composite';
}

/** The SNS topic of an audience: kamflow-alarms-operations, kamflow-alarms-department-heads, ... */
export function audienceTopicName(audience: AlarmAudience): string {
  return `kamflow-alarms-${slug(audience)}`;
}
