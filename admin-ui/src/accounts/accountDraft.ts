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
