/** Named access patterns for key accounts. */
import type { EntityItem } from 'electrodb';
import { ConflictError, NotFoundError } from '../commons/errors.ts';
import { AccountEntity } from './entities/account.ts';
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

export async function listAccounts(page: { limit: number; cursor?: string | undefined }): Promise<Page<AccountRecord>> {
  const result = await AccountEntity.query.allAccounts({}).go({ order: 'desc', limit: page.limit, cursor: page.cursor ?? null });
  return { items: result.data, nextCursor: result.cursor ?? undefined };
}
