/**
 * Order events for listeners: the dispatcher function reads the table's stream (new audit-trail entries) and fans them
 * out to hub subscribers and the KAMflow orders bus on EventBridge; the retry function, run every minute, tries again
 * the deliveries that failed. A stream batch that keeps failing goes to a dead-letter queue after its retries.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { KamflowFunction } from '../constructs/kamflow-function.ts';
import { grantTableReadWrite } from '../grants.ts';

export interface EventsStackProps extends StackProps {
  readonly table: ITable;
  /** Where the stream's alarms notify (the observability stack's topic), when given. */
  readonly alarmTopic?: ITopic;
}

export class EventsStack extends Stack {
  readonly dispatcher: KamflowFunction;
  readonly retrier: KamflowFunction;
  readonly ordersBus: EventBus;
  readonly deadLetters: Queue;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: EventsStackProps) {
    super(scope, id, props);
    // Named by CloudFormation after the stack: the dispatcher is told the name (locally the bus is `kamflow-orders`).
    this.ordersBus = new EventBus(this, 'OrdersBus');
    this.deadLetters = new Queue(this, 'OrderEventsDeadLetters', { retentionPeriod: Duration.days(14), encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });

    this.dispatcher = new KamflowFunction(this, 'DispatchOrderEvents', {
      entry: 'functions/handlers/events/dispatch-order-events.ts',
      description: 'Order audit trail (table stream) → TMF622 notifications to hub subscribers and the orders bus',
      kind: 'workflow-task',
      table: props.table,
      environment: { ORDER_EVENTS_BUS_NAME: this.ordersBus.eventBusName },
    });
    grantTableReadWrite(this.dispatcher, props.table);
    this.ordersBus.grantPutEventsTo(this.dispatcher);
    this.dispatcher.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        // Only new audit-trail entries wake the function (ElectroDB marks each item with its entity).
        filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { __edb_e__: { S: FilterRule.isEqual('orderEvent') } } } })],
      }),
    );

    this.retrier = new KamflowFunction(this, 'RetryHubDeliveries', {
      entry: 'functions/handlers/scheduled/retry-hub-deliveries.ts',
      description: 'Tries again hub deliveries that failed and are due',
      kind: 'workflow-task',
      table: props.table,
    });
    grantTableReadWrite(this.retrier, props.table);
    new Rule(this, 'RetrySchedule', {
      description: 'Runs the hub delivery retry sweep every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.retrier, { retryAttempts: 0, maxEventAge: Duration.minutes(1) })],
    });

    // A record in the dead-letter queue is an audit event no listener and no bus consumer got: someone must look.
    // An iterator age that keeps growing means the dispatcher falls behind the table's changes.
    this.alarms = [
      new Alarm(this, 'OrderEventsDeadLettersAlarm', {
        alarmDescription: 'Order events were given up after their retries: their stream positions are in the dead-letter queue.',
        metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'OrderEventsIteratorAgeAlarm', {
        alarmDescription: 'The order event dispatcher is more than 5 minutes behind the table stream.',
        metric: new Metric({ namespace: 'AWS/Lambda', metricName: 'IteratorAge', dimensionsMap: { FunctionName: this.dispatcher.functionName }, period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: Duration.minutes(5).toMilliseconds(),
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
    if (props.alarmTopic) for (const alarm of this.alarms) alarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
