/**
 * The SLA dashboard's calls: attainment reports (JSON, and the CSV file for Excel) and the SLA alarms' states. JSON goes
 * through the console's one API client; the CSV is a file, so it is fetched as bytes with the same ID token.
 */
import { HttpError } from 'react-admin';
import { networkErrorMessage, signedOutMessage } from '../dataProvider/httpClient.ts';
import type { ApiClient, TokenSource } from '../dataProvider/httpClient.ts';

export const reportGroupings = ['tier', 'product', 'province', 'stage', 'position'] as const;
export type ReportGrouping = (typeof reportGroupings)[number];

export type AttainmentRow = { key: string; finished: number; timed: number; onTime: number; late: number; failed: number; attainment: number | null; averageWorkingHours: number | null };
export type SlaReport = { from: string; to: string; groupBy: ReportGrouping; scope: string; total: AttainmentRow; rows: AttainmentRow[] };
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type AlarmView = {
  name: string;
  kind: 'threshold' | 'anomaly' | 'composite';
  description: string;
  audience: string[];
  state: AlarmState;
  reason: string;
  updatedAt?: string;
  metricName?: string;
  dimensions?: Record<string, string>;
  statistic?: string;
  comparison?: string;
  threshold?: number;
};
/** Dates in Beijing time; absent: the API's default (the 30 days up to today on the business clock). */
export type ReportWindow = { from?: string | undefined; to?: string | undefined };
export type CsvFile = { filename: string; blob: Blob };

export type SlaReportCalls = {
  slaReport(groupBy: ReportGrouping, window: ReportWindow): Promise<SlaReport>;
  slaReportCsv(groupBy: ReportGrouping, window: ReportWindow): Promise<CsvFile>;
  slaAlarms(): Promise<AlarmView[]>;
};

/** filename="…" of a Content-Disposition header. */
export function filenameOf(contentDisposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(contentDisposition ?? '');
  return match?.[1] ?? fallback;
}

export function slaReportCalls(client: ApiClient, apiUrl: string, token: TokenSource): SlaReportCalls {
  const base = apiUrl.replace(/\/+$/, '');
  return {
    async slaReport(groupBy, window) {
      return (await client('/api/sla/reports', { query: { groupBy, from: window.from, to: window.to } })).json as SlaReport;
    },
    async slaReportCsv(groupBy, window) {
      const bearer = await token();
      if (!bearer) throw new HttpError(signedOutMessage, 401, { code: 'UNAUTHORIZED', message: signedOutMessage });
      const url = new URL(`${base}/api/sla/reports`);
      url.search = new URLSearchParams({ groupBy, ...(window.from ? { from: window.from } : {}), ...(window.to ? { to: window.to } : {}) }).toString();
      let response: Response;
      try {
        response = await fetch(url, { headers: { Accept: 'text/csv', Authorization: `Bearer ${bearer}` } });
      } catch {
        throw new HttpError(networkErrorMessage, 0, { code: 'NETWORK', message: networkErrorMessage });
      }
      if (!response.ok) throw new HttpError(`HTTP ${response.status}`, response.status, { code: 'HTTP_ERROR', message: await response.text() });
      return { filename: filenameOf(response.headers.get('content-disposition'), `kamflow-sla-${groupBy}.csv`), blob: await response.blob() };
    },
    async slaAlarms() {
      return ((await client('/api/alarms')).json as { items: AlarmView[] }).items;
    },
  };
}

/** ALARM first, then no data, then OK; by name within a state. */
export function sortAlarms(alarms: readonly AlarmView[]): AlarmView[] {
  const order: Record<AlarmState, number> = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 };
  return [...alarms].sort((a, b) => order[a.state] - order[b.state] || a.name.localeCompare(b.name));
}
