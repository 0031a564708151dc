/**
 * What operations watches: one dashboard (API, workflow, functions) and the alarms that page SLA managers through the
 * SLA managers topic (named by CloudFormation after the stack, as the dashboard is). A failed or timed-out execution is an order that left the closed loop, so any one alarms.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { RestApiBase } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, AlarmStatusWidget, ComparisonOperator, Dashboard, GraphWidget, TextWidget, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { alarmDefinitions } from '../../functions/commons/alarm-definitions.ts';
import { SlaAlarms } from '../constructs/sla-alarms.ts';
import type { AlarmSubscribers } from '../constructs/sla-alarms.ts';

const alarmPeriod = Duration.minutes(1);

export interface ObservabilityStackProps extends StackProps {
  readonly restApi: RestApiBase;
  readonly stateMachine: IStateMachine;
  /** Every KAMflow function, by the name it has on the dashboard (operationId or workflow task name). */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** Who gets the SLA alarms of each audience (email); topics exist either way. */
  readonly alarmSubscribers?: AlarmSubscribers | undefined;
  /** The stage's prefix of the SLA alarms' names (stage-names.ts). */
  readonly alarmNamePrefix: string;
}

export class ObservabilityStack extends Stack {
  readonly slaManagersTopic: Topic;
  readonly alarms: readonly Alarm[];
  readonly dashboard: Dashboard;
  readonly slaAlarms: SlaAlarms;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { restApi, stateMachine } = props;

    this.slaManagersTopic = new Topic(this, 'SlaManagersTopic', {
      displayName: 'KAMflow SLA managers',
      enforceSSL: true,
    });

    const anyIn = (id: string, description: string, metric: IMetric): Alarm => {
      const alarm = new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // No datapoints means nothing failed, not that something is wrong.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new SnsAction(this.slaManagersTopic));
      return alarm;
    };
    this.alarms = [
      anyIn('ExecutionsFailedAlarm', 'An order fulfilment execution failed: the order is in the fallout queue.', stateMachine.metricFailed({ period: alarmPeriod, statistic: 'Sum' })),
      anyIn('ExecutionsTimedOutAlarm', 'An order fulfilment execution timed out.', stateMachine.metricTimedOut({ period: alarmPeriod, statistic: 'Sum' })),
      anyIn('Api5xxAlarm', 'The KAMflow API answered with a server error.', restApi.metricServerError({ period: alarmPeriod, statistic: 'Sum' })),
    ];

    const functions = [...props.functions];
    this.dashboard = new Dashboard(this, 'Dashboard');
    this.dashboard.addWidgets(
      new TextWidget({ markdown: '# KAMflow\nAPI, order fulfilment workflow and Lambda functions. Alarms notify the SLA managers topic.', width: 24, height: 2 }),
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
      new AlarmStatusWidget({ title: 'Alarms', alarms: [...this.alarms], width: 12 }),
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
    this.slaAlarms = new SlaAlarms(this, 'SlaAlarms', { definitions: alarmDefinitions, subscribers: props.alarmSubscribers, dashboard: this.dashboard, namePrefix: props.alarmNamePrefix });
  }
}
