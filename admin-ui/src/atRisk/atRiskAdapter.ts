/** `GET /api/sla/at-risk`: the stages (and whole orders) at risk of missing their due time or past it, soonest first. */
import type { ApiClient } from '../dataProvider/httpClient.ts';

export type AtRiskItem = {
  orderId: string;
  stage: string;
  status: 'AT_RISK' | 'BREACHED';
  owner: string;
  accountId: string;
  accountName: string;
  accountManager: string;
  startedAt: string;
  atRiskAt: string;
  dueAt: string;
  timeLeftMs: number;
  escalationId?: string;
};
export type AtRiskList = { asOf: string; items: AtRiskItem[] };

export type AtRiskCalls = {
  atRisk(): Promise<AtRiskList>;
};

export function atRiskCalls(client: ApiClient): AtRiskCalls {
  return {
    atRisk: async () => (await client('/api/sla/at-risk', { query: { limit: 200 } })).json as AtRiskList,
  };
}
