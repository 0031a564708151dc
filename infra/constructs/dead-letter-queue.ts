/**
 * A dead-letter queue (of an EventBridge rule target or an SNS subscription): what could not be delivered after the
 * retries waits here for 14 days instead of being dropped. The observability stack alarms on its depth.
 */
import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledgeDeadLetterQueue } from '../compliance/acknowledge.ts';

export function deadLetterQueue(scope: Construct, id: string): Queue {
  // SQS-managed encryption: EventBridge and SNS may write to it without a KMS key policy to keep in step.
  const queue = new Queue(scope, id, { retentionPeriod: Duration.days(14), encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
  acknowledgeDeadLetterQueue(queue);
  return queue;
}
