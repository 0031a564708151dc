/**
 * Operators are told when KAMflow itself is unwell: the operator alarms of functions/commons/alarm-definitions.ts become
 * one CloudWatch alarm per watched resource (or, for the SLA sweep's, one alarm named as defined), each notifying its
 * audience and, where orders, escalations or order events are at stake, the SLA managers; every EventBridge rule
 * target has a dead-letter queue whose depth is alarmed; the dashboard shows them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { operatorAlarmDefinitions, resourceAlarmDefinitions, slaSweepFailuresAlarm, slaSweepStalledAlarm } from '../../functions/commons/alarm-definitions.ts';
import { buildKamflowTestApp, logicalIdOf } from './kamflow-test-app.ts';
import type { KamflowTestApp, TemplateResource } from './kamflow-test-app.ts';
import { monitoredResourcesOf } from '../../infra/monitored-resources.ts';

type Properties = Record<string, unknown>;

describe('operator alarms and dead-letter queues', () => {
  let kamflow: KamflowTestApp;
  let alarms: Properties[];
  let dashboardText: string;

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    const template = Template.fromStack(kamflow.observability);
    alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((resource) => (resource as TemplateResource).Properties ?? {});
    const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0] as TemplateResource;
    const parts = (dashboard.Properties?.['DashboardBody'] as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    dashboardText = parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('');
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  const topic = (audience: 'OPERATIONS') => ({ Ref: logicalIdOf(kamflow.observability.slaAlarms.topics.get(audience)!) });
  const slaManagers = () => ({ Ref: logicalIdOf(kamflow.observability.slaManagersTopic) });
  const watching = (namespace: string, metricName: string) => alarms.filter((alarm) => alarm['Namespace'] === namespace && alarm['MetricName'] === metricName);

  it('alarms on the errors and the throttles of every function, to operations', () => {
    const functions = monitoredResourcesOf({ table: kamflow.data.table, api: kamflow.api, workflow: kamflow.workflow, sla: kamflow.sla, events: kamflow.events }).functions;
    // Every API area, every workflow task, the SLA sweep and the two order event functions.
    expect(functions.size).toBeGreaterThanOrEqual(20);
    for (const metricName of ['Errors', 'Throttles']) {
      const perFunction = watching('AWS/Lambda', metricName);
      expect(perFunction, metricName).toHaveLength(functions.size);
      for (const alarm of perFunction) expect(alarm).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [topic('OPERATIONS')] });
    }
    const sweepErrors = watching('AWS/Lambda', 'Errors').find((alarm) => JSON.stringify(alarm['Dimensions']).includes('SweepSla'));
    expect(sweepErrors?.['AlarmDescription']).toMatch(/^SweepSla: /);
  });

  it('alarms when the SLA sweep fails in 3 of 5 minutes, and when no sweep succeeded for 5 minutes (no data counts)', () => {
    const byName = new Map(alarms.map((alarm) => [alarm['AlarmName'], alarm]));
    expect(byName.get(slaSweepFailuresAlarm.name)).toMatchObject({ Namespace: 'KAMflow', MetricName: 'SlaSweepFailed', Period: 60, EvaluationPeriods: 5, DatapointsToAlarm: 3, AlarmActions: [topic('OPERATIONS')] });
    expect(byName.get(slaSweepStalledAlarm.name)).toMatchObject({
      Namespace: 'KAMflow',
      MetricName: 'SlaSweepSucceeded',
      Dimensions: [{ Name: 'service', Value: 'kamflow' }],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 5,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
      AlarmActions: [topic('OPERATIONS'), slaManagers()],
    });
  });

  it('alarms on DynamoDB throttled requests summed over every operation KAMflow sends', () => {
    const throttled = alarms.filter((alarm) => JSON.stringify(alarm['Metrics'] ?? '').includes('ThrottledRequests'));
    expect(throttled).toHaveLength(1);
    const metrics = throttled[0]?.['Metrics'] as { Id: string; Expression?: string; MetricStat?: { Metric: { Dimensions: { Name: string; Value: unknown }[] } } }[];
    expect(metrics.find((metric) => metric.Expression)?.Expression).toMatch(/^FILL\(m0, 0\) \+ FILL\(m1, 0\)/);
    const operations = metrics.flatMap((metric) => metric.MetricStat?.Metric.Dimensions.filter((dimension) => dimension.Name === 'Operation').map((dimension) => dimension.Value) ?? []);
    expect(operations).toEqual(expect.arrayContaining(['Query', 'PutItem', 'UpdateItem', 'TransactWriteItems']));
  });

  it('alarms on API 5xx and p99 latency, and on workflow executions failed, timed out, aborted and throttled', () => {
    expect(watching('AWS/ApiGateway', 'Latency')).toEqual([expect.objectContaining({ ExtendedStatistic: 'p99', Threshold: 3000, EvaluationPeriods: 3, Dimensions: [{ Name: 'ApiName', Value: kamflow.api.stackName }] })]);
    for (const metricName of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted', 'ExecutionThrottled']) {
      expect(watching('AWS/States', metricName), metricName).toHaveLength(1);
    }
    expect(watching('AWS/States', 'ExecutionsAborted')[0]?.['AlarmActions']).toEqual([topic('OPERATIONS'), slaManagers()]);
    expect(watching('AWS/States', 'ExecutionThrottled')[0]?.['AlarmActions']).toEqual([topic('OPERATIONS')]);
  });

  it('alarms on failed deliveries of every EventBridge rule, naming the custom bus where the rule is on one', () => {
    const failed = watching('AWS/Events', 'FailedInvocations');
    expect(failed).toHaveLength(3);
    const dimensionNames = failed.map((alarm) => (alarm['Dimensions'] as { Name: string }[]).map((dimension) => dimension.Name).sort().join('+')).sort();
    expect(dimensionNames).toEqual(['EventBusName+RuleName', 'RuleName', 'RuleName']);
    expect(watching('AWS/Events', 'InvocationsFailedToBeSentToDlq')).toHaveLength(3);
  });

  it('gives every EventBridge rule target of the app a dead-letter queue', () => {
    const targets = [kamflow.sla, kamflow.events, kamflow.workflow, kamflow.api, kamflow.observability, kamflow.console, kamflow.data, kamflow.auth]
      .flatMap((stack) => Object.values(Template.fromStack(stack).findResources('AWS::Events::Rule')))
      .flatMap((rule) => ((rule as TemplateResource).Properties?.['Targets'] as Properties[] | undefined) ?? []);
    expect(targets).toHaveLength(3);
    for (const target of targets) expect(target["DeadLetterConfig"], JSON.stringify(target["Arn"])).toEqual({ Arn: expect.anything() });
    const sla = Template.fromStack(kamflow.sla);
    sla.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['kamflow.sla'], 'detail-type': ['SlaEscalation'] },
      Targets: [Match.objectLike({ Arn: { Ref: logicalIdOf(kamflow.sla.escalationsTopic) }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(kamflow.sla.escalationDeadLetters), 'Arn'] } } })],
    });
    // EventBridge may put what it could not deliver into the queue
    sla.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' } })]) },
    });
  });

  it('alarms on the depth of every dead-letter queue: the three rules\', the order event stream\'s and each subscribed topic\'s, to operations and SLA managers', () => {
    const depth = watching('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    // 3 rule targets, the stream, and the topics with subscribers here: escalations, SLA managers, operations, department heads
    expect(depth).toHaveLength(4 + 4);
    for (const alarm of depth) expect(alarm).toMatchObject({ Statistic: 'Maximum', Threshold: 0, AlarmActions: [topic('OPERATIONS'), slaManagers()] });
    const queues = JSON.stringify(depth.map((alarm) => alarm['Dimensions']));
    const subscriptionQueues = [kamflow.sla.undeliveredEscalations!, ...kamflow.observability.slaAlarms.undeliveredNotifications.values()];
    expect(subscriptionQueues).toHaveLength(3);
    for (const queue of [kamflow.sla.escalationDeadLetters, kamflow.sla.sweepDeadLetters, kamflow.events.retryDeadLetters, kamflow.events.deadLetters, ...subscriptionQueues]) {
      expect(queues).toContain(logicalIdOf(queue).slice(0, 20));
    }
    expect(watching('AWS/Lambda', 'IteratorAge')).toEqual([expect.objectContaining({ Threshold: 300_000, EvaluationPeriods: 3 })]);
  });

  it('creates one alarm per definition and resource, and no alarm without a definition', () => {
    const resources = monitoredResourcesOf({ table: kamflow.data.table, api: kamflow.api, workflow: kamflow.workflow, sla: kamflow.sla, events: kamflow.events });
    const perKind = { function: resources.functions.size, 'stream-consumer': 1, table: 1, 'rest-api': 1, 'state-machine': 1, 'event-rule': 3, 'dead-letter-queue': 8 } as const;
    const expected = resourceAlarmDefinitions.reduce((sum, definition) => sum + perKind[definition.resource], 0) + (operatorAlarmDefinitions.length - resourceAlarmDefinitions.length);
    expect(kamflow.observability.operatorAlarms.alarms.size).toBe(expected);
    const slaAlarmCount = kamflow.observability.slaAlarms.alarms.size - 1; // less the composite
    expect(alarms).toHaveLength(expected + slaAlarmCount);
  });

  it('charts the sweep runs, throttles, failed deliveries, dead letters and iterator age in an Operations section', () => {
    expect(dashboardText).toContain('## Operations');
    for (const metric of ['"KAMflow","SlaSweepSucceeded"', '"KAMflow","SlaSweepFailed"', '"AWS/States","ExecutionThrottled"', '"AWS/States","ExecutionsAborted"', '"AWS/Events","FailedInvocations"', '"AWS/SQS","ApproximateNumberOfMessagesVisible"', '"AWS/Lambda","IteratorAge"', '"AWS/DynamoDB","ThrottledRequests"']) {
      expect(dashboardText, metric).toContain(metric);
    }
  });
});
