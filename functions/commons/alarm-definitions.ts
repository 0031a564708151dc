/**
 * The alarms, defined once as data: the SLA alarms (for managers) and the operator alarms (is KAMflow itself healthy).
 * Each metric alarm says where its metric comes from: `handlers` (EMF lines the handlers write, which exist locally
 * too) or `aws-service` (a metric AWS publishes for a resource, which only exists on AWS: CDK creates those alarms,
 * the local evaluator does not evaluate them).
 *
 * The SLA alarms, in detail. infra/constructs/sla-alarms.ts turns every definition into a CloudWatch alarm
 * (and the audiences into SNS topics); the local runtime's alarm evaluator (local/cloudwatch/) evaluates the very same
 * objects over the metric data points the handlers emit locally, so the console shows the same alarm states offline.
 *
 * Audiences are who is told: operations (工位 staff and the network operations centre), supervisors (主管),
 * department heads (部门负责人) and key account managers (大客户经理). A group customer's trouble reaches department
 * heads; a stage owned by the account manager reaches the key account managers; network stages reach operations.
 */
import { slaDimensionNames, slaMetricNames, slaMetricsNamespace, slaMetricsService, slaSweepMetricNames } from './sla-metric-names.ts';
import type { SlaMetricName, SlaSweepMetricName } from './sla-metric-names.ts';
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
  /** The handlers' EMF lines: evaluated on AWS and by the local evaluator alike. */
  readonly metricSource: 'handlers';
  readonly name: string;
  readonly description: string;
  readonly audience: readonly AlarmAudience[];
  readonly namespace: string;
  readonly metricName: SlaMetricName | SlaSweepMetricName;
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
    metricSource: 'handlers',
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
    metricSource: 'handlers',
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
    metricSource: 'handlers',
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
  metricSource: 'handlers',
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
  metricSource: 'handlers',
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
  metricSource: 'handlers',
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

// ------------------------------------------------------------------ operator alarms: is KAMflow itself healthy

/** An operator alarm on a handler metric; `notifiesSlaManagers` also tells the kamflow-sla-managers topic. */
export interface OperatorThresholdAlarmDefinition extends ThresholdAlarmDefinition {
  readonly notifiesSlaManagers: boolean;
}

/** The kinds of resource an AWS-service alarm watches; CDK knows which resources of each kind KAMflow has. */
export const monitoredResourceKinds = ['function', 'stream-consumer', 'table', 'rest-api', 'state-machine', 'event-rule', 'dead-letter-queue'] as const;
export type MonitoredResourceKind = (typeof monitoredResourceKinds)[number];

/**
 * An alarm on a metric AWS publishes, one per resource of its kind (every function, every rule, ...). CDK-only: these
 * metrics do not exist on the local stack. CDK fills in the resource's dimensions (FunctionName, TableName, ApiName,
 * StateMachineArn, RuleName and EventBusName, QueueName) and leaves the alarm's name to CloudFormation.
 */
export interface ResourceAlarmDefinition {
  readonly kind: 'resource';
  readonly metricSource: 'aws-service';
  /** Identifies the definition (alarm construct ids and descriptions derive from it). */
  readonly name: string;
  readonly description: string;
  readonly audience: readonly AlarmAudience[];
  readonly notifiesSlaManagers: boolean;
  readonly resource: MonitoredResourceKind;
  readonly namespace: string;
  readonly metricName: string;
  /** Watch the sum of the metric over these values of a dimension (DynamoDB reports ThrottledRequests per Operation). */
  readonly sumOver?: { readonly dimension: string; readonly values: readonly string[] };
  readonly statistic: AlarmStatistic;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly comparison: ThresholdComparison;
  readonly threshold: number;
  readonly treatMissingData: MissingDataTreatment;
}

export type OperatorAlarmDefinition = OperatorThresholdAlarmDefinition | ResourceAlarmDefinition;

const minute = 60;
const anyInFiveMinutes = { statistic: 'Sum', periodSeconds: 5 * minute, evaluationPeriods: 1, datapointsToAlarm: 1, comparison: 'GreaterThanThreshold', threshold: 0, treatMissingData: 'notBreaching' } as const;
const anyInAMinute = { ...anyInFiveMinutes, periodSeconds: minute } as const;

/** Failed runs in 3 of the last 5 minutes: one failure is caught up by the next run (it reads from its watermark). */
export const slaSweepFailuresAlarm: OperatorThresholdAlarmDefinition = {
  kind: 'threshold',
  metricSource: 'handlers',
  name: 'kamflow-sla-sweep-failures',
  description: 'The SLA sweep failed in 3 of the last 5 minutes: jeopardy alerts and escalations are late.',
  audience: ['OPERATIONS'],
  notifiesSlaManagers: false,
  namespace: slaMetricsNamespace,
  metricName: slaSweepMetricNames.failed,
  dimensions: service,
  statistic: 'Sum',
  periodSeconds: minute,
  evaluationPeriods: 5,
  datapointsToAlarm: 3,
  comparison: 'GreaterThanThreshold',
  threshold: 0,
  treatMissingData: 'notBreaching',
};

/** No run finished for 5 minutes; a sweep that is not invoked at all writes nothing, so no data counts as breaching. */
export const slaSweepStalledAlarm: OperatorThresholdAlarmDefinition = {
  kind: 'threshold',
  metricSource: 'handlers',
  name: 'kamflow-sla-sweep-stalled',
  description: 'No SLA sweep succeeded for 5 minutes: no jeopardy alert, breach or escalation is being recorded.',
  audience: ['OPERATIONS'],
  notifiesSlaManagers: true,
  namespace: slaMetricsNamespace,
  metricName: slaSweepMetricNames.succeeded,
  dimensions: service,
  statistic: 'Sum',
  periodSeconds: minute,
  evaluationPeriods: 5,
  datapointsToAlarm: 5,
  comparison: 'LessThanThreshold',
  threshold: 1,
  treatMissingData: 'breaching',
};

const resourceAlarm = (definition: Omit<ResourceAlarmDefinition, 'kind' | 'metricSource'>): ResourceAlarmDefinition => ({ kind: 'resource', metricSource: 'aws-service', ...definition });

/** The DynamoDB operations KAMflow sends (functions/data/), over which throttled requests are summed. */
export const tableOperations = ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems'] as const;

export const resourceAlarmDefinitions: readonly ResourceAlarmDefinition[] = [
  resourceAlarm({
    name: 'kamflow-function-errors',
    description: 'The function failed (an unhandled error, a timeout or a crash) in the last 5 minutes.',
    audience: ['OPERATIONS'],
    notifiesSlaManagers: false,
    resource: 'function',
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    ...anyInFiveMinutes,
  }),
  resourceAlarm({
    name: 'kamflow-function-throttles',
    description: 'Invocations of the function were throttled in the last 5 minutes (concurrency limit reached).',
    audience: ['OPERATIONS'],
    notifiesSlaManagers: false,
    resource: 'function',
    namespace: 'AWS/Lambda',
    metricName: 'Throttles',
    ...anyInFiveMinutes,
  }),
  resourceAlarm({
    name: 'kamflow-stream-iterator-age',
    description: 'The order event dispatcher is more than 5 minutes behind the table stream (15 minutes running).',
    audience: ['OPERATIONS'],
    notifiesSlaManagers: true,
    resource: 'stream-consumer',
    namespace: 'AWS/Lambda',
    metricName: 'IteratorAge',
    statistic: 'Maximum',
    periodSeconds: 5 * minute,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    comparison: 'GreaterThanThreshold',
    threshold: 5 * minute * 1000,
    treatMissingData: 'notBreaching',
  }),
  resourceAlarm({
    name: 'kamflow-table-throttled-requests',
    description: 'DynamoDB throttled requests to the table in the last 5 minutes.',
    audience: ['OPERATIONS'],
    notifiesSlaManagers: false,
    resource: 'table',
    namespace: 'AWS/DynamoDB',
    metricName: 'ThrottledRequests',
    sumOver: { dimension: 'Operation', values: tableOperations },
    ...anyInFiveMinutes,
  }),
  resourceAlarm({
    name: 'kamflow-api-5xx',
    description: 'The KAMflow API answered with a server error.',
    audience: ['OPERATIONS'],
    notifiesSlaManagers: true,
    resource: 'rest-api',
    namespace: 'AWS/ApiGateway',
    metricName: '5XXError',
    ...anyInAMinute,
  }),
  resourceAlarm({
    name: 'kamflow-api-latency-p99',
    description: 'The slowest 1 % of API requests took more than 3 s for 15 minutes.',
    audience: ['OPERATIONS'],
    notifiesSlaManagers: false,
    resource: 'rest-api',
    namespace: 'AWS/ApiGateway',
    metricName: 'Latency',
    statistic: 'p99',
    periodSeconds: 5 * minute,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    comparison: 'GreaterThanThreshold',
    threshold: 3000,
    treatMissingData: 'notBreaching',
  }),
  ...(
    [
      ['ExecutionsFailed', 'failed: the order is in the fallout queue'],
      ['ExecutionsTimedOut', 'timed out'],
      ['ExecutionsAborted', 'was stopped from outside KAMflow'],
    ] as const
  ).map(([metricName, what]) =>
    resourceAlarm({
      name: `kamflow-workflow-${slug(metricName.replace('Executions', ''))}`,
      description: `An order fulfilment execution ${what}.`,
      audience: ['OPERATIONS'],
      // An order left the closed loop.
      notifiesSlaManagers: true,
      resource: 'state-machine',
      namespace: 'AWS/States',
      metricName,
      ...anyInAMinute,
    }),
  ),
  resourceAlarm({
    name: 'kamflow-workflow-throttled',
    description: 'Step Functions throttled order fulfilment executions.',
    audience: ['OPERATIONS'],
    notifiesSlaManagers: false,
    resource: 'state-machine',
    namespace: 'AWS/States',
    metricName: 'ExecutionThrottled',
    ...anyInFiveMinutes,
  }),
  resourceAlarm({
    name: 'kamflow-rule-failed-invocations',
    description: 'EventBridge could not deliver events of the rule to its target, even to its dead-letter queue in time.',
    audience: ['OPERATIONS'],
    notifiesSlaManagers: false,
    resource: 'event-rule',
    namespace: 'AWS/Events',
    metricName: 'FailedInvocations',
    ...anyInFiveMinutes,
  }),
  resourceAlarm({
    name: 'kamflow-rule-dead-letter-failures',
    description: 'EventBridge could not put undeliverable events of the rule into its dead-letter queue: they are lost.',
    audience: ['OPERATIONS'],
    notifiesSlaManagers: false,
    resource: 'event-rule',
    namespace: 'AWS/Events',
    metricName: 'InvocationsFailedToBeSentToDlq',
    ...anyInFiveMinutes,
  }),
  resourceAlarm({
    name: 'kamflow-dead-letters',
    description: 'Messages wait in a dead-letter queue: events, escalations or stream positions that were not delivered.',
    audience: ['OPERATIONS'],
    notifiesSlaManagers: true,
    resource: 'dead-letter-queue',
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    ...anyInFiveMinutes,
    statistic: 'Maximum',
  }),
];

/** Every operator alarm: the sweep's (handler metrics) and those on AWS-service metrics. */
export const operatorAlarmDefinitions: readonly OperatorAlarmDefinition[] = [slaSweepFailuresAlarm, slaSweepStalledAlarm, ...resourceAlarmDefinitions];

/** What the local evaluator evaluates: every alarm whose metric the handlers write, SLA and operator alike. */
export const locallyEvaluatedAlarmDefinitions: readonly AlarmDefinition[] = [
  ...alarmDefinitions,
  ...operatorAlarmDefinitions.filter((definition): definition is OperatorThresholdAlarmDefinition => definition.metricSource === 'handlers'),
];
