/** The account form's values as the API's create body: trimmed, and optional fields left out when blank. */
import type { AccountDraft } from '../api/types.ts';

export function toAccountCreate(draft: AccountDraft): AccountDraft {
  const optional = (value: string | undefined): string | undefined => {
    const text = value?.trim();
    return text ? text : undefined;
  };
  const province = optional(draft.province);
  const city = optional(draft.city);
  const accountManager = optional(draft.accountManager);
  return {
    name: draft.name.trim(),
    industry: draft.industry,
    tier: draft.tier,
    ...(province ? { province } : {}),
    ...(city ? { city } : {}),
    ...(accountManager ? { accountManager } : {}),
  };
}

/** The owner a new account gets by default: the signed-in person when they are a key account manager and nothing more. */
export function defaultAccountManager(identity: { id: string | number; roles?: unknown } | undefined): string | undefined {
  if (!identity || !Array.isArray(identity.roles)) return undefined;
  const roles = identity.roles.filter((role): role is string => typeof role === 'string');
  return roles.length === 1 && roles[0] === 'KEY_ACCOUNT_MANAGER' ? String(identity.id) : undefined;
}
