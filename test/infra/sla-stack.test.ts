import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildKamflowTestApp, grantedActionsOfFunction, logicalIdOf, testNotificationSubscribers } from './kamflow-test-app.ts';
import type { KamflowTestApp, TemplateResource } from './kamflow-test-app.ts';

describe('SlaStack', () => {
  let kamflow: KamflowTestApp;
  let template: Template;
  let resources: Record<string, TemplateResource>;

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    template = Template.fromStack(kamflow.sla);
    resources = template.toJSON()['Resources'] as Record<string, TemplateResource>;
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  it('runs the sweep function every minute, without retries (the next run catches up from the watermark)', () => {
    const sweepId = logicalIdOf(kamflow.sla.sweepFunction);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [sweepId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 } })],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [sweepId, 'Arn'] } });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Timeout: 300,
      Environment: { Variables: Match.objectLike({ SLA_NOTIFICATION_BUS_NAME: { Ref: Match.anyValue() }, TABLE_NAME: Match.anyValue() }) },
    });
  });

  it('delivers escalation notifications from its bus to the escalations topic', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    const topicId = logicalIdOf(kamflow.sla.escalationsTopic);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: logicalIdOf(kamflow.sla.notificationBus) },
      EventPattern: { source: ['kamflow.sla'], 'detail-type': ['SlaEscalation'] },
      Targets: [Match.objectLike({ Arn: { Ref: topicId } })],
    });
    // EventBridge may publish to the topic
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'events.amazonaws.com' } })]) },
    });
  });

  it('subscribes the deployment\'s escalation subscribers (email and SMS here) to the escalations topic', () => {
    const topic = { Ref: logicalIdOf(kamflow.sla.escalationsTopic) };
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map((resource) => (resource as TemplateResource).Properties);
    expect(subscriptions).toEqual([
      expect.objectContaining({ Protocol: 'email', Endpoint: testNotificationSubscribers.SLA_ESCALATIONS.emails[0], TopicArn: topic }),
      expect.objectContaining({ Protocol: 'sms', Endpoint: testNotificationSubscribers.SLA_ESCALATIONS.sms[0], TopicArn: topic }),
    ]);
  });

  it('lets the sweep read and write the table and put events on its bus, and nothing like Scan', () => {
    const actions = grantedActionsOfFunction(resources, logicalIdOf(kamflow.sla.sweepFunction));
    for (const action of ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'events:PutEvents']) expect(actions).toContain(action);
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('deploys after the data stack', () => {
    expect(kamflow.sla.dependencies.map((stack) => stack.stackName)).toEqual(['KamflowData']);
  });
});
