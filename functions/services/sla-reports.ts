/**
 * SLA attainment reports for managers, within their reach: a key account manager sees their own accounts' stages, a
 * supervisor their team's, a department head their unit's, operations and administrators everything.
 */
import { ValidationError } from '../commons/errors.ts';
import { now } from '../commons/clock.ts';
import { circuitProducts } from '../domain/catalogue.ts';
import type { ProductId } from '../domain/catalogue.ts';
import { accountScopeOf } from '../domain/people.ts';
import type { Principal } from '../domain/people.ts';
import { attainmentBy, attainmentCsv, attainmentCsvFilename, attainmentOf, reportWindow } from '../domain/sla-attainment.ts';
import type { AttainmentRow, ReportGrouping } from '../domain/sla-attainment.ts';
import { listStageOutcomesInScope } from '../data/stage-outcomes-repository.ts';

export interface SlaReport {
  readonly from: string;
  readonly to: string;
  readonly groupBy: ReportGrouping;
  /** Whose stages the report covers: all, unit, team or owner (the caller's reach). */
  readonly scope: string;
  readonly total: AttainmentRow;
  readonly rows: AttainmentRow[];
}

export async function slaReportFor(principal: Principal, request: { from?: string | undefined; to?: string | undefined; groupBy: ReportGrouping }): Promise<SlaReport> {
  const window = reportWindow(request, now());
  if ('invalid' in window) throw ValidationError.forField(`query.${window.invalid}`, window.message);
  const scope = accountScopeOf(principal);
  const facts = await listStageOutcomesInScope(scope, window);
  return { from: window.from, to: window.to, groupBy: request.groupBy, scope: scope.kind, total: attainmentOf('TOTAL', facts), rows: attainmentBy(request.groupBy, facts) };
}

const stageNamesZh: Readonly<Record<string, string>> = {
  ORDER_ACCEPTANCE: '受理审核', RESOURCE_CONFIRMATION: '资源确认', NETWORK_BUILD: '网络建设', ACTIVATION: '开通',
  TEST: '测试/报竣', CUSTOMER_ACCEPTANCE: '客户验收', BILLING_START: '起租', CRM_CLOSE: 'CRM 归档',
};
const tierNamesZh: Readonly<Record<string, string>> = { GROUP: '集团客户', PROVINCIAL: '省级客户', LOCAL: '本地网客户', NOT_KEY_ACCOUNT: '非大客户' };
const positionNamesZh: Readonly<Record<string, string>> = {
  ACCEPTANCE_DESK: '受理台', NETWORK_RESOURCES: '网络资源', PLANNING: '规划', PROVISIONING_SYSTEM: '开通系统',
  OPERATIONS: '运维', ACCOUNT_MANAGER: '客户经理', BILLING: '计费',
};

function labelZh(grouping: ReportGrouping, key: string): string {
  if (key === 'TOTAL') return '合计';
  if (key === 'UNSPECIFIED') return '未填写';
  switch (grouping) {
    case 'stage':
      return stageNamesZh[key] ?? key;
    case 'tier':
      return tierNamesZh[key] ?? key;
    case 'position':
      return positionNamesZh[key] ?? key;
    case 'product':
      return circuitProducts[key as ProductId]?.nameZh ?? key;
    case 'province':
      return key;
  }
}

export function slaReportCsv(report: SlaReport): { filename: string; content: string } {
  return {
    filename: attainmentCsvFilename(report.groupBy, report),
    content: attainmentCsv(report.groupBy, report.rows, report.total, (key) => labelZh(report.groupBy, key)),
  };
}
