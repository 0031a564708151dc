/**
 * SLA jeopardy and escalation: the sweep function (functions/handlers/scheduled/sweep-sla.ts) run every minute by an
 * EventBridge rule, and the path escalation notifications take: the function puts them on the SLA notifications bus,
 * a rule delivers them to the SLA escalations SNS topic, which people and systems subscribe to. CloudFormation names
 * both after the stack, so stages do not collide.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { KamflowFunction } from '../constructs/kamflow-function.ts';
import { grantTableReadWrite } from '../grants.ts';
import type { TopicSubscribers } from '../notification-subscribers.ts';
import { subscribeTopic } from '../constructs/topic-subscribers.ts';
import { deadLetterQueue } from '../constructs/dead-letter-queue.ts';

export const slaSweepHandlerEntry = 'functions/handlers/scheduled/sweep-sla.ts';

export interface SlaStackProps extends StackProps {
  readonly table: ITable;
  /** Working hours between escalation levels (default in the function: 4). */
  readonly escalationIntervalWorkingHours?: number;
  /** The group key-account person for GROUP accounts; the administrators' role when absent. */
  readonly groupKeyAccount?: string;
  /** Who receives every escalation step (KAMFLOW_ALARM_<channel>_SLA_ESCALATIONS). */
  readonly escalationSubscribers?: TopicSubscribers | undefined;
}

export class SlaStack extends Stack {
  readonly sweepFunction: KamflowFunction;
  readonly notificationBus: EventBus;
  readonly escalationsTopic: Topic;
  readonly sweepSchedule: Rule;
  readonly escalationRule: Rule;
  /** Escalations SNS could not deliver to a subscriber; absent without subscribers. */
  readonly undeliveredEscalations: Queue | undefined;
  /** Escalation notifications EventBridge could not publish to the topic. */
  readonly escalationDeadLetters: Queue;
  /** Sweep invocations EventBridge could not make (a missed run is caught up by the next; the depth says it happened). */
  readonly sweepDeadLetters: Queue;

  constructor(scope: Construct, id: string, props: SlaStackProps) {
    super(scope, id, props);

    this.notificationBus = new EventBus(this, 'SlaNotificationBus');
    this.escalationsTopic = new Topic(this, 'SlaEscalationsTopic', { displayName: 'KAMflow SLA escalations', enforceSSL: true });
    this.undeliveredEscalations = subscribeTopic(this.escalationsTopic, props.escalationSubscribers);
    this.escalationDeadLetters = deadLetterQueue(this, 'EscalationDeadLetters');
    this.escalationRule = new Rule(this, 'EscalationsToTopic', {
      eventBus: this.notificationBus,
      description: 'Escalation notifications of the SLA sweep go to the escalations topic',
      eventPattern: { source: ['kamflow.sla'], detailType: ['SlaEscalation'] },
      targets: [new SnsTopic(this.escalationsTopic, { deadLetterQueue: this.escalationDeadLetters })],
    });

    this.sweepFunction = new KamflowFunction(this, 'SweepSla', {
      entry: slaSweepHandlerEntry,
      description: 'SLA sweep: records jeopardy alerts and escalations of what is due since the last sweep',
      kind: 'scheduled',
      table: props.table,
      environment: {
        SLA_NOTIFICATION_BUS_NAME: this.notificationBus.eventBusName,
        ...(props.escalationIntervalWorkingHours !== undefined ? { SLA_ESCALATION_INTERVAL_WORKING_HOURS: String(props.escalationIntervalWorkingHours) } : {}),
        ...(props.groupKeyAccount ? { SLA_GROUP_KEY_ACCOUNT: props.groupKeyAccount } : {}),
      },
    });
    grantTableReadWrite(this.sweepFunction, props.table);
    this.notificationBus.grantPutEventsTo(this.sweepFunction);

    // Every minute; a missed or failed run is caught up by the next (the sweep reads from its watermark), so no retries.
    this.sweepDeadLetters = deadLetterQueue(this, 'SweepDeadLetters');
    this.sweepSchedule = new Rule(this, 'SweepSchedule', {
      description: 'Runs the SLA sweep every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.sweepFunction, { retryAttempts: 0, maxEventAge: Duration.minutes(1), deadLetterQueue: this.sweepDeadLetters })],
    });
  }
}
