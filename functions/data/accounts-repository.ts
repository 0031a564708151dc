/** Named access patterns for key accounts. */
import { ulid } from 'ulid';
import { ConflictError } from '../commons/errors.ts';
import { nowIso } from '../commons/clock.ts';
import type { TierOutcome } from '../domain/accounts.ts';
import { ContactEntity, CustomerPlanEntity, TierChangeEntity } from './entities/account-records.ts';
import { BillingRecordEntity } from './entities/billing-record.ts';
import { queryInScope } from './scope-query.ts';
import { kamflowService } from './kamflow-service.ts';
import { AccountEntity } from './entities/account.ts';
import type { AccountScope } from '../domain/people.ts';
import type { Page } from './page.ts';
import { isConditionFailure } from './table.ts';
import type { AccountRecord } from './entities/account.ts';
import type { TierChangeRecord, ContactRecord, CustomerPlanRecord } from './entities/account-records.ts';



/** A new account and the first entry of its tier history, together. */
export async function insertAccount(account: AccountRecord, firstTier: { changedBy: string; reason: string; ruleVersion?: number | undefined }): Promise<AccountRecord> {
  const { canceled } = await kamflowService.transaction
    .write(({ account: accounts, tierChange }) => [
      accounts.create(account).commit(),
      tierChange
        .create({
          accountId: account.accountId,
          changeId: `${account.createdAt}#${ulid()}`,
          at: account.createdAt,
          from: 'NONE',
          to: account.tier,
          override: false,
          changedBy: firstTier.changedBy,
          reason: firstTier.reason,
          ...(firstTier.ruleVersion !== undefined ? { ruleVersion: firstTier.ruleVersion } : {}),
        })
        .commit(),
    ])
    .go();
  if (canceled) throw new ConflictError(`account ${account.accountId} exists already`);
  return account;
}

type AccountChanges = Partial<Pick<AccountRecord, 'name' | 'industry' | 'status' | 'province' | 'city' | 'creditCode' | 'monthlyBilledRevenue' | 'strategic' | 'parentAccountId'>>;

/** Index key parts an update must carry for the indexes it touches, except those it sets itself. */
function unchangedComposites(account: AccountRecord, changes: Record<string, unknown>) {
  const composites = { name: account.name, parentAccountId: account.parentAccountId, createdAt: account.createdAt, accountManager: account.accountManager, supervisorId: account.supervisorId, unitId: account.unitId };
  return Object.fromEntries(Object.entries(composites).filter(([key]) => !(key in changes))) as Partial<typeof composites>;
}

/** Conditional on the version the caller read: a concurrent edit is a ConflictError, never a lost update. */
export async function updateAccount(account: AccountRecord, expectedVersion: number, changes: AccountChanges): Promise<AccountRecord> {
  const updatedAt = nowIso();
  const set = { ...changes, updatedAt, version: expectedVersion + 1 };
  try {
    await AccountEntity.patch({ accountId: account.accountId })
      .set(set)
      .composite(unchangedComposites(account, changes))
      .where((attributes, { eq }) => eq(attributes.version, expectedVersion))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`account ${account.accountId} was changed by someone else (version ${expectedVersion} is stale); reload and try again`);
    throw error;
  }
  return { ...account, ...set };
}

/** A tier change and its history entry in one transaction, guarded by the account's version. */
export async function changeTier(account: AccountRecord, change: { to: TierOutcome; override: boolean; changedBy: string; reason: string; ruleVersion?: number | undefined }): Promise<AccountRecord> {
  const at = nowIso();
  const set = { tier: change.to, tierOverridden: change.override, updatedAt: at, version: account.version + 1, ...(change.ruleVersion !== undefined ? { tierRuleVersion: change.ruleVersion } : {}) };
  const { canceled } = await kamflowService.transaction
    .write(({ account: accounts, tierChange }) => [
      accounts
        .patch({ accountId: account.accountId })
        .set(set)
        .where((attributes, { eq }) => eq(attributes.version, account.version))
        .commit(),
      tierChange
        .create({
          accountId: account.accountId,
          changeId: `${at}#${ulid()}`,
          at,
          from: account.tier,
          to: change.to,
          override: change.override,
          changedBy: change.changedBy,
          reason: change.reason,
          ...(change.ruleVersion !== undefined ? { ruleVersion: change.ruleVersion } : {}),
        })
        .commit(),
    ])
    .go();
  if (canceled) throw new ConflictError(`account ${account.accountId} was changed concurrently; try again`);
  return { ...account, ...set };
}

export async function tierHistory(accountId: string): Promise<TierChangeRecord[]> {
  const { data } = await TierChangeEntity.query.byAccount({ accountId }).go({ pages: 'all' });
  return data;
}

export async function childrenOf(parentAccountId: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<AccountRecord>> {
  const result = await AccountEntity.query.byParent({ parentAccountId }).go({ limit: page.limit, cursor: page.cursor ?? null });
  return { items: result.data, nextCursor: result.cursor ?? undefined };
}

export async function allChildrenOf(parentAccountId: string): Promise<AccountRecord[]> {
  const { data } = await AccountEntity.query.byParent({ parentAccountId }).go({ pages: 'all' });
  return data;
}

export async function contactsOf(accountId: string): Promise<ContactRecord[]> {
  const { data } = await ContactEntity.query.byAccount({ accountId }).go({ pages: 'all' });
  return data;
}

export async function insertContact(contact: ContactRecord): Promise<ContactRecord> {
  await ContactEntity.create(contact).go();
  return contact;
}

export async function findAccount(accountId: string): Promise<AccountRecord | undefined> {
  const { data } = await AccountEntity.get({ accountId }).go();
  return data ?? undefined;
}

/** Accounts inside a row-level scope, newest first: one Query on the index that answers the scope. */
export async function listAccountsInScope(scope: AccountScope, page: { limit: number; cursor?: string | undefined }): Promise<Page<AccountRecord>> {
  return queryInScope(scope, page, {
    all: (options) => AccountEntity.query.allAccounts({}).go(options),
    unit: (unitId, options) => AccountEntity.query.byUnit({ unitId }).go(options),
    team: (supervisorId, options) => AccountEntity.query.byTeam({ supervisorId }).go(options),
    owner: (accountManager, options) => AccountEntity.query.byOwner({ accountManager }).go(options),
  });
}

export async function findPlan(accountId: string, year: number): Promise<CustomerPlanRecord | undefined> {
  const { data } = await CustomerPlanEntity.get({ accountId, year }).go();
  return data ?? undefined;
}

/** Creates the plan (expectedVersion undefined: must not exist) or replaces it at the version read. */
export async function savePlan(plan: Omit<CustomerPlanRecord, 'version'>, expectedVersion: number | undefined): Promise<CustomerPlanRecord> {
  const version = (expectedVersion ?? 0) + 1;
  try {
    if (expectedVersion === undefined) {
      await CustomerPlanEntity.create({ ...plan, version }).go();
    } else {
      await CustomerPlanEntity.put({ ...plan, version })
        .where((attributes, { eq }) => eq(attributes.version, expectedVersion))
        .go();
    }
  } catch (error) {
    if (isConditionFailure(error)) {
      throw new ConflictError(expectedVersion === undefined ? `a ${plan.year} plan exists already: send its version to change it` : `the ${plan.year} plan was changed by someone else (version ${expectedVersion} is stale)`);
    }
    throw error;
  }
  return { ...plan, version };
}

/** Billing records of an account's circuits. */
export async function billingOfAccount(accountId: string) {
  const { data } = await BillingRecordEntity.query.byAccount({ accountId }).go({ pages: 'all' });
  return data;
}

/**
 * The tops of the hierarchy within a scope: for everyone, one Query on the branches index under `none` (by name);
 * for a narrower scope, the scope's own index with roots only (a filter on that Query, so a page may hold fewer).
 */
export async function listRootAccountsInScope(scope: AccountScope, page: { limit: number; cursor?: string | undefined }): Promise<Page<AccountRecord>> {
  if (scope.kind === 'all') return childrenOf('none', page);
  // Everyone's roots were answered above from the branches index; the narrower scopes filter their own index.
  return queryInScope(scope, page, {
    all: () => Promise.resolve({ data: [], cursor: null }),
    unit: (unitId, options) => AccountEntity.query.byUnit({ unitId }).where((attributes, { eq }) => eq(attributes.parentAccountId, 'none')).go(options),
    team: (supervisorId, options) => AccountEntity.query.byTeam({ supervisorId }).where((attributes, { eq }) => eq(attributes.parentAccountId, 'none')).go(options),
    owner: (accountManager, options) => AccountEntity.query.byOwner({ accountManager }).where((attributes, { eq }) => eq(attributes.parentAccountId, 'none')).go(options),
  });
}
