/** The SLA routes of the API, added to the console's data provider: the at-risk list and escalations. */
import type { DataProvider } from 'react-admin';
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

export type EscalationStep = { level: string; at: string; notified: string[]; informed: string[]; channel: string };
export type Escalation = {
  id: string;
  orderId: string;
  stage: string;
  accountName: string;
  accountManager: string;
  owner: string;
  dueAt: string;
  breachedAt: string;
  level: string;
  status: 'OPEN' | 'ACKNOWLEDGED';
  steps: EscalationStep[];
  acknowledgedBy?: string;
  acknowledgedAt?: string;
};

export type SlaApi = {
  atRisk(): Promise<AtRiskList>;
  escalations(): Promise<Escalation[]>;
  acknowledgeEscalation(id: string): Promise<Escalation>;
};

export type SlaDataProvider = DataProvider & SlaApi;

export function withSlaApi<D extends DataProvider>(dataProvider: D, client: ApiClient): D & SlaApi {
  return Object.assign(dataProvider, {
    atRisk: async () => (await client('/api/sla/at-risk', { query: { limit: 200 } })).json as AtRiskList,
    escalations: async () => ((await client('/api/escalations', { query: { limit: 100 } })).json as { items: Escalation[] }).items,
    acknowledgeEscalation: async (id: string) => (await client(`/api/escalations/${encodeURIComponent(id)}/acknowledgement`, { method: 'POST' })).json as Escalation,
  });
}
