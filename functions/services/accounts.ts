/** Key accounts (大客户): create and read within the caller's reach. Hierarchy and tiering rules come later. */
import { ulid } from 'ulid';
import { nowIso } from '../commons/clock.ts';
import { ForbiddenError, ValidationError } from '../commons/errors.ts';
import { accountScopeOf, mayAssignOwner } from '../domain/people.ts';
import type { Principal } from '../domain/people.ts';
import type { CreateAccountRequest } from '../api/schemas.ts';
import { findAccount, insertAccount, listAccountsInScope } from '../data/accounts-repository.ts';
import type { AccountRecord } from '../data/accounts-repository.ts';
import type { Page } from '../data/orders-repository.ts';
import { findUser, rolesOf } from '../data/users-repository.ts';
import { NotFoundError } from '../commons/errors.ts';
import { assertCovers } from './access.ts';

/** Exactly one owner per account: the creator when a key account manager, else the named key account manager. */
export async function createAccount(principal: Principal, request: CreateAccountRequest): Promise<AccountRecord> {
  const ownerId = request.accountManager ?? (principal.roles.includes('KEY_ACCOUNT_MANAGER') ? principal.userId : undefined);
  if (!ownerId) throw ValidationError.forField('accountManager', 'required: every key account has one key account manager');
  const owner = await findUser(ownerId);
  const ownerRoles = owner ? rolesOf(owner) : [];
  if (!owner || owner.status !== 'ACTIVE' || !ownerRoles.includes('KEY_ACCOUNT_MANAGER')) {
    throw ValidationError.forField('accountManager', `no active key account manager ${ownerId}`);
  }
  if (!mayAssignOwner(principal, { userId: owner.userId, roles: ownerRoles, managerId: owner.managerId, unitId: owner.unitId })) {
    throw new ForbiddenError(`you may not make ${ownerId} the owner of an account`);
  }
  const at = nowIso();
  return insertAccount({
    accountId: `acc_${ulid()}`,
    name: request.name,
    industry: request.industry,
    tier: request.tier,
    status: 'ACTIVE',
    ...(request.province ? { province: request.province } : {}),
    ...(request.city ? { city: request.city } : {}),
    accountManager: owner.userId,
    supervisorId: owner.managerId,
    unitId: owner.unitId,
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
}

export async function getAccountFor(principal: Principal, accountId: string): Promise<AccountRecord> {
  const account = await findAccount(accountId);
  if (!account) throw new NotFoundError('account', accountId);
  assertCovers(principal, account, 'account', accountId);
  return account;
}

export function listAccountsFor(principal: Principal, page: { limit: number; cursor?: string | undefined }): Promise<Page<AccountRecord>> {
  return listAccountsInScope(accountScopeOf(principal), page);
}

export function toAccountView(account: AccountRecord) {
  const { accountId, supervisorId: _supervisorId, unitId: _unitId, ...rest } = account;
  return { id: accountId, ...rest };
}
