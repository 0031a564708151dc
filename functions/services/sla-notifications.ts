/**
 * How escalation notifications leave KAMflow. On AWS (SLA_NOTIFICATION_BUS_NAME set) they are events on the SLA
 * notifications bus, which a rule delivers to the kamflow-sla-escalations SNS topic (infra/stacks/sla-stack.ts): the
 * SNS client is not among the project's dependencies, the EventBridge client is. Locally they are kept in memory, and
 * the escalation record's steps (who, when, level, channel) are what the console shows.
 * A notification names people by user id only: no names, phones or emails.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventBridgeClient } from '../commons/clients.ts';
import { optionalEnv } from '../commons/env.ts';
import { TransientError } from '../commons/errors.ts';
import type { EscalationLevel } from '../domain/escalation.ts';
import type { SlaTarget } from '../domain/order-stages.ts';

const busName = optionalEnv('SLA_NOTIFICATION_BUS_NAME');

export interface EscalationNotification {
  readonly escalationId: string;
  readonly orderId: string;
  readonly target: SlaTarget;
  readonly level: EscalationLevel;
  readonly notified: readonly string[];
  readonly informed: readonly string[];
  readonly dueAt: string;
  readonly at: string;
}

export const notificationChannel = busName ? 'eventbridge:sns' : 'local';

const recordedLocally: EscalationNotification[] = [];

/** What went out locally, oldest first (the local runtime and tests read it). */
export function localNotifications(): readonly EscalationNotification[] {
  return recordedLocally;
}

export async function sendEscalationNotification(notification: EscalationNotification): Promise<void> {
  if (!busName) {
    recordedLocally.push(notification);
    if (recordedLocally.length > 1000) recordedLocally.splice(0, recordedLocally.length - 1000);
    return;
  }
  const result = await eventBridgeClient.send(
    new PutEventsCommand({ Entries: [{ EventBusName: busName, Source: 'kamflow.sla', DetailType: 'SlaEscalation', Detail: JSON.stringify(notification) }] }),
  );
  if ((result.FailedEntryCount ?? 0) > 0) throw new TransientError('EventBridge did not accept the escalation notification');
}
