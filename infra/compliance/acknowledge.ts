/**
 * cdk-nag findings KAMflow accepts, each on the construct it is about and with the reason a reviewer needs. Findings
 * that can be fixed are fixed instead (see test/infra/cdk-nag.test.ts for what is checked).
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface Acknowledgement {
  /** The rule, or one finding of it: `AwsSolutions-IAM5[Resource::*]`. */
  readonly rule: string;
  readonly reason: string;
}

export function acknowledge(construct: IConstruct, ...acknowledgements: Acknowledgement[]): void {
  Validations.of(construct).acknowledge(...acknowledgements.map(({ rule, reason }) => ({ id: rule, reason })));
}

/** A queue that is itself a dead-letter queue (of an EventBridge target or an event source mapping). */
export function acknowledgeDeadLetterQueue(queue: IConstruct): void {
  const reason = 'This queue is itself the dead-letter queue of a delivery; its depth is alarmed (kamflow-dead-letters), and a dead-letter queue of a dead-letter queue would only move the same messages further from whoever must look at them.';
  acknowledge(queue, { rule: 'AwsSolutions-SQS3', reason }, { rule: 'Serverless-SQSRedrivePolicy', reason });
}
