/**
 * The SLA alarms of functions/commons/alarm-definitions.ts as CloudWatch alarms: one SNS topic per audience (with the
 * deployment's subscribers), a metric or anomaly-detection alarm per metric definition, a composite alarm per
 * composite definition, each notifying the topics of its audience; and the SLA rows of the dashboard.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmRule,
  AlarmState,
  AlarmStatusWidget,
  AnomalyDetectionAlarm,
  ComparisonOperator,
  CompositeAlarm,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { Dashboard, IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmAudiences, audienceTopicName, isMetricAlarm, timedStages } from '../../functions/commons/alarm-definitions.ts';
import type { AlarmAudience, AlarmDefinition, MetricAlarmDefinition } from '../../functions/commons/alarm-definitions.ts';
import { slaDimensionNames, slaMetricNames, slaMetricsNamespace, slaMetricsService } from '../../functions/commons/sla-metric-names.ts';
import { accountTiers } from '../../functions/domain/accounts.ts';
import type { NotificationSubscribers } from '../notification-subscribers.ts';
import { subscribeTopic } from './topic-subscribers.ts';

export interface SlaAlarmsProps {
  readonly definitions: readonly AlarmDefinition[];
  /** The deployment's subscribers; those of each audience's topic are used here. */
  readonly subscribers?: NotificationSubscribers | undefined;
  /** Where the SLA widgets go. */
  readonly dashboard: Dashboard;
  /** The stage's prefix of the alarms' names (stage-names.ts). */
  readonly namePrefix?: string | undefined;
}

export const comparisonOperators: Readonly<Record<MetricAlarmDefinition['comparison'], ComparisonOperator>> = {
  GreaterThanThreshold: ComparisonOperator.GREATER_THAN_THRESHOLD,
  GreaterThanOrEqualToThreshold: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  LessThanThreshold: ComparisonOperator.LESS_THAN_THRESHOLD,
  LessThanOrEqualToThreshold: ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
  GreaterThanUpperThreshold: ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD,
  LessThanLowerThreshold: ComparisonOperator.LESS_THAN_LOWER_THRESHOLD,
  LessThanLowerOrGreaterThanUpperThreshold: ComparisonOperator.LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD,
};

export const missingData: Readonly<Record<MetricAlarmDefinition['treatMissingData'], TreatMissingData>> = {
  notBreaching: TreatMissingData.NOT_BREACHING,
  breaching: TreatMissingData.BREACHING,
  missing: TreatMissingData.MISSING,
  ignore: TreatMissingData.IGNORE,
};

/** A construct id from an alarm name: kamflow-on-time-activation-group → OnTimeActivationGroup. */
export function constructIdOf(name: string): string {
  return name
    .replace(/^kamflow-/, '')
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

function metricOf(definition: MetricAlarmDefinition): Metric {
  return new Metric({
    namespace: definition.namespace,
    metricName: definition.metricName,
    dimensionsMap: { ...definition.dimensions },
    statistic: definition.statistic,
    period: Duration.seconds(definition.periodSeconds),
  });
}

/** A CloudWatch alarm named and built as a metric definition says (shared with the operator alarms). */
export function metricAlarmOf(scope: Construct, definition: MetricAlarmDefinition, namePrefix: string): Alarm {
  const common = {
    alarmName: `${namePrefix}${definition.name}`,
    alarmDescription: definition.description,
    metric: metricOf(definition),
    evaluationPeriods: definition.evaluationPeriods,
    datapointsToAlarm: definition.datapointsToAlarm,
    comparisonOperator: comparisonOperators[definition.comparison],
    treatMissingData: missingData[definition.treatMissingData],
  };
  const id = constructIdOf(definition.name);
  return definition.kind === 'anomaly'
    ? new AnomalyDetectionAlarm(scope, id, { ...common, stdDevs: definition.bandStandardDeviations })
    : new Alarm(scope, id, { ...common, threshold: definition.threshold });
}

const slaMetric = (metricName: string, dimensions: Record<string, string>, statistic: string, label: string) =>
  new Metric({ namespace: slaMetricsNamespace, metricName, dimensionsMap: { service: slaMetricsService, ...dimensions }, statistic, label, period: Duration.hours(1) });

export class SlaAlarms extends Construct {
  readonly topics: ReadonlyMap<AlarmAudience, Topic>;
  /** The dead-letter queue of each audience topic's subscriptions (audiences with subscribers only). */
  readonly undeliveredNotifications: ReadonlyMap<AlarmAudience, Queue>;
  /** Every alarm by its name (the definition's name, also its CloudWatch AlarmName). */
  readonly alarms: ReadonlyMap<string, IAlarm>;

  /** The stage's prefix of the alarms' names (stage-names.ts): two stages in one account name their alarms apart. */
  private readonly namePrefix: string;

  constructor(scope: Construct, id: string, props: SlaAlarmsProps) {
    super(scope, id);
    this.namePrefix = props.namePrefix ?? '';

    const topics = new Map<AlarmAudience, Topic>();
    const undeliveredNotifications = new Map<AlarmAudience, Queue>();
    for (const audience of alarmAudiences) {
      // Named by CloudFormation: a fixed name would allow one copy per account and region.
      const topic = new Topic(this, `${constructIdOf(audienceTopicName(audience))}Topic`, {
        displayName: `KAMflow SLA alarms: ${audience.toLowerCase().replaceAll('_', ' ')}`,
        enforceSSL: true,
      });
      const undelivered = subscribeTopic(topic, props.subscribers?.[audience]);
      if (undelivered) undeliveredNotifications.set(audience, undelivered);
      topics.set(audience, topic);
    }
    this.topics = topics;
    this.undeliveredNotifications = undeliveredNotifications;

    const alarms = new Map<string, IAlarm>();
    for (const definition of props.definitions) {
      const alarm = isMetricAlarm(definition) ? metricAlarmOf(this, definition, this.namePrefix) : this.compositeAlarm(definition, alarms);
      for (const audience of definition.audience) {
        const topic = topics.get(audience);
        if (topic) alarm.addAlarmAction(new SnsAction(topic));
      }
      alarms.set(definition.name, alarm);
    }
    this.alarms = alarms;
    this.addDashboardWidgets(props.dashboard);
  }

  private compositeAlarm(definition: Extract<AlarmDefinition, { kind: 'composite' }>, alarms: ReadonlyMap<string, IAlarm>): CompositeAlarm {
    const children = definition.anyOf.map((name) => {
      const child = alarms.get(name);
      if (!child) throw new Error(`composite alarm ${definition.name} names ${name}, which is not defined before it`);
      return AlarmRule.fromAlarm(child, AlarmState.ALARM);
    });
    return new CompositeAlarm(this, constructIdOf(definition.name), {
      compositeAlarmName: `${this.namePrefix}${definition.name}`,
      alarmDescription: definition.description,
      alarmRule: AlarmRule.anyOf(...children),
    });
  }

  private addDashboardWidgets(dashboard: Dashboard): void {
    const stage = slaDimensionNames.stage;
    const tier = slaDimensionNames.tier;
    dashboard.addWidgets(
      new TextWidget({ markdown: '## SLA\nOn-time rate, working hours, jeopardy, breaches and provisioning callbacks. Alarms notify the `kamflow-alarms-*` topic of their audience.', width: 24, height: 2 }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'On-time rate by stage',
        left: timedStages.map((name) => slaMetric(slaMetricNames.stageOnTime, { [stage]: name }, 'Average', name)),
        leftYAxis: { min: 0, max: 1 },
        width: 12,
      }),
      new GraphWidget({
        title: 'Stage working hours (average)',
        left: timedStages.map((name) => slaMetric(slaMetricNames.stageWorkingHours, { [stage]: name }, 'Average', name)),
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'At risk and breaches by tier',
        left: accountTiers.map((name) => slaMetric(slaMetricNames.ordersAtRisk, { [tier]: name }, 'Sum', `at risk ${name}`)),
        right: accountTiers.map((name) => slaMetric(slaMetricNames.slaBreaches, { [tier]: name }, 'Sum', `breaches ${name}`)),
        width: 12,
      }),
      new GraphWidget({
        title: 'Activation callback latency (s) and failures',
        left: ['p50', 'p90'].map((statistic) => slaMetric(slaMetricNames.callbackLatency, { [stage]: 'ACTIVATION' }, statistic, `latency ${statistic}`)),
        right: [slaMetric(slaMetricNames.stageFailed, { [stage]: 'ACTIVATION' }, 'Sum', 'failed activations')],
        width: 12,
      }),
    );
    const activationHours = slaMetric(slaMetricNames.stageWorkingHours, { [stage]: 'ACTIVATION' }, 'Average', 'activation working hours');
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Activation duration and its expected band',
        left: [activationHours, new MathExpression({ expression: 'ANOMALY_DETECTION_BAND(m1, 2)', usingMetrics: { m1: activationHours }, label: 'expected band', period: Duration.hours(1) })],
        width: 12,
      }),
      new AlarmStatusWidget({ title: 'SLA alarms', alarms: [...this.alarms.values()], width: 12, height: 8 }),
    );
  }
}
