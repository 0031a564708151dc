/** Key accounts (大客户): create and read within the caller's reach. Hierarchy and tiering rules come later. */
import { ulid } from 'ulid';
import { nowIso } from '../commons/clock.ts';
import { ForbiddenError, ValidationError } from '../commons/errors.ts';
import { accountScopeOf, mayAssignOwner, scopeCovers } from '../domain/people.ts';
import type { TierOutcome } from '../domain/accounts.ts';
import { currentTieringRule, decideTier } from '../domain/tiering.ts';
import type { Principal } from '../domain/people.ts';
import type { CreateAccountRequest, UpdateAccountRequest } from '../api/schemas/accounts.ts';
import type { CreateContactRequest } from '../api/schemas/contacts.ts';
import type { SavePlanRequest } from '../api/schemas/customer-plans.ts';
import { billedRevenueInYear, planProgress } from '../domain/customer-plan.ts';
import { shanghaiDate } from '../domain/billing.ts';
import { now } from '../commons/clock.ts';
import type { CustomerPlanRecord } from '../data/entities/account-records.ts';
import { billingOfAccount, findPlan, savePlan, allChildrenOf, changeTier, childrenOf, contactsOf, findAccount, insertAccount, insertContact, listAccountsInScope, tierHistory, updateAccount } from '../data/accounts-repository.ts';
import type { AccountRecord } from '../data/entities/account.ts';
import type { ContactRecord } from '../data/entities/account-records.ts';
import { listRootAccountsInScope } from '../data/accounts-repository.ts';
import type { Page } from '../data/page.ts';
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
  if (request.parentAccountId) await getAccountFor(principal, request.parentAccountId).catch(() => {
    throw ValidationError.forField('parentAccountId', `no key account ${request.parentAccountId}`);
  });
  const decision = request.tier
    ? undefined
    : decideTier({ name: request.name, monthlyBilledRevenue: request.monthlyBilledRevenue ?? 0, strategic: request.strategic ?? false, provinces: request.province ? [request.province] : [], cities: request.city ? [request.city] : [] });
  const at = nowIso();
  return insertAccount(
    {
      accountId: `acc_${ulid()}`,
      name: request.name,
      industry: request.industry,
      tier: request.tier ?? decision?.tier ?? 'LOCAL',
      tierOverridden: false,
      ...(decision ? { tierRuleVersion: decision.ruleVersion } : {}),
      status: 'ACTIVE',
      ...(request.creditCode ? { creditCode: request.creditCode } : {}),
      monthlyBilledRevenue: request.monthlyBilledRevenue ?? 0,
      strategic: request.strategic ?? false,
      parentAccountId: request.parentAccountId ?? 'none',
      ...(request.province ? { province: request.province } : {}),
      ...(request.city ? { city: request.city } : {}),
      accountManager: owner.userId,
      supervisorId: owner.managerId,
      unitId: owner.unitId,
      createdAt: at,
      updatedAt: at,
      version: 1,
    },
    decision
      ? { changedBy: principal.userId, reason: `rule: ${decision.reason}`, ruleVersion: decision.ruleVersion }
      : { changedBy: principal.userId, reason: 'declared at creation' },
  );
}

/** Edits with the version the caller read; moving an account in the hierarchy never makes a cycle. */
export async function updateAccountFor(principal: Principal, accountId: string, request: UpdateAccountRequest): Promise<AccountRecord> {
  const account = await getAccountFor(principal, accountId);
  const { version, ...changes } = request;
  if (changes.parentAccountId && changes.parentAccountId !== 'none') {
    await assertNoCycle(principal, accountId, changes.parentAccountId);
  }
  return updateAccount(account, version, changes);
}

const maxHierarchyDepth = 10;

async function assertNoCycle(principal: Principal, accountId: string, newParentId: string): Promise<void> {
  let current: string = newParentId;
  for (let depth = 0; depth < maxHierarchyDepth; depth += 1) {
    if (current === accountId) throw ValidationError.forField('parentAccountId', 'would make the hierarchy a cycle');
    const parent = await findAccount(current);
    if (!parent || (depth === 0 && !scopeCovers(accountScopeOf(principal), parent))) {
      throw ValidationError.forField('parentAccountId', `no key account ${current}`);
    }
    if (parent.parentAccountId === 'none') return;
    current = parent.parentAccountId;
  }
  throw ValidationError.forField('parentAccountId', `the hierarchy may be at most ${maxHierarchyDepth} levels deep`);
}

/** A supervisor's manual tier override, with a reason; recorded, and left alone by later rule evaluations. */
export async function overrideTier(principal: Principal, accountId: string, override: { tier: TierOutcome; reason: string }): Promise<AccountRecord> {
  const account = await getAccountFor(principal, accountId);
  return changeTier(account, { to: override.tier, override: true, changedBy: principal.userId, reason: override.reason });
}

/** Facts for the tiering rule: the account's own revenue and flag, its footprint with its branches. */
async function tieringFacts(account: AccountRecord) {
  const branches = await allChildrenOf(account.accountId);
  const places = [account, ...branches];
  return {
    name: account.name,
    monthlyBilledRevenue: account.monthlyBilledRevenue,
    strategic: account.strategic,
    provinces: places.flatMap((place) => (place.province ? [place.province] : [])),
    cities: places.flatMap((place) => (place.city ? [place.city] : [])),
  };
}

/** Re-evaluates every account with the current rule (one command); changes are recorded with the rule version. */
export async function evaluateAllTiers(principal: Principal) {
  const rule = currentTieringRule();
  let evaluated = 0;
  let changed = 0;
  let skippedOverrides = 0;
  let cursor: string | undefined;
  do {
    const page = await listAccountsInScope({ kind: 'all' }, { limit: 100, cursor });
    for (const account of page.items) {
      evaluated += 1;
      if (account.tierOverridden) {
        skippedOverrides += 1;
        continue;
      }
      const decision = decideTier(await tieringFacts(account), rule);
      if (decision.tier === account.tier) continue;
      await changeTier(account, { to: decision.tier, override: false, changedBy: principal.userId, reason: `rule: ${decision.reason}`, ruleVersion: decision.ruleVersion });
      changed += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { evaluated, changed, skippedOverrides, ruleVersion: rule.version };
}

export async function tierHistoryFor(principal: Principal, accountId: string) {
  await getAccountFor(principal, accountId);
  const history = await tierHistory(accountId);
  return history.map(({ accountId: _accountId, changeId: _changeId, ...change }) => change);
}

export async function childrenFor(principal: Principal, accountId: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<AccountRecord>> {
  await getAccountFor(principal, accountId);
  const children = await childrenOf(accountId, page);
  // Branches can be owned elsewhere in the organisation; only those in reach are shown.
  return { items: children.items.filter((child) => scopeCovers(accountScopeOf(principal), child)), nextCursor: children.nextCursor };
}

export async function contactsFor(principal: Principal, accountId: string) {
  await getAccountFor(principal, accountId);
  return (await contactsOf(accountId)).map(toContactView);
}

export async function addContact(principal: Principal, accountId: string, request: CreateContactRequest) {
  await getAccountFor(principal, accountId);
  const contact = await insertContact({ accountId, contactId: `con_${ulid()}`, ...request, createdAt: nowIso() });
  return toContactView(contact);
}

function toContactView(contact: ContactRecord) {
  const { contactId, ...rest } = contact;
  return { id: contactId, ...rest };
}

export async function getAccountFor(principal: Principal, accountId: string): Promise<AccountRecord> {
  const account = await findAccount(accountId);
  if (!account) throw new NotFoundError('account', accountId);
  assertCovers(principal, account, 'account', accountId);
  return account;
}

export function listAccountsFor(principal: Principal, page: { limit: number; cursor?: string | undefined }, options: { roots?: boolean | undefined } = {}): Promise<Page<AccountRecord>> {
  return options.roots ? listRootAccountsInScope(accountScopeOf(principal), page) : listAccountsInScope(accountScopeOf(principal), page);
}

export function toAccountView(account: AccountRecord) {
  const { accountId, supervisorId: _supervisorId, unitId: _unitId, parentAccountId, ...rest } = account;
  return { id: accountId, ...rest, ...(parentAccountId !== 'none' ? { parentAccountId } : {}) };
}

async function withProgress(plan: CustomerPlanRecord) {
  const today = shanghaiDate(now());
  const billed = billedRevenueInYear(await billingOfAccount(plan.accountId), plan.year, today);
  return { ...plan, progress: { ...planProgress(plan.revenueTarget, billed), asOf: today } };
}

export async function planFor(principal: Principal, accountId: string, year: number) {
  await getAccountFor(principal, accountId);
  const plan = await findPlan(accountId, year);
  if (!plan) throw new NotFoundError('customer plan', `${accountId}/${year}`);
  return withProgress(plan);
}

export async function savePlanFor(principal: Principal, accountId: string, year: number, request: SavePlanRequest) {
  await getAccountFor(principal, accountId);
  const { version, ...plan } = request;
  const saved = await savePlan({ accountId, year, ...plan, updatedBy: principal.userId, updatedAt: nowIso() }, version);
  return withProgress(saved);
}
