/**
 * The operator alarms of functions/commons/alarm-definitions.ts as CloudWatch alarms: the SLA sweep's (on the
 * handlers' metrics, named as defined, like the SLA alarms) and one alarm per monitored resource for every definition on
 * an AWS-service metric (every function's errors and throttles, the table's throttled requests, the API's 5xx and p99
 * latency, the workflow's failed, timed-out, aborted and throttled executions, every rule's failed deliveries, every
 * dead-letter queue's depth). Each notifies its audience's topic and, when the definition says so, the SLA managers.
 * The dashboard gets an "Operations" section with their graphs and states.
 */
import { Duration } from 'aws-cdk-lib';
import type { RestApiBase } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, AlarmStatusWidget, GraphWidget, MathExpression, Metric, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { Dashboard, IAlarm, IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus, IRule } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { AlarmAudience, MonitoredResourceKind, OperatorAlarmDefinition, ResourceAlarmDefinition } from '../../functions/commons/alarm-definitions.ts';
import { slaMetricsNamespace, slaMetricsService, slaSweepMetricNames } from '../../functions/commons/sla-metric-names.ts';
import { comparisonOperators, constructIdOf, metricAlarmOf, missingData } from './sla-alarms.ts';

export interface MonitoredRule {
  readonly rule: IRule;
  /** The custom bus the rule is on; absent for the default bus (EventBridge then reports RuleName alone). */
  readonly eventBus?: IEventBus | undefined;
}

/** What KAMflow runs, by the label its alarms and graphs carry. */
export interface MonitoredResources {
  readonly functions: ReadonlyMap<string, IFunction>;
  /** Functions fed by a stream (their iterator age says whether they keep up). */
  readonly streamConsumers: ReadonlyMap<string, IFunction>;
  readonly tables: ReadonlyMap<string, ITable>;
  readonly restApis: ReadonlyMap<string, RestApiBase>;
  readonly stateMachines: ReadonlyMap<string, IStateMachine>;
  readonly eventRules: ReadonlyMap<string, MonitoredRule>;
  readonly deadLetterQueues: ReadonlyMap<string, IQueue>;
}

export interface OperatorAlarmsProps {
  readonly definitions: readonly OperatorAlarmDefinition[];
  /** The stage's prefix of named alarms (stage-names.ts). */
  readonly namePrefix?: string | undefined;
  readonly resources: MonitoredResources;
  readonly audienceTopics: ReadonlyMap<AlarmAudience, ITopic>;
  readonly slaManagersTopic: ITopic;
  readonly dashboard: Dashboard;
}

/** CloudWatch shows at most 100 alarms in one alarm status widget. */
const alarmsPerStatusWidget = 100;

type Dimensions = Record<string, string>;

function resourcesOfKind(resources: MonitoredResources, kind: MonitoredResourceKind): [string, Dimensions][] {
  const each = <T>(map: ReadonlyMap<string, T>, dimensions: (resource: T) => Dimensions): [string, Dimensions][] => [...map].map(([label, resource]) => [label, dimensions(resource)]);
  switch (kind) {
    case 'function':
      return each(resources.functions, (fn) => ({ FunctionName: fn.functionName }));
    case 'stream-consumer':
      return each(resources.streamConsumers, (fn) => ({ FunctionName: fn.functionName }));
    case 'table':
      return each(resources.tables, (table) => ({ TableName: table.tableName }));
    case 'rest-api':
      return each(resources.restApis, (api) => ({ ApiName: api.restApiName }));
    case 'state-machine':
      return each(resources.stateMachines, (stateMachine) => ({ StateMachineArn: stateMachine.stateMachineArn }));
    case 'event-rule':
      return each(resources.eventRules, ({ rule, eventBus }): Dimensions => (eventBus ? { EventBusName: eventBus.eventBusName, RuleName: rule.ruleName } : { RuleName: rule.ruleName }));
    case 'dead-letter-queue':
      return each(resources.deadLetterQueues, (queue) => ({ QueueName: queue.queueName }));
  }
}

/** Labelled for graphs; an alarm's metric carries no label, so CloudFormation gets a plain metric alarm. */
function resourceMetric(definition: ResourceAlarmDefinition, dimensions: Dimensions, label?: string): IMetric {
  const period = Duration.seconds(definition.periodSeconds);
  const metric = (extra: Dimensions = {}) =>
    new Metric({ namespace: definition.namespace, metricName: definition.metricName, dimensionsMap: { ...dimensions, ...extra }, statistic: definition.statistic, period, ...(label === undefined || definition.sumOver ? {} : { label }) });
  if (!definition.sumOver) return metric();
  const { dimension, values } = definition.sumOver;
  const usingMetrics = Object.fromEntries(values.map((value, index) => [`m${index}`, metric({ [dimension]: value })]));
  // Absent data for an operation is no throttling, not an unknown sum.
  return new MathExpression({ expression: Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(' + '), usingMetrics, period, ...(label === undefined ? {} : { label }) });
}

/** A construct id from a resource label: `createProductOrder`, `Order events` → CreateProductOrder, OrderEvents. */
function labelIdOf(label: string): string {
  return label
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export class OperatorAlarms extends Construct {
  /** Every operator alarm: by definition name for the sweep's, `<definition name>/<resource label>` for the others. */
  readonly alarms: ReadonlyMap<string, IAlarm>;

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    const alarms = new Map<string, IAlarm>();
    for (const definition of props.definitions) {
      if (definition.kind === 'threshold') {
        alarms.set(definition.name, this.notify(metricAlarmOf(this, definition, props.namePrefix ?? ''), definition, props));
        continue;
      }
      for (const [label, dimensions] of resourcesOfKind(props.resources, definition.resource)) {
        const alarm = new Alarm(this, `${constructIdOf(definition.name)}${labelIdOf(label)}`, {
          alarmDescription: `${label}: ${definition.description}`,
          metric: resourceMetric(definition, dimensions),
          threshold: definition.threshold,
          comparisonOperator: comparisonOperators[definition.comparison],
          evaluationPeriods: definition.evaluationPeriods,
          datapointsToAlarm: definition.datapointsToAlarm,
          treatMissingData: missingData[definition.treatMissingData],
        });
        alarms.set(`${definition.name}/${label}`, this.notify(alarm, definition, props));
      }
    }
    this.alarms = alarms;
    this.addDashboardWidgets(props);
  }

  private notify(alarm: Alarm, definition: OperatorAlarmDefinition, props: OperatorAlarmsProps): Alarm {
    for (const audience of definition.audience) {
      const topic = props.audienceTopics.get(audience);
      if (topic) alarm.addAlarmAction(new SnsAction(topic));
    }
    if (definition.notifiesSlaManagers) alarm.addAlarmAction(new SnsAction(props.slaManagersTopic));
    return alarm;
  }

  private addDashboardWidgets(props: OperatorAlarmsProps): void {
    const { dashboard, resources } = props;
    const graphOf = (kind: MonitoredResourceKind, metricName: string) => {
      const definition = props.definitions.find((entry): entry is ResourceAlarmDefinition => entry.kind === 'resource' && entry.resource === kind && entry.metricName === metricName);
      if (!definition) throw new Error(`no operator alarm definition watches ${metricName} of every ${kind}`);
      return resourcesOfKind(resources, kind).map(([label, dimensions]) => resourceMetric(definition, dimensions, label));
    };
    const sweepMetric = (metricName: string, label: string) =>
      new Metric({ namespace: slaMetricsNamespace, metricName, dimensionsMap: { service: slaMetricsService }, statistic: 'Sum', period: Duration.minutes(1), label });
    dashboard.addWidgets(
      new TextWidget({
        markdown: '## Operations\nIs KAMflow itself healthy: the SLA sweep, throttling, failed deliveries and dead letters. Alarms notify `kamflow-alarms-operations` (and `kamflow-sla-managers` where orders, escalations or order events are at stake).',
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'SLA sweep runs',
        left: [sweepMetric(slaSweepMetricNames.succeeded, 'succeeded'), sweepMetric(slaSweepMetricNames.failed, 'failed')],
        width: 8,
      }),
      new GraphWidget({ title: 'DynamoDB throttled requests', left: graphOf('table', 'ThrottledRequests'), width: 8 }),
      new GraphWidget({
        title: 'Order fulfilment: throttled and aborted',
        left: [...graphOf('state-machine', 'ExecutionThrottled'), ...graphOf('state-machine', 'ExecutionsAborted')],
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'EventBridge failed invocations', left: graphOf('event-rule', 'FailedInvocations'), width: 8 }),
      new GraphWidget({ title: 'Dead-letter queue depth', left: graphOf('dead-letter-queue', 'ApproximateNumberOfMessagesVisible'), width: 8 }),
      new GraphWidget({ title: 'Order event stream: iterator age (ms)', left: graphOf('stream-consumer', 'IteratorAge'), width: 8 }),
    );
    const all = [...this.alarms.values()];
    for (let start = 0; start < all.length; start += alarmsPerStatusWidget) {
      const part = all.length > alarmsPerStatusWidget ? ` (${start / alarmsPerStatusWidget + 1})` : '';
      dashboard.addWidgets(new AlarmStatusWidget({ title: `Operator alarms${part}`, alarms: all.slice(start, start + alarmsPerStatusWidget), width: 24, height: 6 }));
    }
  }
}
