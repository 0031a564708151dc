/** `/api/escalations`: breached stages climbing the escalation ladder, and taking ownership of one. */
import type { ApiClient } from '../dataProvider/httpClient.ts';

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

export type EscalationCalls = {
  escalations(): Promise<Escalation[]>;
  acknowledgeEscalation(id: string): Promise<Escalation>;
};

export function escalationCalls(client: ApiClient): EscalationCalls {
  return {
    escalations: async () => ((await client('/api/escalations', { query: { limit: 100 } })).json as { items: Escalation[] }).items,
    acknowledgeEscalation: async (id: string) => (await client(`/api/escalations/${encodeURIComponent(id)}/acknowledgement`, { method: 'POST' })).json as Escalation,
  };
}
