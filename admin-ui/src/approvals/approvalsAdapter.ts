/** The approver's inbox: contracts waiting for the signed-in person's commercial authority, and the decision on one. */
import type { ApiClient } from '../dataProvider/httpClient.ts';
import { itemsOf } from '../dataProvider/responses.ts';

export type Contract = { id: string; accountId: string; title: string; slaClass: string; agreedValue: number; listValue: number; discountPercent: number; requiredLevel: string; approvalReasons: string[]; status: string; submittedBy: string; submittedAt: string };

export type ApprovalCalls = {
  /** The signed-in approver's inbox. */
  approvalInbox(): Promise<Contract[]>;
  decideContract(contractId: string, decision: 'APPROVED' | 'REFUSED', reason: string): Promise<void>;
};

export function approvalCalls(client: ApiClient): ApprovalCalls {
  return {
    async approvalInbox() {
      return itemsOf<Contract>((await client('/api/approvals', { query: { limit: 100 } })).json);
    },
    async decideContract(contractId, decision, reason) {
      await client(`/api/contracts/${encodeURIComponent(contractId)}/decisions`, { method: 'POST', body: { decision, reason } });
    },
  };
}
