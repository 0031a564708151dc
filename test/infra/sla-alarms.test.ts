/**
 * The SLA alarms CDK builds are exactly the definitions of functions/commons/alarm-definitions.ts (the objects the
 * local alarm evaluator evaluates): one CloudWatch alarm per metric definition with its metric, statistic, threshold,
 * comparison, period and evaluation periods, the composite alarm over the provisioning loop, a topic per audience with
 * its subscribers, and the dashboard's SLA widgets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { alarmAudiences, alarmDefinitions, isMetricAlarm, provisioningLoopUnhealthyAlarm } from '../../functions/commons/alarm-definitions.ts';
import type { AlarmDefinition, MetricAlarmDefinition } from '../../functions/commons/alarm-definitions.ts';
import { describeAlarms, LocalCloudWatch, localAlarmDefinitions } from '../../local/cloudwatch/local-cloudwatch.ts';
import { buildKamflowTestApp, logicalIdOf, testNotificationSubscribers } from './kamflow-test-app.ts';
import type { KamflowTestApp, TemplateResource } from './kamflow-test-app.ts';

type Properties = Record<string, unknown>;

describe('SLA alarms (ObservabilityStack)', () => {
  let kamflow: KamflowTestApp;
  let template: Template;
  let alarmsByName: Map<string, Properties>;
  let dashboardText: string;
  let dashboardJson: string;

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    template = Template.fromStack(kamflow.observability);
    alarmsByName = new Map(
      Object.values(template.findResources('AWS::CloudWatch::Alarm'))
        .map((resource) => (resource as TemplateResource).Properties ?? {})
        .filter((properties) => typeof properties['AlarmName'] === 'string')
        .map((properties) => [properties['AlarmName'] as string, properties]),
    );
    const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0] as TemplateResource;
    const parts = (dashboard.Properties?.['DashboardBody'] as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    dashboardText = parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('');
    // References become a marker so the body parses as JSON.
    dashboardJson = parts.map((part) => (typeof part === 'string' ? part : 'REFERENCE')).join('');
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  const topicRef = (audience: (typeof alarmAudiences)[number]) => ({ Ref: logicalIdOf(kamflow.observability.slaAlarms.topics.get(audience)!) });
  const metricDefinitions = alarmDefinitions.filter(isMetricAlarm);

  it('creates one CloudWatch alarm per metric definition, named as defined, and nothing else named like them', () => {
    const slaAlarmNames = [...alarmsByName.keys()].filter((name) => name.startsWith('kamflow-') && !name.startsWith('kamflow-sla-sweep-')).sort();
    expect(slaAlarmNames).toEqual(metricDefinitions.map((definition) => definition.name).sort());
    expect(metricDefinitions.length).toBeGreaterThanOrEqual(21 + 3 + 3 + 3);
  });

  it('the local alarm evaluator evaluates the very same definition objects, and reports exactly the alarms CDK creates', () => {
    const local = new LocalCloudWatch();
    expect(local.definitions).toBe(localAlarmDefinitions);
    // every SLA alarm, then the SLA sweep's operator alarms (the other operator alarms watch AWS-service metrics)
    expect(localAlarmDefinitions.slice(0, alarmDefinitions.length)).toEqual(alarmDefinitions);
    const sweepAlarms = localAlarmDefinitions.slice(alarmDefinitions.length).map((definition) => definition.name);
    expect(sweepAlarms).toEqual(['kamflow-sla-sweep-failures', 'kamflow-sla-sweep-stalled']);
    expect([...kamflow.observability.slaAlarms.alarms.keys(), ...sweepAlarms]).toEqual(local.definitions.map((definition) => definition.name));
    const types = ['MetricAlarm', 'CompositeAlarm'];
    const first = describeAlarms(local, { AlarmTypes: types, MaxRecords: 100 });
    const second = first.NextToken ? describeAlarms(local, { AlarmTypes: types, MaxRecords: 100, NextToken: first.NextToken }) : { MetricAlarms: [], CompositeAlarms: [] };
    const locallyDescribed = [first, second].flatMap((page) => [...page.MetricAlarms, ...page.CompositeAlarms]).map((alarm) => alarm.AlarmName).sort();
    const composites = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm')).map((resource) => (resource as TemplateResource).Properties?.['AlarmName'] as string);
    const deployed = [...[...alarmsByName.keys()].filter((name) => name.startsWith('kamflow-')), ...composites].sort();
    expect(locallyDescribed).toEqual(deployed);
  });

  it.each(metricDefinitions.filter((definition) => definition.kind === 'threshold').map((definition) => [definition.name, definition] as const))(
    '%s: metric, statistic, threshold, comparison, period, evaluation and its audience',
    (_name, definition) => {
      if (definition.kind !== 'threshold') throw new Error('threshold definitions only');
      const alarm = alarmsByName.get(definition.name);
      const percentile = definition.statistic.startsWith('p');
      expect(alarm).toMatchObject({
        Namespace: 'KAMflow',
        MetricName: definition.metricName,
        ...(percentile ? { ExtendedStatistic: definition.statistic } : { Statistic: definition.statistic }),
        Period: definition.periodSeconds,
        EvaluationPeriods: definition.evaluationPeriods,
        DatapointsToAlarm: definition.datapointsToAlarm,
        Threshold: definition.threshold,
        ComparisonOperator: definition.comparison,
        TreatMissingData: definition.treatMissingData,
      });
      const byName = (a: { Name: string }, b: { Name: string }) => (a.Name < b.Name ? -1 : 1);
      expect([...(alarm?.['Dimensions'] as { Name: string }[])].sort(byName)).toEqual(Object.entries(definition.dimensions).map(([Name, Value]) => ({ Name, Value })).sort(byName));
      expect(alarm?.['AlarmActions']).toEqual(definition.audience.map(topicRef));
    },
  );

  it('alarms on stage on-time rate for every timed stage and every tier, with the tier target', () => {
    const onTime = [...alarmsByName.values()].filter((alarm) => alarm['MetricName'] === 'StageOnTime');
    expect(onTime).toHaveLength(7 * 3);
    expect(alarmsByName.get('kamflow-on-time-activation-group')).toMatchObject({ Statistic: 'Average', Threshold: 0.95, ComparisonOperator: 'LessThanThreshold' });
    expect(alarmsByName.get('kamflow-on-time-customer-acceptance-local')).toMatchObject({ Threshold: 0.85 });
  });

  it('watches activation duration with an anomaly-detection band', () => {
    const definition = alarmDefinitions.find((entry) => entry.kind === 'anomaly') as MetricAlarmDefinition;
    const alarm = alarmsByName.get(definition.name);
    expect(alarm).toMatchObject({ ComparisonOperator: 'GreaterThanUpperThreshold', EvaluationPeriods: 3, DatapointsToAlarm: 2, ThresholdMetricId: 'expr_1' });
    const metrics = alarm?.['Metrics'] as { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Dimensions: unknown[] }; Period: number; Stat: string } }[];
    expect(metrics.find((metric) => metric.Id === 'expr_1')?.Expression).toBe('ANOMALY_DETECTION_BAND(m0, 2)');
    expect(metrics.find((metric) => metric.Id === 'm0')?.MetricStat).toMatchObject({ Metric: { MetricName: 'StageWorkingHours' }, Period: 3600, Stat: 'Average' });
    expect(metrics.find((metric) => metric.Id === 'm0')?.MetricStat?.Metric.Dimensions).toEqual([{ Name: 'Stage', Value: 'ACTIVATION' }, { Name: 'service', Value: 'kamflow' }]);
  });

  it('raises "provisioning loop unhealthy" when any of its alarms is in ALARM', () => {
    const composites = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm')).map((resource) => (resource as TemplateResource).Properties ?? {});
    expect(composites).toHaveLength(alarmDefinitions.filter((definition) => definition.kind === 'composite').length);
    const composite = composites.find((properties) => properties['AlarmName'] === provisioningLoopUnhealthyAlarm.name);
    expect(composite?.['AlarmActions']).toEqual(provisioningLoopUnhealthyAlarm.audience.map(topicRef));
    const rule = JSON.stringify(composite?.['AlarmRule']);
    for (const child of provisioningLoopUnhealthyAlarm.anyOf) {
      expect(rule, child).toContain(logicalIdOf(kamflow.observability.slaAlarms.alarms.get(child) as never));
    }
    expect(rule.match(/ALARM\(/g)).toHaveLength(provisioningLoopUnhealthyAlarm.anyOf.length);
    expect(rule).toContain(' OR ');
  });

  it('has a topic per audience, with the deployment\'s email, SMS and HTTPS subscribers of that audience', () => {
    for (const audience of alarmAudiences) {
      // Named by CloudFormation after the stack, so stages do not collide.
      const topic = kamflow.observability.slaAlarms.topics.get(audience);
      const properties = (template.toJSON()['Resources'][logicalIdOf(topic as never)] as TemplateResource).Properties;
      expect(properties?.['TopicName'], audience).toBeUndefined();
      expect(properties?.['DisplayName'], audience).toBe(`KAMflow SLA alarms: ${audience.toLowerCase().replaceAll('_', ' ')}`);
    }
    const audienceTopicRefs = new Set(alarmAudiences.map((audience) => JSON.stringify(topicRef(audience))));
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription'))
      .map((resource) => (resource as TemplateResource).Properties ?? {})
      .filter((subscription) => audienceTopicRefs.has(JSON.stringify(subscription['TopicArn'])));
    const expected = alarmAudiences.flatMap((audience) => {
      const subscribers = (testNotificationSubscribers as Partial<Record<string, { emails: readonly string[]; sms: readonly string[]; https: readonly string[] }>>)[audience];
      return [
        ...(subscribers?.emails ?? []).map((endpoint) => ({ Protocol: 'email', Endpoint: endpoint, TopicArn: topicRef(audience) })),
        ...(subscribers?.sms ?? []).map((endpoint) => ({ Protocol: 'sms', Endpoint: endpoint, TopicArn: topicRef(audience) })),
        ...(subscribers?.https ?? []).map((endpoint) => ({ Protocol: 'https', Endpoint: endpoint, TopicArn: topicRef(audience) })),
      ];
    });
    expect(expected.map((subscription) => subscription.Protocol).sort()).toEqual(['email', 'email', 'email', 'https', 'sms']);
    expect(subscriptions).toEqual(expect.arrayContaining(expected.map((subscription) => expect.objectContaining(subscription))));
    expect(subscriptions).toHaveLength(expected.length);
  });

  it('every audience that some alarm names is told by at least one alarm, and every alarm tells someone', () => {
    const told = new Set(alarmDefinitions.flatMap((definition: AlarmDefinition) => definition.audience));
    expect([...told].sort()).toEqual([...alarmAudiences].sort());
    for (const definition of alarmDefinitions) expect(definition.audience.length, definition.name).toBeGreaterThan(0);
  });

  it('charts the SLA metrics and shows the state of every SLA alarm', () => {
    for (const metric of ['StageOnTime', 'StageWorkingHours', 'OrdersAtRisk', 'SlaBreaches', 'CallbackLatency', 'StageFailed']) {
      expect(dashboardText, metric).toContain(`"KAMflow","${metric}"`);
    }
    expect(dashboardText).toContain('ANOMALY_DETECTION_BAND');
    const widgets = (JSON.parse(dashboardJson) as { widgets: { type: string; properties: { title?: string; alarms?: unknown[] } }[] }).widgets;
    const slaAlarmWidget = widgets.find((widget) => widget.type === 'alarm' && widget.properties.title === 'SLA alarms');
    expect(slaAlarmWidget?.properties.alarms).toHaveLength(alarmDefinitions.length);
  });
});
