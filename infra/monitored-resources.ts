/**
 * What the operator alarms watch, gathered from the stacks that own it: every function (by the name it has on the
 * dashboard), the stream consumer, the table, the API, the state machine, every EventBridge rule and every dead-letter
 * queue. A stack that adds a function, a rule or a queue adds it here, and it is alarmed and charted.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { MonitoredResources } from './constructs/operator-alarms.ts';
import type { ApiStack } from './stacks/api-stack.ts';
import type { EventsStack } from './stacks/events-stack.ts';
import type { SlaStack } from './stacks/sla-stack.ts';
import type { WorkflowStack } from './stacks/workflow-stack.ts';

export interface WatchedStacks {
  readonly table: ITable;
  readonly api: ApiStack;
  readonly workflow: WorkflowStack;
  readonly sla: SlaStack;
  readonly events: EventsStack;
}

export function monitoredResourcesOf({ table, api, workflow, sla, events }: WatchedStacks): MonitoredResources {
  return {
    functions: new Map([
      ...api.areaFunctions,
      ...workflow.taskFunctions,
      ['SweepSla', sla.sweepFunction],
      ['DispatchOrderEvents', events.dispatcher],
      ['RetryHubDeliveries', events.retrier],
    ]),
    streamConsumers: new Map([['DispatchOrderEvents', events.dispatcher]]),
    tables: new Map([['KamflowTable', table]]),
    restApis: new Map([['KamflowApi', api.restApi]]),
    stateMachines: new Map([['OrderFulfilment', workflow.stateMachine]]),
    eventRules: new Map([
      ['SlaSweepSchedule', { rule: sla.sweepSchedule }],
      ['SlaEscalationsToTopic', { rule: sla.escalationRule, eventBus: sla.notificationBus }],
      ['HubRetrySchedule', { rule: events.retrySchedule }],
    ]),
    deadLetterQueues: new Map([
      ['SlaEscalations', sla.escalationDeadLetters],
      ['SlaSweepSchedule', sla.sweepDeadLetters],
      ['HubRetrySchedule', events.retryDeadLetters],
      ['OrderEventStream', events.deadLetters],
      ...(sla.undeliveredEscalations ? [['SlaEscalationNotifications', sla.undeliveredEscalations] as const] : []),
    ]),
  };
}
