/** Key accounts (大客户): create and read. Hierarchy, tiering rules and ownership arrive with the accounts issue. */
import { ulid } from 'ulid';
import { nowIso } from '../commons/clock.ts';
import type { CreateAccountRequest } from '../api/schemas.ts';
import { insertAccount } from '../data/accounts-repository.ts';
import type { AccountRecord } from '../data/accounts-repository.ts';

export async function createAccount(request: CreateAccountRequest): Promise<AccountRecord> {
  const at = nowIso();
  return insertAccount({
    accountId: `acc_${ulid()}`,
    name: request.name,
    industry: request.industry,
    tier: request.tier,
    status: 'ACTIVE',
    ...(request.province ? { province: request.province } : {}),
    ...(request.city ? { city: request.city } : {}),
    ...(request.accountManager ? { accountManager: request.accountManager } : {}),
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
}

export function toAccountView(account: AccountRecord) {
  const { accountId, ...rest } = account;
  return { id: accountId, ...rest };
}
