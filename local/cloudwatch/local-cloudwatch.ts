/**
 * CloudWatch on one machine, for the SLA alarms: the handlers' EMF lines are taken off stdout (as CloudWatch Logs
 * would take them off the function's log) into a metric store; the alarm definitions CDK deploys
 * (functions/commons/alarm-definitions.ts) are evaluated over those data points; and `DescribeAlarms` is served over
 * CloudWatch's AWS JSON 1.0 protocol, so the alarm-states handler only needs its endpoint pointed here.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { audienceTopicName, locallyEvaluatedAlarmDefinitions } from '../../functions/commons/alarm-definitions.ts';
import type { AlarmDefinition, AlarmState, MetricAlarmDefinition } from '../../functions/commons/alarm-definitions.ts';
import { aggregateByPeriod, anomalyTrainingPeriods, evaluateAnomalyAlarm, evaluateCompositeAlarm, evaluateThresholdAlarm, periodStarts } from './alarm-evaluator.ts';
import type { AlarmEvaluation } from './alarm-evaluator.ts';
import { MetricStore, metricKey, parseEmbeddedMetricLine } from './metric-store.ts';

/**
 * The very objects CDK turns into CloudWatch alarms, every one whose metric the handlers write: the SLA alarms and the
 * SLA sweep's operator alarms. Alarms on AWS-service metrics (Lambda errors, DynamoDB throttles ...) are CDK-only.
 */
export const localAlarmDefinitions: readonly AlarmDefinition[] = locallyEvaluatedAlarmDefinitions;

export interface LocalAlarmRecord extends AlarmEvaluation {
  readonly definition: AlarmDefinition;
  /** Epoch milliseconds of the last change of state. */
  readonly updatedAt: number;
}

const region = 'us-east-1';
const account = '000000000000';

/**
 * How far back the definitions look (their evaluation periods, and the anomaly band's history), plus a period: older
 * data points are dropped. The SLA sweep writes a data point every business minute, so keeping 15 days as CloudWatch
 * does would grow without need on a long-running local stack.
 */
export function lookbackMs(definitions: readonly AlarmDefinition[]): number {
  const periods = definitions.map((definition) =>
    definition.kind === 'composite' ? 0 : definition.periodSeconds * (definition.evaluationPeriods + 1 + (definition.kind === 'anomaly' ? anomalyTrainingPeriods : 0)),
  );
  return Math.max(3600, ...periods) * 1000;
}

export class LocalCloudWatch {
  readonly store: MetricStore;
  private readonly records = new Map<string, LocalAlarmRecord>();
  /** The metrics some alarm reads, by CloudWatch's identity of a metric (namespace, name, exact dimensions). */
  private readonly alarmedMetrics: ReadonlySet<string>;

  constructor(
    readonly definitions: readonly AlarmDefinition[] = localAlarmDefinitions,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new MetricStore(lookbackMs(definitions));
    this.alarmedMetrics = new Set(
      definitions.flatMap((definition) => (definition.kind === 'composite' ? [] : [metricKey(definition.namespace, definition.metricName, definition.dimensions)])),
    );
  }

  /**
   * Takes an EMF line into the store; false for any other line. Only the data points of metrics an alarm reads are
   * kept: this CloudWatch answers DescribeAlarms and nothing else, and the handlers emit some 140 points per order,
   * which held for the 15 days of retention grew the process with every order.
   */
  ingestLine(line: string): boolean {
    const points = parseEmbeddedMetricLine(line);
    if (!points) return false;
    this.store.add(points.filter((point) => this.alarmedMetrics.has(metricKey(point.namespace, point.metricName, point.dimensions))));
    return true;
  }

  /** Every alarm's state now, metric alarms first, then composites over them. */
  evaluate(): LocalAlarmRecord[] {
    const now = this.now();
    this.store.prune(now);
    const states = new Map<string, AlarmState>();
    const evaluated: LocalAlarmRecord[] = [];
    for (const definition of this.definitions) {
      const previous = this.records.get(definition.name);
      const evaluation = definition.kind === 'composite' ? evaluateCompositeAlarm(definition, states) : this.evaluateMetricAlarm(definition, now, previous?.state);
      const record = { definition, ...evaluation, updatedAt: previous && previous.state === evaluation.state ? previous.updatedAt : now };
      this.records.set(definition.name, record);
      states.set(definition.name, record.state);
      evaluated.push(record);
    }
    return evaluated;
  }

  private evaluateMetricAlarm(definition: MetricAlarmDefinition, now: number, previous: AlarmState | undefined): AlarmEvaluation {
    const history = definition.kind === 'anomaly' ? anomalyTrainingPeriods : 0;
    const starts = periodStarts(definition.periodSeconds, definition.evaluationPeriods + history, now);
    const from = starts[0] ?? now;
    const samples = this.store
      .query(definition.namespace, definition.metricName, definition.dimensions, from, now + 1)
      .flatMap((point) => point.values.map((value) => ({ timestamp: point.timestamp, value })));
    const periods = aggregateByPeriod(definition, samples, starts);
    const evaluatedPeriods = periods.slice(history);
    if (definition.kind === 'anomaly') {
      return evaluateAnomalyAlarm(definition, evaluatedPeriods, periods.slice(0, history).map((period) => period.value), previous);
    }
    return evaluateThresholdAlarm(definition, evaluatedPeriods, previous);
  }
}

/**
 * Takes EMF lines off a stream's writes (the handlers run in this process and Powertools writes to process.stdout)
 * into the local CloudWatch; every other write passes through. Returns the function that undoes it.
 */
export function captureEmbeddedMetrics(stream: NodeJS.WriteStream, cloudWatch: LocalCloudWatch): () => void {
  const originalWrite = stream.write;
  const capturingWrite = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : undefined;
    if (text !== undefined && text.includes('"_aws"')) {
      const lines = text.split('\n').filter((line) => line.trim() !== '');
      if (lines.length > 0 && lines.every((line) => parseEmbeddedMetricLine(line) !== undefined)) {
        for (const line of lines) cloudWatch.ingestLine(line);
        const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
        if (callback) process.nextTick(callback);
        return true;
      }
    }
    return (originalWrite as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  };
  stream.write = capturingWrite as typeof stream.write;
  return () => {
    if (stream.write === (capturingWrite as typeof stream.write)) stream.write = originalWrite;
  };
}

// ------------------------------------------------------------------ DescribeAlarms over AWS JSON 1.0

const targetPrefix = 'GraniteServiceVersion20100801.';
const contentType = 'application/x-amz-json-1.0';

const alarmArn = (name: string) => `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`;
const topicArn = (topic: string) => `arn:aws:sns:${region}:${account}:${topic}`;
const epochSeconds = (milliseconds: number) => milliseconds / 1000;

function metricAlarmView(record: LocalAlarmRecord & { definition: MetricAlarmDefinition }) {
  const { definition } = record;
  const percentile = definition.statistic.startsWith('p');
  const metric = { Namespace: definition.namespace, MetricName: definition.metricName, Dimensions: Object.entries(definition.dimensions).map(([Name, Value]) => ({ Name, Value })) };
  return {
    AlarmName: definition.name,
    AlarmArn: alarmArn(definition.name),
    AlarmDescription: definition.description,
    ActionsEnabled: true,
    AlarmActions: definition.audience.map((audience) => topicArn(audienceTopicName(audience))),
    StateValue: record.state,
    StateReason: record.reason,
    StateUpdatedTimestamp: epochSeconds(record.updatedAt),
    EvaluationPeriods: definition.evaluationPeriods,
    DatapointsToAlarm: definition.datapointsToAlarm,
    ComparisonOperator: definition.comparison,
    TreatMissingData: definition.treatMissingData,
    ...(definition.kind === 'threshold'
      ? { ...metric, ...(percentile ? { ExtendedStatistic: definition.statistic } : { Statistic: definition.statistic }), Period: definition.periodSeconds, Threshold: definition.threshold }
      : {
          ThresholdMetricId: 'expr_1',
          Metrics: [
            { Id: 'expr_1', Expression: `ANOMALY_DETECTION_BAND(m0, ${definition.bandStandardDeviations})`, ReturnData: true },
            { Id: 'm0', MetricStat: { Metric: metric, Period: definition.periodSeconds, Stat: definition.statistic }, ReturnData: true },
          ],
        }),
  };
}

function compositeAlarmView(record: LocalAlarmRecord & { definition: Extract<AlarmDefinition, { kind: 'composite' }> }) {
  const { definition } = record;
  return {
    AlarmName: definition.name,
    AlarmArn: alarmArn(definition.name),
    AlarmDescription: definition.description,
    ActionsEnabled: true,
    AlarmActions: definition.audience.map((audience) => topicArn(audienceTopicName(audience))),
    AlarmRule: definition.anyOf.map((name) => `ALARM("${alarmArn(name)}")`).join(' OR '),
    StateValue: record.state,
    StateReason: record.reason,
    StateUpdatedTimestamp: epochSeconds(record.updatedAt),
  };
}

interface DescribeAlarmsRequest {
  readonly AlarmNames?: string[];
  readonly AlarmNamePrefix?: string;
  readonly AlarmTypes?: string[];
  readonly StateValue?: string;
  readonly MaxRecords?: number;
  readonly NextToken?: string;
}

export function describeAlarms(cloudWatch: LocalCloudWatch, request: DescribeAlarmsRequest) {
  const types = request.AlarmTypes ?? ['MetricAlarm'];
  const selected = cloudWatch
    .evaluate()
    .filter((record) => !request.AlarmNames || request.AlarmNames.includes(record.definition.name))
    .filter((record) => !request.AlarmNamePrefix || record.definition.name.startsWith(request.AlarmNamePrefix))
    .filter((record) => !request.StateValue || record.state === request.StateValue)
    .filter((record) => types.includes(record.definition.kind === 'composite' ? 'CompositeAlarm' : 'MetricAlarm'));
  const offset = request.NextToken ? Number(request.NextToken) : 0;
  const pageSize = Math.min(Math.max(request.MaxRecords ?? 50, 1), 100);
  const page = selected.slice(offset, offset + pageSize);
  const next = offset + pageSize < selected.length ? String(offset + pageSize) : undefined;
  return {
    MetricAlarms: page.filter((record) => record.definition.kind !== 'composite').map((record) => metricAlarmView(record as LocalAlarmRecord & { definition: MetricAlarmDefinition })),
    CompositeAlarms: page
      .filter((record) => record.definition.kind === 'composite')
      .map((record) => compositeAlarmView(record as LocalAlarmRecord & { definition: Extract<AlarmDefinition, { kind: 'composite' }> })),
    ...(next ? { NextToken: next } : {}),
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': contentType, ...headers });
  response.end(JSON.stringify(body));
}

export async function startLocalCloudWatchServer(cloudWatch: LocalCloudWatch, options: { port: number; host?: string }): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    void (async () => {
      try {
        if (request.method !== 'POST' || target !== `${targetPrefix}DescribeAlarms`) {
          send(response, 400, { __type: 'com.amazon.coral.service#UnknownOperationException', message: `the local CloudWatch answers DescribeAlarms only, not ${target || request.method}` }, { 'x-amzn-query-error': 'InvalidAction;Sender' });
          return;
        }
        send(response, 200, describeAlarms(cloudWatch, (await readJson(request)) as DescribeAlarmsRequest));
      } catch (error) {
        send(response, 400, { __type: 'com.amazon.coral.validate#ValidationException', message: error instanceof Error ? error.message : String(error) }, { 'x-amzn-query-error': 'ValidationError;Sender' });
      }
    })();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
