import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildKamflowTestApp, grantedActionsOfFunction, logicalIdOf } from './kamflow-test-app.ts';
import type { KamflowTestApp, TemplateResource } from './kamflow-test-app.ts';

describe('EventsStack', () => {
  let kamflow: KamflowTestApp;
  let template: Template;
  let resources: Record<string, TemplateResource>;

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    template = Template.fromStack(kamflow.events);
    resources = template.toJSON()['Resources'] as Record<string, TemplateResource>;
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  it('feeds new audit-trail entries of the table stream to the dispatcher, with partial batch failures and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalIdOf(kamflow.events.dispatcher) },
      EventSourceArn: Match.anyValue(),
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(kamflow.events.deadLetters), 'Arn'] } } },
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('orderEvent') }] },
    });
  });

  it('puts notifications on the orders bus and may read and write the table', () => {
    // Named by CloudFormation after the stack (no fixed name), told to the dispatcher.
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ORDER_EVENTS_BUS_NAME: { Ref: logicalIdOf(kamflow.events.ordersBus) } }) },
    });
    const actions = grantedActionsOfFunction(resources, logicalIdOf(kamflow.events.dispatcher));
    for (const action of ['events:PutEvents', 'dynamodb:PutItem', 'dynamodb:Query']) expect(actions.has(action), action).toBe(true);
  });

  it('gives a batch up after a day or ten retries, and never reads the table with Scan', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { MaximumRecordAgeInSeconds: 86_400, BatchSize: 25 });
    for (const fn of [kamflow.events.dispatcher, kamflow.events.retrier]) {
      const actions = grantedActionsOfFunction(resources, logicalIdOf(fn));
      expect(actions.has('dynamodb:Scan'), 'Scan').toBe(false);
      expect(actions.has('dynamodb:UpdateItem')).toBe(true);
    }
    // the mapping may hand a failed batch's position to the dead-letter queue
    expect(grantedActionsOfFunction(resources, logicalIdOf(kamflow.events.dispatcher)).has('sqs:SendMessage')).toBe(true);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
  });

  it('retries due deliveries every minute', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf(kamflow.events.retrier), 'Arn'] } })],
    });
  });
});
