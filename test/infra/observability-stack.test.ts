import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { routes } from '../../functions/api/routes.ts';
import { workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';
import { buildKamflowTestApp, logicalIdOf, testNotificationSubscribers } from './kamflow-test-app.ts';
import type { KamflowTestApp, TemplateResource } from './kamflow-test-app.ts';

type MetricLine = readonly (string | Record<string, unknown>)[];
interface DashboardWidget {
  readonly type: string;
  readonly properties: { readonly title?: string; readonly metrics?: readonly MetricLine[]; readonly alarms?: readonly string[] };
}

/** The dashboard body is an Fn::Join of JSON text and references; references become a marker so the JSON parses. */
function widgetsOf(body: unknown): DashboardWidget[] {
  const parts = (body as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  const text = parts.map((part) => (typeof part === 'string' ? part : 'REFERENCE')).join('');
  return (JSON.parse(text) as { widgets: DashboardWidget[] }).widgets;
}

/** `Namespace MetricName` of each line of a graph, and the line's label when it has one. */
function chartedMetrics(widget: DashboardWidget | undefined): { metric: string; label: unknown }[] {
  return (widget?.properties.metrics ?? []).map((line) => ({
    metric: `${String(line[0])} ${String(line[1])}`,
    label: (line.find((item) => typeof item === 'object') as Record<string, unknown> | undefined)?.['label'],
  }));
}

describe('ObservabilityStack', () => {
  let kamflow: KamflowTestApp;
  let template: Template;
  let alarms: Record<string, unknown>[];
  let widgets: DashboardWidget[];

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    template = Template.fromStack(kamflow.observability);
    alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => (alarm as TemplateResource).Properties ?? {});
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    widgets = widgetsOf((dashboards[0] as TemplateResource).Properties?.['DashboardBody']);
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  it('creates the SLA managers topic (named by CloudFormation so stages do not collide), with the deployment\'s SLA managers subscribed (email and HTTPS here)', () => {
    const topicResource = template.toJSON()['Resources'][logicalIdOf(kamflow.observability.slaManagersTopic)] as TemplateResource;
    expect(topicResource.Properties?.['TopicName']).toBeUndefined();
    const topic = { Ref: logicalIdOf(kamflow.observability.slaManagersTopic) };
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription'))
      .map((resource) => (resource as TemplateResource).Properties ?? {})
      .filter((subscription) => JSON.stringify(subscription['TopicArn']) === JSON.stringify(topic));
    expect(subscriptions).toEqual([
      expect.objectContaining({ Protocol: 'email', Endpoint: testNotificationSubscribers.SLA_MANAGERS.emails[0] }),
      expect.objectContaining({ Protocol: 'https', Endpoint: testNotificationSubscribers.SLA_MANAGERS.https[0] }),
    ]);
  });

  it.each([
    ['AWS/States', 'ExecutionsFailed'],
    ['AWS/States', 'ExecutionsTimedOut'],
    ['AWS/ApiGateway', '5XXError'],
  ])('alarms on any %s %s, notifying operations and the SLA managers', (namespace, metricName) => {
    const matching = alarms.filter((alarm) => alarm['Namespace'] === namespace && alarm['MetricName'] === metricName);
    expect(matching).toHaveLength(1);
    expect(matching[0]).toMatchObject({
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Statistic: 'Sum',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: logicalIdOf(kamflow.observability.slaAlarms.topics.get('OPERATIONS')!) }, { Ref: logicalIdOf(kamflow.observability.slaManagersTopic) }],
    });
  });

  it('watches the order fulfilment state machine and the kamflow API by name', () => {
    const byMetric = (name: string) => alarms.find((alarm) => alarm['MetricName'] === name);
    expect(JSON.stringify(byMetric('ExecutionsFailed')?.['Dimensions'])).toContain('KamflowWorkflow:ExportsOutputRefOrderFulfilment');
    expect(byMetric('5XXError')?.['Dimensions']).toEqual([{ Name: 'ApiName', Value: 'KamflowApi' }]);
  });

  it('charts API errors and latency, executions failed and timed out, and function errors and throttles', () => {
    const charted = new Set(widgets.flatMap((widget) => chartedMetrics(widget).map((line) => line.metric)));
    for (const metric of [
      'AWS/ApiGateway 4XXError',
      'AWS/ApiGateway 5XXError',
      'AWS/ApiGateway Latency',
      'AWS/States ExecutionsFailed',
      'AWS/States ExecutionsTimedOut',
      'AWS/Lambda Errors',
      'AWS/Lambda Throttles',
    ]) {
      expect(charted, metric).toContain(metric);
    }
  });

  it('charts errors and throttles of every function: API areas, workflow tasks, the SLA sweep and the order event functions', () => {
    const functionNames = [...new Set(routes.map((route) => route.area)), ...workflowTaskFunctions.map((task) => task.name), 'SweepSla', 'DispatchOrderEvents', 'RetryHubDeliveries'].sort();
    for (const metricName of ['Errors', 'Throttles']) {
      const lines = widgets.flatMap(chartedMetrics).filter((line) => line.metric === `AWS/Lambda ${metricName}`);
      expect(lines.map((line) => line.label).sort(), metricName).toEqual(functionNames);
    }
  });

  it('shows the state of every operator alarm', () => {
    const shown = widgets.filter((widget) => widget.type === 'alarm' && widget.properties.title?.startsWith('Operator alarms')).flatMap((widget) => widget.properties.alarms ?? []);
    expect(shown).toHaveLength(kamflow.observability.operatorAlarms.alarms.size);
  });
});
