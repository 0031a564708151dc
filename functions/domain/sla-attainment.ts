/**
 * SLA attainment (按时完成率) for managers: of the stage attempts finished in a window, how many met their due time,
 * grouped by tier, product, province, stage or work position (工位). Pure: the finished-stage facts come in, the
 * report goes out; the CSV form is for Excel (UTF-8 with a byte order mark, so Chinese shows).
 */
import { stageDefinitions } from './order-stages.ts';
import type { OrderStage, WorkPosition } from './order-stages.ts';

export const reportGroupings = ['tier', 'product', 'province', 'stage', 'position'] as const;
export type ReportGrouping = (typeof reportGroupings)[number];

/** A finished stage attempt, as the report reads it. */
export interface FinishedStageFact {
  readonly stage: OrderStage;
  readonly workPosition: WorkPosition;
  readonly status: 'DONE' | 'FAILED';
  readonly tier?: string | undefined;
  readonly productId: string;
  readonly province?: string | undefined;
  readonly onTime?: boolean | undefined;
  readonly workingHours?: number | undefined;
}

export interface AttainmentRow {
  readonly key: string;
  /** Stage attempts finished in the window. */
  readonly finished: number;
  /** Of them, those that had a due time (the base of the rate). */
  readonly timed: number;
  readonly onTime: number;
  readonly late: number;
  readonly failed: number;
  /** onTime / timed, or null when nothing finished had a due time. */
  readonly attainment: number | null;
  readonly averageWorkingHours: number | null;
}

export const unspecifiedGroup = 'UNSPECIFIED';

const tierOrder = ['GROUP', 'PROVINCIAL', 'LOCAL', 'NOT_KEY_ACCOUNT'];
const positionOrder: readonly WorkPosition[] = ['ACCEPTANCE_DESK', 'NETWORK_RESOURCES', 'PLANNING', 'PROVISIONING_SYSTEM', 'OPERATIONS', 'ACCOUNT_MANAGER', 'BILLING'];

function groupKey(fact: FinishedStageFact, grouping: ReportGrouping): string {
  switch (grouping) {
    case 'tier':
      return fact.tier ?? unspecifiedGroup;
    case 'product':
      return fact.productId;
    case 'province':
      return fact.province?.trim() || unspecifiedGroup;
    case 'stage':
      return fact.stage;
    case 'position':
      return fact.workPosition;
  }
}

/** Rows in the order people expect: stages in loop order, tiers from group down, positions along the loop, else by name. */
function rank(grouping: ReportGrouping, key: string): number {
  if (key === unspecifiedGroup) return Number.MAX_SAFE_INTEGER;
  if (grouping === 'stage') return stageDefinitions[key as OrderStage]?.sequence ?? 1000;
  if (grouping === 'tier') return tierOrder.indexOf(key);
  if (grouping === 'position') return positionOrder.indexOf(key as WorkPosition);
  return 0;
}

const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function attainmentOf(key: string, facts: readonly FinishedStageFact[]): AttainmentRow {
  const timed = facts.filter((fact) => fact.onTime !== undefined);
  const onTime = timed.filter((fact) => fact.onTime === true).length;
  const hours = facts.flatMap((fact) => (fact.workingHours === undefined ? [] : [fact.workingHours]));
  return {
    key,
    finished: facts.length,
    timed: timed.length,
    onTime,
    late: timed.length - onTime,
    failed: facts.filter((fact) => fact.status === 'FAILED').length,
    attainment: timed.length === 0 ? null : roundTo(onTime / timed.length, 4),
    averageWorkingHours: hours.length === 0 ? null : roundTo(hours.reduce((sum, value) => sum + value, 0) / hours.length, 2),
  };
}

export function attainmentBy(grouping: ReportGrouping, facts: readonly FinishedStageFact[]): AttainmentRow[] {
  const groups = new Map<string, FinishedStageFact[]>();
  for (const fact of facts) {
    const key = groupKey(fact, grouping);
    groups.set(key, [...(groups.get(key) ?? []), fact]);
  }
  return [...groups.entries()]
    .map(([key, members]) => attainmentOf(key, members))
    .sort((a, b) => rank(grouping, a.key) - rank(grouping, b.key) || a.key.localeCompare(b.key, 'zh-CN'));
}

// ------------------------------------------------------------------ the report window, in Beijing time

const shanghaiOffsetMs = 8 * 3600_000;
export const maximumReportDays = 366;

/** 00:00 in Asia/Shanghai (no daylight saving) of a YYYY-MM-DD date, as an instant. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - shanghaiOffsetMs);
}

export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

export interface ReportWindow {
  /** YYYY-MM-DD, inclusive, in Beijing time. */
  readonly from: string;
  readonly to: string;
  /** Instants: finishedAt in [fromInstant, toInstant). */
  readonly fromInstant: string;
  readonly toInstant: string;
}

/** The window from one date to another, both inclusive; by default the 30 days up to today. */
export function reportWindow(request: { from?: string | undefined; to?: string | undefined }, now: Date): ReportWindow | { invalid: 'from' | 'to'; message: string } {
  const to = request.to ?? shanghaiDate(now);
  const from = request.from ?? shanghaiDate(new Date(startOfShanghaiDay(to).getTime() - 29 * 86_400_000));
  const fromStart = startOfShanghaiDay(from);
  const toEnd = new Date(startOfShanghaiDay(to).getTime() + 86_400_000);
  if (fromStart >= toEnd) return { invalid: 'from', message: 'must be on or before `to`' };
  if (toEnd.getTime() - fromStart.getTime() > maximumReportDays * 86_400_000) return { invalid: 'to', message: `the window may span at most ${maximumReportDays} days` };
  return { from, to, fromInstant: fromStart.toISOString(), toInstant: toEnd.toISOString() };
}

// ------------------------------------------------------------------ CSV for Excel

const groupingHeaders: Readonly<Record<ReportGrouping, string>> = {
  tier: '客户等级 Tier',
  product: '产品 Product',
  province: '省份 Province',
  stage: '环节 Stage',
  position: '工位 Work position',
};

const columnHeaders = ['完成数 Finished', '有时限 Timed', '按时 On time', '超时 Late', '失败 Failed', '按时率 On-time rate', '平均工时 Avg working hours'];

/** RFC 4180 quoting; a leading =, +, - or @ is neutralised so Excel does not run a cell as a formula. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function attainmentCsv(grouping: ReportGrouping, rows: readonly AttainmentRow[], total: AttainmentRow, label: (key: string) => string = (key) => key): string {
  const line = (cells: (string | number | null)[]) => cells.map(csvCell).join(',');
  const body = [
    line([groupingHeaders[grouping], '名称 Name', ...columnHeaders]),
    ...[...rows, total].map((row) => line([row.key, label(row.key), row.finished, row.timed, row.onTime, row.late, row.failed, row.attainment, row.averageWorkingHours])),
  ];
  return `\uFEFF${body.join('\r\n')}\r\n`;
}

export function attainmentCsvFilename(grouping: ReportGrouping, window: Pick<ReportWindow, 'from' | 'to'>): string {
  return `kamflow-sla-attainment-by-${grouping}-${window.from}-to-${window.to}.csv`;
}
