/**
 * The SLA alarms with their current state, as CloudWatch reports them (locally: the local alarm evaluator behind the
 * same DescribeAlarms API), joined to their definitions for the audience and the threshold.
 */
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { CompositeAlarm, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { cloudWatchClient } from '../commons/clients.ts';
import { optionalEnv } from '../commons/env.ts';
import { alarmDefinitions } from '../commons/alarm-definitions.ts';
import type { AlarmAudience, AlarmDefinition, AlarmState } from '../commons/alarm-definitions.ts';

export interface AlarmStateView {
  readonly name: string;
  readonly kind: AlarmDefinition['kind'];
  readonly description: string;
  readonly audience: readonly AlarmAudience[];
  readonly state: AlarmState;
  readonly reason: string;
  readonly updatedAt?: string;
  readonly metricName?: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly statistic?: string;
  readonly comparison?: string;
  readonly threshold?: number;
  readonly periodSeconds?: number;
  readonly evaluationPeriods?: number;
  readonly anyOf?: readonly string[];
}

const describeBatch = 100;

/** Each stage's alarms carry its prefix in CloudWatch (ALARM_NAME_PREFIX, e.g. `qa-`); the default stage's none. */
const alarmNamePrefix = optionalEnv('ALARM_NAME_PREFIX') ?? '';

async function describe(names: readonly string[]): Promise<Map<string, MetricAlarm | CompositeAlarm>> {
  const found = new Map<string, MetricAlarm | CompositeAlarm>();
  for (let index = 0; index < names.length; index += describeBatch) {
    let nextToken: string | undefined;
    do {
      const page = await cloudWatchClient.send(
        new DescribeAlarmsCommand({ AlarmNames: names.slice(index, index + describeBatch), AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100, NextToken: nextToken }),
      );
      for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) if (alarm.AlarmName) found.set(alarm.AlarmName, alarm);
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return found;
}

function asState(value: string | undefined): AlarmState {
  return value === 'OK' || value === 'ALARM' ? value : 'INSUFFICIENT_DATA';
}

export async function listAlarmStates(): Promise<AlarmStateView[]> {
  const found = await describe(alarmDefinitions.map((definition) => `${alarmNamePrefix}${definition.name}`));
  return alarmDefinitions.map((definition) => {
    const alarm = found.get(`${alarmNamePrefix}${definition.name}`);
    const base = {
      name: definition.name,
      kind: definition.kind,
      description: definition.description,
      audience: definition.audience,
      state: asState(alarm?.StateValue),
      reason: alarm?.StateReason ?? 'not found in CloudWatch: the alarm is not deployed',
      ...(alarm?.StateUpdatedTimestamp ? { updatedAt: alarm.StateUpdatedTimestamp.toISOString() } : {}),
    };
    if (definition.kind === 'composite') return { ...base, anyOf: definition.anyOf };
    return {
      ...base,
      metricName: definition.metricName,
      dimensions: definition.dimensions,
      statistic: definition.statistic,
      comparison: definition.comparison,
      ...(definition.kind === 'threshold' ? { threshold: definition.threshold } : {}),
      periodSeconds: definition.periodSeconds,
      evaluationPeriods: definition.evaluationPeriods,
    };
  });
}
