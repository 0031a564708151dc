/**
 * The escalation chain of a breach (owner → supervisor → department head; docs/domain.md, "Jeopardy and escalation"),
 * along the reporting line of the account manager; GROUP accounts also reach the group key-account level. The key
 * account manager is informed at every step. Whoever takes ownership acknowledges the escalation; that stops the climb.
 * Pure.
 */
import type { AccountTier } from './accounts.ts';
import type { SlaTarget } from './order-stages.ts';

export const escalationLevels = ['OWNER', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'GROUP_KEY_ACCOUNT'] as const;
export type EscalationLevel = (typeof escalationLevels)[number];

export const escalationStatuses = ['OPEN', 'ACKNOWLEDGED'] as const;
export type EscalationStatus = (typeof escalationStatuses)[number];

/** The level after `level`, or undefined at the top of the chain (the group level exists only for GROUP accounts). */
export function nextEscalationLevel(level: EscalationLevel, tier: AccountTier | undefined): EscalationLevel | undefined {
  switch (level) {
    case 'OWNER':
      return 'SUPERVISOR';
    case 'SUPERVISOR':
      return 'DEPARTMENT_HEAD';
    case 'DEPARTMENT_HEAD':
      return tier === 'GROUP' ? 'GROUP_KEY_ACCOUNT' : undefined;
    case 'GROUP_KEY_ACCOUNT':
      return undefined;
  }
}

export function escalationRank(level: EscalationLevel): number {
  return escalationLevels.indexOf(level);
}

/** Who stands where in the chain of one order. Absent links (a vacant post) are skipped, never invented. */
export interface EscalationChain {
  /** The stage's owner: a person, a team (`team:…`) or a machine actor's work position (`system:…`). */
  readonly owner: string;
  readonly accountManager: string;
  readonly supervisor?: string | undefined;
  readonly departmentHead?: string | undefined;
  /** The configured group key-account person, or the administrators' role (`role:ADMINISTRATOR`). */
  readonly groupKeyAccount: string;
}

export interface EscalationRecipients {
  /** Asked to act. */
  readonly notified: readonly string[];
  /** Kept informed (the key account manager, always). */
  readonly informed: readonly string[];
}

export function escalationRecipients(level: EscalationLevel, chain: EscalationChain): EscalationRecipients {
  const target =
    level === 'OWNER' ? chain.owner : level === 'SUPERVISOR' ? chain.supervisor : level === 'DEPARTMENT_HEAD' ? chain.departmentHead : chain.groupKeyAccount;
  const notified = target ? [target] : [];
  const informed = notified.includes(chain.accountManager) ? [] : [chain.accountManager];
  return { notified, informed };
}

export type AcknowledgementDecision =
  | { readonly kind: 'RECORD' }
  | { readonly kind: 'ALREADY_YOURS' }
  | { readonly kind: 'TAKEN'; readonly by: string };

/** Acknowledging is idempotent for the person who holds the escalation and refused for anyone else. */
export function acknowledgementDecision(escalation: { readonly acknowledgedBy?: string | undefined }, userId: string): AcknowledgementDecision {
  if (escalation.acknowledgedBy === undefined) return { kind: 'RECORD' };
  if (escalation.acknowledgedBy === userId) return { kind: 'ALREADY_YOURS' };
  return { kind: 'TAKEN', by: escalation.acknowledgedBy };
}

/** One escalation per breached target of an order; its id names both. */
export function escalationIdOf(orderId: string, target: SlaTarget): string {
  return `esc_${orderId.replace(/^ord_/, '')}_${target}`;
}
