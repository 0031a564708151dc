/**
 * The local alarm evaluator's arithmetic: statistics, period alignment, M of N, missing data, the anomaly band and
 * composite alarms; and LocalCloudWatch end to end from EMF lines to alarm states over the real definitions.
 */
import { describe, expect, it } from 'vitest';
import { activationCallbackLatencyAlarm, activationDurationAnomalyAlarm, activationFailuresAlarm, alarmDefinitions, provisioningLoopUnhealthyAlarm } from '../../../functions/commons/alarm-definitions.ts';
import type { ThresholdAlarmDefinition } from '../../../functions/commons/alarm-definitions.ts';
import { aggregateByPeriod, anomalyBand, evaluateAnomalyAlarm, evaluateCompositeAlarm, evaluateThresholdAlarm, periodStarts, statisticOf } from '../../../local/cloudwatch/alarm-evaluator.ts';
import { describeAlarms, LocalCloudWatch, localAlarmDefinitions } from '../../../local/cloudwatch/local-cloudwatch.ts';
import { parseEmbeddedMetricLine } from '../../../local/cloudwatch/metric-store.ts';

const hour = 3_600_000;
const threshold = (overrides: Partial<ThresholdAlarmDefinition> = {}): ThresholdAlarmDefinition => ({ ...activationFailuresAlarm, ...overrides });

describe('statistics', () => {
  const values = [4, 1, 3, 2, 10];
  it.each([
    ['Sum', 20],
    ['Average', 4],
    ['SampleCount', 5],
    ['Minimum', 1],
    ['Maximum', 10],
    ['p50', 3],
    ['p90', 10],
    ['p80', 4],
    ['p100', 10],
  ] as const)('%s of [4, 1, 3, 2, 10] is %d', (statistic, expected) => {
    expect(statisticOf(statistic, values)).toBe(expected);
  });
  it('is undefined without values', () => expect(statisticOf('Sum', [])).toBeUndefined());
  it('refuses an unknown percentile', () => expect(() => statisticOf('p0', [1])).toThrow(/unsupported/));
});

describe('periods', () => {
  it('are aligned to multiples of the period, the last one in progress', () => {
    const now = Date.parse('2026-05-20T10:42:13Z');
    expect(periodStarts(3600, 3, now).map((start) => new Date(start).toISOString())).toEqual(['2026-05-20T08:00:00.000Z', '2026-05-20T09:00:00.000Z', '2026-05-20T10:00:00.000Z']);
  });
  it('aggregate each sample into the period it falls in', () => {
    const starts = periodStarts(3600, 2, 2 * hour + 10);
    const samples = [
      { timestamp: hour, value: 1 },
      { timestamp: hour + 5, value: 0 },
      { timestamp: 2 * hour, value: 0 },
      { timestamp: 3 * hour, value: 1 }, // after the last period: not counted
    ];
    expect(aggregateByPeriod({ statistic: 'Average', periodSeconds: 3600 }, samples, starts)).toEqual([
      { start: hour, value: 0.5 },
      { start: 2 * hour, value: 0 },
    ]);
  });
});

describe('threshold alarms', () => {
  const periods = (...values: (number | undefined)[]) => values.map((value, index) => ({ start: index * hour, value }));

  it('are in ALARM when the statistic crosses the threshold, per comparison', () => {
    expect(evaluateThresholdAlarm(threshold({ comparison: 'GreaterThanOrEqualToThreshold', threshold: 3 }), periods(3)).state).toBe('ALARM');
    expect(evaluateThresholdAlarm(threshold({ comparison: 'GreaterThanThreshold', threshold: 3 }), periods(3)).state).toBe('OK');
    expect(evaluateThresholdAlarm(threshold({ comparison: 'LessThanThreshold', threshold: 0.95 }), periods(0.9)).state).toBe('ALARM');
    expect(evaluateThresholdAlarm(threshold({ comparison: 'LessThanOrEqualToThreshold', threshold: 0.9 }), periods(0.9)).state).toBe('ALARM');
    expect(evaluateThresholdAlarm(threshold({ comparison: 'LessThanThreshold', threshold: 0.9 }), periods(0.9)).state).toBe('OK');
  });

  it('need M of N periods breaching', () => {
    const twoOfThree = threshold({ evaluationPeriods: 3, datapointsToAlarm: 2, comparison: 'GreaterThanThreshold', threshold: 5 });
    expect(evaluateThresholdAlarm(twoOfThree, periods(6, 1, 1)).state).toBe('OK');
    const alarm = evaluateThresholdAlarm(twoOfThree, periods(6, 1, 7));
    expect(alarm.state).toBe('ALARM');
    expect(alarm.reason).toMatch(/^Threshold Crossed: 2 datapoint\(s\) \[6\.0 .*, 7\.0 .*\] were greater than the threshold \(5\.0\)\.$/);
  });

  it('treat periods without data as the definition says', () => {
    const none = periods(undefined, undefined);
    expect(evaluateThresholdAlarm(threshold({ evaluationPeriods: 2, treatMissingData: 'notBreaching' }), none).state).toBe('OK');
    expect(evaluateThresholdAlarm(threshold({ evaluationPeriods: 2, treatMissingData: 'breaching' }), none).state).toBe('ALARM');
    expect(evaluateThresholdAlarm(threshold({ evaluationPeriods: 2, treatMissingData: 'missing' }), none).state).toBe('INSUFFICIENT_DATA');
    expect(evaluateThresholdAlarm(threshold({ evaluationPeriods: 2, treatMissingData: 'ignore' }), none, 'ALARM').state).toBe('ALARM');
    // one breaching period plus one missing one treated as breaching reaches 2 of 2
    const twoOfTwo = threshold({ evaluationPeriods: 2, datapointsToAlarm: 2, comparison: 'GreaterThanThreshold', threshold: 0, treatMissingData: 'breaching' });
    expect(evaluateThresholdAlarm(twoOfTwo, periods(1, undefined)).state).toBe('ALARM');
    expect(evaluateThresholdAlarm({ ...twoOfTwo, treatMissingData: 'notBreaching' }, periods(1, undefined)).state).toBe('OK');
  });
});

describe('anomaly detection', () => {
  it('computes the band as mean ± N standard deviations of earlier periods, needing three of them', () => {
    expect(anomalyBand([2, 4, undefined], 2)).toBeUndefined();
    expect(anomalyBand([2, 4, 4, 4, 5, 5, 7, 9], 2)).toEqual({ lower: 1, upper: 9 });
  });

  it('is in ALARM when enough periods are above the band, INSUFFICIENT_DATA before it has history', () => {
    const history = [10, 12, 11, 9, 10, 12, 11, 9];
    const periods = (...values: number[]) => values.map((value, index) => ({ start: index * hour, value }));
    expect(evaluateAnomalyAlarm(activationDurationAnomalyAlarm, periods(30, 11, 31), history).state).toBe('ALARM');
    expect(evaluateAnomalyAlarm(activationDurationAnomalyAlarm, periods(30, 11, 10), history).state).toBe('OK');
    // far below the band does not breach an upper-only alarm
    expect(evaluateAnomalyAlarm(activationDurationAnomalyAlarm, periods(0, 0, 0), history).state).toBe('OK');
    expect(evaluateAnomalyAlarm({ ...activationDurationAnomalyAlarm, comparison: 'LessThanLowerOrGreaterThanUpperThreshold' }, periods(0, 0, 0), history).state).toBe('ALARM');
    expect(evaluateAnomalyAlarm(activationDurationAnomalyAlarm, periods(30, 30, 30), [10]).state).toBe('INSUFFICIENT_DATA');
  });
});

describe('composite alarms', () => {
  const states = (entries: Record<string, 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'>) => new Map(Object.entries(entries));
  const [first, second] = provisioningLoopUnhealthyAlarm.anyOf;
  it('are in ALARM when any child is, OK otherwise, INSUFFICIENT_DATA only when every child is', () => {
    expect(evaluateCompositeAlarm(provisioningLoopUnhealthyAlarm, states({ [first!]: 'OK', [second!]: 'ALARM' }))).toEqual({ state: 'ALARM', reason: `in ALARM: ${second}` });
    expect(evaluateCompositeAlarm(provisioningLoopUnhealthyAlarm, states({ [first!]: 'OK' })).state).toBe('OK');
    expect(evaluateCompositeAlarm(provisioningLoopUnhealthyAlarm, states({})).state).toBe('INSUFFICIENT_DATA');
  });
});

describe('LocalCloudWatch over EMF lines', () => {
  const emfLine = (timestamp: number, dimensions: Record<string, string>, metrics: Record<string, number | number[]>) =>
    JSON.stringify({
      _aws: { Timestamp: timestamp, CloudWatchMetrics: [{ Namespace: 'KAMflow', Dimensions: [['service', ...Object.keys(dimensions)]], Metrics: Object.keys(metrics).map((Name) => ({ Name, Unit: 'Count' })) }] },
      service: 'kamflow',
      orderId: 'ord_x',
      ...dimensions,
      ...metrics,
    });

  it('reads every metric under every dimension set of a line, and ignores other log lines', () => {
    expect(parseEmbeddedMetricLine('{"level":"WARN","message":"x"}')).toBeUndefined();
    expect(parseEmbeddedMetricLine('not json')).toBeUndefined();
    const points = parseEmbeddedMetricLine(
      JSON.stringify({ _aws: { Timestamp: 5, CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [['service', 'Stage'], ['service']], Metrics: [{ Name: 'A' }, { Name: 'B' }] }] }, service: 's', Stage: 'TEST', A: [1, 2], B: 3 }),
    );
    expect(points?.map((point) => `${point.metricName} ${JSON.stringify(point.dimensions)} ${point.values.join('+')}`)).toEqual([
      'A {"service":"s","Stage":"TEST"} 1+2',
      'A {"service":"s"} 1+2',
      'B {"service":"s","Stage":"TEST"} 3',
      'B {"service":"s"} 3',
    ]);
  });

  it('turns the activation failures alarm to ALARM at the threshold, and the composite with it', () => {
    let now = Date.parse('2026-05-20T10:30:00Z');
    const cloudWatch = new LocalCloudWatch(alarmDefinitions, () => now);
    const stateOf = (name: string) => cloudWatch.evaluate().find((record) => record.definition.name === name)?.state;
    expect(stateOf(activationFailuresAlarm.name)).toBe('OK');
    expect(stateOf(provisioningLoopUnhealthyAlarm.name)).toBe('OK');
    for (let failure = 0; failure < 2; failure += 1) cloudWatch.ingestLine(emfLine(now - 60_000, { Stage: 'ACTIVATION' }, { StageFailed: 1 }));
    // a failure of another stage is another metric
    cloudWatch.ingestLine(emfLine(now - 60_000, { Stage: 'TEST' }, { StageFailed: 1 }));
    expect(stateOf(activationFailuresAlarm.name)).toBe('OK');
    cloudWatch.ingestLine(emfLine(now - 30_000, { Stage: 'ACTIVATION' }, { StageFailed: 1 }));
    const records = cloudWatch.evaluate();
    expect(records.find((record) => record.definition.name === activationFailuresAlarm.name)).toMatchObject({ state: 'ALARM', reason: expect.stringContaining('[3.0 (2026-05-20 10:00:00)]') });
    expect(records.find((record) => record.definition.name === provisioningLoopUnhealthyAlarm.name)?.state).toBe('ALARM');
    // an hour later the period has passed: no data, treated as not breaching
    now += hour;
    expect(stateOf(activationFailuresAlarm.name)).toBe('OK');
  });

  it('evaluates p90 callback latency and answers DescribeAlarms with the alarm, its threshold and its topics', () => {
    const now = Date.parse('2026-05-20T10:30:00Z');
    const cloudWatch = new LocalCloudWatch(alarmDefinitions, () => now);
    for (const seconds of [60, 120, 180, 240, 300, 360, 420, 480, 540]) cloudWatch.ingestLine(emfLine(now - 1000, { Stage: 'ACTIVATION' }, { CallbackLatency: seconds }));
    cloudWatch.ingestLine(emfLine(now - 1000, { Stage: 'ACTIVATION' }, { CallbackLatency: 20 * 3600 }));
    const described = describeAlarms(cloudWatch, { AlarmNames: [activationCallbackLatencyAlarm.name] });
    expect(described.MetricAlarms).toEqual([
      expect.objectContaining({ AlarmName: activationCallbackLatencyAlarm.name, StateValue: 'OK', ExtendedStatistic: 'p90', Threshold: 14400, AlarmActions: ['arn:aws:sns:us-east-1:000000000000:kamflow-alarms-operations'] }),
    ]);
    cloudWatch.ingestLine(emfLine(now - 500, { Stage: 'ACTIVATION' }, { CallbackLatency: 20 * 3600 }));
    expect(describeAlarms(cloudWatch, { AlarmNames: [activationCallbackLatencyAlarm.name] }).MetricAlarms[0]).toMatchObject({ StateValue: 'ALARM' });
  });

  it('pages DescribeAlarms and lists composite alarms only when asked for them', () => {
    const cloudWatch = new LocalCloudWatch();
    const first = describeAlarms(cloudWatch, { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 20 });
    expect(first.MetricAlarms).toHaveLength(20);
    const rest = describeAlarms(cloudWatch, { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100, NextToken: first.NextToken });
    // each page lists its metric alarms, then its composite alarms
    const metricFirst = [...localAlarmDefinitions.filter((definition) => definition.kind !== 'composite'), ...localAlarmDefinitions.filter((definition) => definition.kind === 'composite')];
    expect([...first.MetricAlarms, ...rest.MetricAlarms, ...rest.CompositeAlarms].map((alarm) => alarm.AlarmName)).toEqual(metricFirst.map((definition) => definition.name));
    expect(describeAlarms(cloudWatch, {}).CompositeAlarms).toEqual([]);
  });
});
