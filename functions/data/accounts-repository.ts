/** Named access patterns for key accounts. */
import type { EntityItem } from 'electrodb';
import { ConflictError, NotFoundError } from '../commons/errors.ts';
import { AccountEntity } from './entities/account.ts';
import type { AccountScope } from '../domain/people.ts';
import type { Page } from './orders-repository.ts';
import { isConditionFailure } from './table.ts';

export type AccountRecord = EntityItem<typeof AccountEntity>;

export async function insertAccount(account: AccountRecord): Promise<AccountRecord> {
  try {
    await AccountEntity.create(account).go();
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`account ${account.accountId} exists already`);
    throw error;
  }
  return account;
}

export async function findAccount(accountId: string): Promise<AccountRecord | undefined> {
  const { data } = await AccountEntity.get({ accountId }).go();
  return data ?? undefined;
}

export async function getAccount(accountId: string): Promise<AccountRecord> {
  const account = await findAccount(accountId);
  if (!account) throw new NotFoundError('account', accountId);
  return account;
}

/** Accounts inside a row-level scope, newest first: one Query on the index that answers the scope. */
export async function listAccountsInScope(scope: AccountScope, page: { limit: number; cursor?: string | undefined }): Promise<Page<AccountRecord>> {
  const options = { order: 'desc' as const, limit: page.limit, cursor: page.cursor ?? null };
  const result =
    scope.kind === 'all'
      ? await AccountEntity.query.allAccounts({}).go(options)
      : scope.kind === 'unit'
        ? await AccountEntity.query.byUnit({ unitId: scope.unitId }).go(options)
        : scope.kind === 'team'
          ? await AccountEntity.query.byTeam({ supervisorId: scope.supervisorId }).go(options)
          : scope.kind === 'owner'
            ? await AccountEntity.query.byOwner({ accountManager: scope.userId }).go(options)
            : { data: [], cursor: null };
  return { items: result.data, nextCursor: result.cursor ?? undefined };
}
