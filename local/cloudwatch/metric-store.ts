/**
 * What CloudWatch does with the embedded metric format (EMF) lines a Lambda function writes to its log: every metric
 * of a line becomes a data point of that metric under each of the line's dimension sets. The local runtime feeds the
 * handlers' stdout lines in here, and the local alarm evaluator reads the data points back.
 */

export interface MetricDataPoint {
  readonly namespace: string;
  readonly metricName: string;
  /** Exactly the dimensions of one dimension set, as CloudWatch keys the metric. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly values: readonly number[];
  readonly unit: string | undefined;
}

interface EmfDirective {
  readonly Namespace: string;
  readonly Dimensions: readonly (readonly string[])[];
  readonly Metrics: readonly { readonly Name: string; readonly Unit?: string }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The data points of one EMF line, or undefined when the line is not EMF (an ordinary log line). */
export function parseEmbeddedMetricLine(line: string): MetricDataPoint[] | undefined {
  const text = line.trim();
  if (!text.startsWith('{') || !text.includes('"_aws"')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || !isRecord(parsed['_aws'])) return undefined;
  const metadata = parsed['_aws'];
  const directives = metadata['CloudWatchMetrics'];
  const timestamp = typeof metadata['Timestamp'] === 'number' ? metadata['Timestamp'] : Date.now();
  if (!Array.isArray(directives)) return undefined;
  const points: MetricDataPoint[] = [];
  for (const directive of directives as EmfDirective[]) {
    for (const metric of directive.Metrics ?? []) {
      const raw = parsed[metric.Name];
      const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
      if (values.length === 0) continue;
      for (const dimensionSet of directive.Dimensions ?? []) {
        const dimensions: Record<string, string> = {};
        for (const name of dimensionSet) {
          const value = parsed[name];
          if (typeof value === 'string') dimensions[name] = value;
        }
        if (Object.keys(dimensions).length !== dimensionSet.length) continue;
        points.push({ namespace: directive.Namespace, metricName: metric.Name, dimensions, timestamp, values, unit: metric.Unit });
      }
    }
  }
  return points;
}

/** CloudWatch matches a metric by namespace, name and the exact set of dimensions. */
export function metricKey(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>): string {
  const sorted = Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([namespace, metricName, sorted]);
}

export class MetricStore {
  private readonly byMetric = new Map<string, MetricDataPoint[]>();

  /** Data points older than this are dropped (CloudWatch keeps more; alarms here look back at most a few days). */
  constructor(private readonly retentionMs: number = 15 * 24 * 3600_000) {}

  add(points: readonly MetricDataPoint[]): void {
    for (const point of points) {
      const key = metricKey(point.namespace, point.metricName, point.dimensions);
      const series = this.byMetric.get(key) ?? [];
      series.push(point);
      this.byMetric.set(key, series);
    }
  }

  /** How many data points are held, over every metric (memory use grows with it). */
  get pointCount(): number {
    let count = 0;
    for (const series of this.byMetric.values()) count += series.length;
    return count;
  }

  /** Data points of one metric with timestamps in [from, to). */
  query(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>, from: number, to: number): MetricDataPoint[] {
    const series = this.byMetric.get(metricKey(namespace, metricName, dimensions)) ?? [];
    return series.filter((point) => point.timestamp >= from && point.timestamp < to);
  }

  prune(now: number): void {
    for (const [key, series] of this.byMetric) {
      this.byMetric.set(key, series.filter((point) => point.timestamp >= now - this.retentionMs));
    }
  }
}
