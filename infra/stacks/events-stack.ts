/**
 * Order events for listeners: the dispatcher function reads the table's stream (new audit-trail entries) and fans them
 * out to hub subscribers and the KAMflow orders bus on EventBridge; the retry function, run every minute, tries again
 * the deliveries that failed. A stream batch that keeps failing goes to a dead-letter queue after its retries, as does
 * a retry run EventBridge could not start.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { KamflowFunction } from '../constructs/kamflow-function.ts';
import { grantTableReadWrite } from '../grants.ts';
import { acknowledgeDeadLetterQueue } from '../compliance/acknowledge.ts';
import { deadLetterQueue } from '../constructs/dead-letter-queue.ts';

export interface EventsStackProps extends StackProps {
  readonly table: ITable;
}

export class EventsStack extends Stack {
  readonly dispatcher: KamflowFunction;
  readonly retrier: KamflowFunction;
  readonly ordersBus: EventBus;
  /** Stream batches the dispatcher gave up on (their positions); the observability stack alarms on its depth. */
  readonly deadLetters: Queue;
  readonly retrySchedule: Rule;
  /** Retry sweep invocations EventBridge could not make. */
  readonly retryDeadLetters: Queue;

  constructor(scope: Construct, id: string, props: EventsStackProps) {
    super(scope, id, props);
    // Named by CloudFormation after the stack: the dispatcher is told the name (locally the bus is `kamflow-orders`).
    this.ordersBus = new EventBus(this, 'OrdersBus');
    this.deadLetters = new Queue(this, 'OrderEventsDeadLetters', { retentionPeriod: Duration.days(14), encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
    acknowledgeDeadLetterQueue(this.deadLetters);

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
    this.retryDeadLetters = deadLetterQueue(this, 'RetryDeadLetters');
    this.retrySchedule = new Rule(this, 'RetrySchedule', {
      description: 'Runs the hub delivery retry sweep every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.retrier, { retryAttempts: 0, maxEventAge: Duration.minutes(1), deadLetterQueue: this.retryDeadLetters })],
    });
    // Its dead letters and the dispatcher's iterator age are alarmed by the observability stack, which watches
    // every stack (functions/commons/alarm-definitions.ts, operator alarms).
  }
}
