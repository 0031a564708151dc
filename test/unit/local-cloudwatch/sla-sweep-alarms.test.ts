/**
 * The SLA sweep's operator alarms evaluated locally over what the sweep writes: the EMF lines of recordSweepOutcome
 * (the sweep handler's call) taken off stdout as the local stack takes them, and the very definitions CDK deploys.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locallyEvaluatedAlarmDefinitions, operatorAlarmDefinitions, resourceAlarmDefinitions, slaSweepFailuresAlarm, slaSweepStalledAlarm } from '../../../functions/commons/alarm-definitions.ts';
import { recordSweepOutcome } from '../../../functions/commons/sla-metrics.ts';
import { captureEmbeddedMetrics, describeAlarms, LocalCloudWatch, localAlarmDefinitions } from '../../../local/cloudwatch/local-cloudwatch.ts';

const minute = 60_000;

describe('SLA sweep alarms on the local CloudWatch', () => {
  let now: number;
  let cloudWatch: LocalCloudWatch;
  let release: () => void;
  const stateOf = (name: string) => cloudWatch.evaluate().find((record) => record.definition.name === name);

  beforeEach(() => {
    // Powertools stamps EMF lines with the real clock; the evaluator's clock starts there and is moved by the test.
    now = Date.now();
    cloudWatch = new LocalCloudWatch(localAlarmDefinitions, () => now);
    release = captureEmbeddedMetrics(process.stdout, cloudWatch);
  });
  afterEach(() => release());

  it('are evaluated locally, while the alarms on AWS-service metrics are not', () => {
    expect(localAlarmDefinitions).toBe(locallyEvaluatedAlarmDefinitions);
    const local = new Set(localAlarmDefinitions.map((definition) => definition.name));
    expect(local).toContain(slaSweepFailuresAlarm.name);
    expect(local).toContain(slaSweepStalledAlarm.name);
    for (const definition of resourceAlarmDefinitions) expect(local, definition.name).not.toContain(definition.name);
    for (const definition of operatorAlarmDefinitions) expect(local.has(definition.name), definition.name).toBe(definition.metricSource === 'handlers');
  });

  it('"stalled" is in ALARM without a successful sweep, OK for 5 minutes after one, and in ALARM again after that', () => {
    expect(stateOf(slaSweepStalledAlarm.name)).toMatchObject({ state: 'ALARM', reason: expect.stringContaining('treated as breaching') });
    recordSweepOutcome('succeeded');
    now = Date.now();
    expect(cloudWatch.store.query('KAMflow', 'SlaSweepSucceeded', { service: 'kamflow' }, now - minute, now + minute).flatMap((point) => point.values)).toEqual([1]);
    expect(stateOf(slaSweepStalledAlarm.name)?.state).toBe('OK');
    now += 4 * minute;
    expect(stateOf(slaSweepStalledAlarm.name)?.state).toBe('OK');
    now += minute;
    expect(stateOf(slaSweepStalledAlarm.name)).toMatchObject({ state: 'ALARM', reason: 'no data in the last 5 period(s), treated as breaching' });
    expect(describeAlarms(cloudWatch, { AlarmNames: [slaSweepStalledAlarm.name] }).MetricAlarms[0]).toMatchObject({ StateValue: 'ALARM', MetricName: 'SlaSweepSucceeded', Threshold: 1 });
  });

  it('"failures" needs failed runs in 3 of the last 5 minutes: a single failure is caught up by the next run', () => {
    expect(stateOf(slaSweepFailuresAlarm.name)?.state).toBe('OK');
    recordSweepOutcome('failed');
    recordSweepOutcome('failed');
    now = Date.now();
    expect(stateOf(slaSweepFailuresAlarm.name)?.state).toBe('OK');
    // the evaluator's clock moves on a minute at a time; the lines are stamped when written, so shift them instead
    const points = cloudWatch.store.query('KAMflow', 'SlaSweepFailed', { service: 'kamflow' }, now - minute, now + minute);
    expect(points.flatMap((point) => point.values)).toEqual([1, 1]);
    const at = (offset: number) => JSON.stringify({ _aws: { Timestamp: now + offset, CloudWatchMetrics: [{ Namespace: 'KAMflow', Dimensions: [['service']], Metrics: [{ Name: 'SlaSweepFailed', Unit: 'Count' }] }] }, service: 'kamflow', SlaSweepFailed: 1 });
    now += 2 * minute;
    cloudWatch.ingestLine(at(-minute));
    expect(stateOf(slaSweepFailuresAlarm.name)?.state).toBe('OK');
    cloudWatch.ingestLine(at(0));
    expect(stateOf(slaSweepFailuresAlarm.name)).toMatchObject({ state: 'ALARM', reason: expect.stringContaining('greater than the threshold (0.0)') });
    now += 5 * minute;
    expect(stateOf(slaSweepFailuresAlarm.name)?.state).toBe('OK');
  });
});

describe('the local metric store', () => {
  it('keeps what the alarms look back over (the anomaly band\'s day of history, the daily on-time rate), not 15 days', async () => {
    const { lookbackMs } = await import('../../../local/cloudwatch/local-cloudwatch.ts');
    const hours = lookbackMs(localAlarmDefinitions) / 3_600_000;
    expect(hours).toBeGreaterThanOrEqual(27);
    expect(hours).toBeLessThanOrEqual(48);
    expect(lookbackMs([slaSweepStalledAlarm]) / 60_000).toBe(60);
  });
});
