/**
 * CloudWatch's alarm evaluation, for the local runtime: the same alarm definitions (functions/commons/alarm-definitions.ts)
 * over the data points the handlers emitted. Periods are aligned to multiples of the period since the epoch, as
 * CloudWatch aggregates them; the latest period is the one in progress. Pure functions: time and data are arguments.
 *
 * Anomaly detection differs by necessity: CloudWatch trains a model on up to two weeks of history; locally the
 * expected band is the mean ± N standard deviations of the statistic over the earlier periods (at least three).
 */
import type { AlarmState, AnomalyAlarmDefinition, CompositeAlarmDefinition, MetricAlarmDefinition, ThresholdAlarmDefinition } from '../../functions/commons/alarm-definitions.ts';

export interface AlarmEvaluation {
  readonly state: AlarmState;
  readonly reason: string;
}

export interface PeriodValue {
  /** Epoch milliseconds of the period's start. */
  readonly start: number;
  /** The statistic over the period's values; undefined when the period had no data. */
  readonly value: number | undefined;
}

/** Earlier periods the local anomaly band is computed from, and how many of them must have data. */
export const anomalyTrainingPeriods = 24;
export const anomalyMinimumTrainingPeriods = 3;

export function statisticOf(statistic: MetricAlarmDefinition['statistic'], values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  switch (statistic) {
    case 'Sum':
      return values.reduce((sum, value) => sum + value, 0);
    case 'Average':
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    case 'SampleCount':
      return values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    default: {
      const percentile = Number(statistic.slice(1));
      if (!(percentile > 0 && percentile <= 100)) throw new Error(`unsupported statistic ${statistic}`);
      // Nearest rank: the smallest value with at least p % of the values at or below it.
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.max(0, Math.ceil((percentile / 100) * sorted.length) - 1)];
    }
  }
}

/** Start of the `count` periods ending with the one in progress at `now`, oldest first. */
export function periodStarts(periodSeconds: number, count: number, now: number): number[] {
  const period = periodSeconds * 1000;
  const current = Math.floor(now / period) * period;
  return Array.from({ length: count }, (_, index) => current - (count - 1 - index) * period);
}

/** The statistic of each period, from raw values (timestamp in ms, value). */
export function aggregateByPeriod(definition: Pick<MetricAlarmDefinition, 'statistic' | 'periodSeconds'>, samples: readonly { timestamp: number; value: number }[], starts: readonly number[]): PeriodValue[] {
  const period = definition.periodSeconds * 1000;
  return starts.map((start) => ({
    start,
    value: statisticOf(
      definition.statistic,
      samples.filter((sample) => sample.timestamp >= start && sample.timestamp < start + period).map((sample) => sample.value),
    ),
  }));
}

const comparators: Readonly<Record<ThresholdAlarmDefinition['comparison'], { test: (value: number, threshold: number) => boolean; words: string }>> = {
  GreaterThanThreshold: { test: (value, threshold) => value > threshold, words: 'greater than' },
  GreaterThanOrEqualToThreshold: { test: (value, threshold) => value >= threshold, words: 'greater than or equal to' },
  LessThanThreshold: { test: (value, threshold) => value < threshold, words: 'less than' },
  LessThanOrEqualToThreshold: { test: (value, threshold) => value <= threshold, words: 'less than or equal to' },
};

const formatValue = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : String(Math.round(value * 1000) / 1000));
const formatTime = (start: number) => new Date(start).toISOString().replace('T', ' ').slice(0, 19);

/**
 * M of N: the alarm is in ALARM when at least datapointsToAlarm of the last evaluationPeriods periods breach. Periods
 * without data count as the definition's treatMissingData says; with no data at all, notBreaching is OK, breaching is
 * ALARM, missing is INSUFFICIENT_DATA and ignore keeps the previous state.
 */
function decide(
  definition: MetricAlarmDefinition,
  periods: readonly PeriodValue[],
  breaches: (value: number) => boolean,
  describe: (breaching: PeriodValue[]) => string,
  previous: AlarmState | undefined,
): AlarmEvaluation {
  const withData = periods.filter((period) => period.value !== undefined);
  if (withData.length === 0) {
    switch (definition.treatMissingData) {
      case 'notBreaching':
        return { state: 'OK', reason: `no data in the last ${periods.length} period(s), treated as not breaching` };
      case 'breaching':
        return { state: 'ALARM', reason: `no data in the last ${periods.length} period(s), treated as breaching` };
      case 'ignore':
        return { state: previous ?? 'INSUFFICIENT_DATA', reason: `no data in the last ${periods.length} period(s): state kept` };
      case 'missing':
        return { state: 'INSUFFICIENT_DATA', reason: `Insufficient Data: no data in the last ${periods.length} period(s)` };
    }
  }
  const breaching = withData.filter((period) => breaches(period.value as number));
  const missingCountsAsBreaching = definition.treatMissingData === 'breaching' ? periods.length - withData.length : 0;
  if (breaching.length + missingCountsAsBreaching >= definition.datapointsToAlarm) {
    return { state: 'ALARM', reason: `Threshold Crossed: ${describe(breaching)}` };
  }
  return { state: 'OK', reason: `Threshold not crossed: ${breaching.length} of ${periods.length} period(s) breaching, ${definition.datapointsToAlarm} needed` };
}

export function evaluateThresholdAlarm(definition: ThresholdAlarmDefinition, periods: readonly PeriodValue[], previous?: AlarmState): AlarmEvaluation {
  const comparator = comparators[definition.comparison];
  return decide(
    definition,
    periods,
    (value) => comparator.test(value, definition.threshold),
    (breaching) =>
      `${breaching.length} datapoint(s) [${breaching.map((period) => `${formatValue(period.value as number)} (${formatTime(period.start)})`).join(', ')}] ${breaching.length === 1 ? 'was' : 'were'} ${comparator.words} the threshold (${formatValue(definition.threshold)}).`,
    previous,
  );
}

export interface AnomalyBand {
  readonly lower: number;
  readonly upper: number;
}

/** mean ± N standard deviations of the earlier periods' values. */
export function anomalyBand(history: readonly (number | undefined)[], standardDeviations: number): AnomalyBand | undefined {
  const values = history.filter((value): value is number => value !== undefined);
  if (values.length < anomalyMinimumTrainingPeriods) return undefined;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const deviation = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
  return { lower: mean - standardDeviations * deviation, upper: mean + standardDeviations * deviation };
}

export function evaluateAnomalyAlarm(definition: AnomalyAlarmDefinition, periods: readonly PeriodValue[], history: readonly (number | undefined)[], previous?: AlarmState): AlarmEvaluation {
  const band = anomalyBand(history, definition.bandStandardDeviations);
  // Without data to judge, missing-data treatment decides, as for any alarm; with data but no band yet, it cannot.
  if (periods.every((period) => period.value === undefined)) return decide(definition, periods, () => false, () => '', previous);
  if (!band) {
    return { state: 'INSUFFICIENT_DATA', reason: `the expected band needs data in at least ${anomalyMinimumTrainingPeriods} earlier periods` };
  }
  const above = (value: number) => value > band.upper;
  const below = (value: number) => value < band.lower;
  const breaches =
    definition.comparison === 'GreaterThanUpperThreshold' ? above : definition.comparison === 'LessThanLowerThreshold' ? below : (value: number) => above(value) || below(value);
  return decide(
    definition,
    periods,
    breaches,
    (breaching) =>
      `${breaching.length} datapoint(s) [${breaching.map((period) => `${formatValue(period.value as number)} (${formatTime(period.start)})`).join(', ')}] outside the expected band (${formatValue(band.lower)} to ${formatValue(band.upper)}).`,
    previous,
  );
}

/** In ALARM when any named alarm is; INSUFFICIENT_DATA only when every one of them is. */
export function evaluateCompositeAlarm(definition: CompositeAlarmDefinition, states: ReadonlyMap<string, AlarmState>): AlarmEvaluation {
  const children = definition.anyOf.map((name) => ({ name, state: states.get(name) ?? 'INSUFFICIENT_DATA' }));
  const alarming = children.filter((child) => child.state === 'ALARM').map((child) => child.name);
  if (alarming.length > 0) return { state: 'ALARM', reason: `in ALARM: ${alarming.join(', ')}` };
  if (children.every((child) => child.state === 'INSUFFICIENT_DATA')) return { state: 'INSUFFICIENT_DATA', reason: 'none of its alarms has data' };
  return { state: 'OK', reason: 'none of its alarms is in ALARM' };
}
