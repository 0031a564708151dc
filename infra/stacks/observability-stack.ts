/**
 * What operations and SLA managers watch, over every other stack: one dashboard (API, workflow, functions, SLA,
 * operations), the SLA alarms and the operator alarms (functions/commons/alarm-definitions.ts), the topic per
 * audience and the kamflow-sla-managers topic (orders that left the closed loop, lost order events or escalations).
 */
import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { RestApiBase } from 'aws-cdk-lib/aws-apigateway';
import { Dashboard, GraphWidget, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { alarmDefinitions, operatorAlarmDefinitions } from '../../functions/commons/alarm-definitions.ts';
import { SlaAlarms } from '../constructs/sla-alarms.ts';
import { OperatorAlarms } from '../constructs/operator-alarms.ts';
import type { MonitoredResources } from '../constructs/operator-alarms.ts';
import type { NotificationSubscribers } from '../notification-subscribers.ts';
import { subscribeTopic } from '../constructs/topic-subscribers.ts';


export interface ObservabilityStackProps extends StackProps {
  readonly restApi: RestApiBase;
  readonly stateMachine: IStateMachine;
  /** Everything the operator alarms watch; functions by the name they have on the dashboard (operationId, task name ...). */
  readonly monitored: MonitoredResources;
  /** Who is told through the SLA managers' topic and each audience's topic; topics exist either way. */
  readonly subscribers?: NotificationSubscribers | undefined;
  /** The stage's prefix of the alarms' names (stage-names.ts). */
  readonly alarmNamePrefix: string;
}

export class ObservabilityStack extends Stack {
  readonly slaManagersTopic: Topic;
  readonly dashboard: Dashboard;
  readonly slaAlarms: SlaAlarms;
  readonly operatorAlarms: OperatorAlarms;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { restApi, stateMachine } = props;

    this.slaManagersTopic = new Topic(this, 'SlaManagersTopic', {
      displayName: 'KAMflow SLA managers',
      enforceSSL: true,
    });
    const undeliveredToSlaManagers = subscribeTopic(this.slaManagersTopic, props.subscribers?.SLA_MANAGERS);

    const functions = [...props.monitored.functions];
    this.dashboard = new Dashboard(this, 'Dashboard');
    this.dashboard.addWidgets(
      new TextWidget({ markdown: '# KAMflow\nAPI, order fulfilment workflow and Lambda functions; below them the SLA and the operations sections with their alarms.', width: 24, height: 2 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests and errors',
        left: [restApi.metricCount({ statistic: 'Sum' }), restApi.metricClientError({ statistic: 'Sum' }), restApi.metricServerError({ statistic: 'Sum' })],
        width: 12,
      }),
      new GraphWidget({
        title: 'API latency (ms)',
        left: ['p50', 'p90', 'p99'].map((statistic) => restApi.metricLatency({ statistic, label: `Latency ${statistic}` })),
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Order fulfilment executions',
        left: [
          stateMachine.metricStarted({ statistic: 'Sum' }),
          stateMachine.metricSucceeded({ statistic: 'Sum' }),
          stateMachine.metricFailed({ statistic: 'Sum' }),
          stateMachine.metricTimedOut({ statistic: 'Sum' }),
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Lambda errors',
        left: functions.map(([label, fn]) => fn.metricErrors({ statistic: 'Sum', label })),
        width: 12,
      }),
      new GraphWidget({
        title: 'Lambda throttles',
        left: functions.map(([label, fn]) => fn.metricThrottles({ statistic: 'Sum', label })),
        width: 12,
      }),
    );

    // The SLA alarms, from the same definitions the local alarm evaluator uses.
    this.slaAlarms = new SlaAlarms(this, 'SlaAlarms', { definitions: alarmDefinitions, subscribers: props.subscribers, dashboard: this.dashboard, namePrefix: props.alarmNamePrefix });
    this.operatorAlarms = new OperatorAlarms(this, 'OperatorAlarms', {
      definitions: operatorAlarmDefinitions,
      namePrefix: props.alarmNamePrefix,
      // The dead-letter queues of this stack's own topics' subscriptions are watched like every other.
      resources: {
        ...props.monitored,
        deadLetterQueues: new Map([
          ...props.monitored.deadLetterQueues,
          ...(undeliveredToSlaManagers ? [['SlaManagersNotifications', undeliveredToSlaManagers] as const] : []),
          ...[...this.slaAlarms.undeliveredNotifications].map(([audience, queue]) => [`${audience}Notifications`, queue] as const),
        ]),
      },
      audienceTopics: this.slaAlarms.topics,
      slaManagersTopic: this.slaManagersTopic,
      dashboard: this.dashboard,
    });
  }
}
