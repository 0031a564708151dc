/**
 * `accounts` → `/api/accounts` (cursor in the body: `{ items, nextCursor }`). Beyond react-admin's calls, what the
 * account page shows beside the record: contacts, tier history and the account hierarchy.
 */
import type { Identifier } from 'react-admin';
import type { Account, AccountDraft } from '../api/types.ts';
import { sameFieldNames } from '../dataProvider/apiErrors.ts';
import { fetchPage, listingKey } from '../dataProvider/cursorPages.ts';
import type { ApiClient } from '../dataProvider/httpClient.ts';
import { recordPath, toListPage, type AdapterContext, type ResourceAdapter } from '../dataProvider/resourceAdapter.ts';
import { itemsOf, readItemsPage, readRecord } from '../dataProvider/responses.ts';
import { toAccountCreate } from './accountDraft.ts';

export type Contact = { id: string; name: string; role: string; phone?: string; email?: string; site?: string; createdAt: string };
export type TierChange = { at: string; from: string; to: string; ruleVersion?: number; override: boolean; changedBy: string; reason: string };
export type AccountTreePage = { items: Account[]; nextCursor?: string };

export function accountsAdapter({ client, pages }: AdapterContext): ResourceAdapter {
  return {
    async list({ page, perPage, signal }) {
      // The API lists accounts newest first and has no filters yet, so the filter is not part of the key.
      const key = listingKey('accounts', {}, perPage);
      const result = await fetchPage(pages(), key, page, perPage, async (cursor) => {
        const { json } = await client('/api/accounts', { query: { limit: perPage, cursor }, ...(signal ? { signal } : {}) });
        return readItemsPage(json, 'account page');
      });
      return toListPage(result);
    },
    async one(id, signal) {
      const { json } = await client(recordPath('/api/accounts', id), signal ? { signal } : {});
      return readRecord(json, 'account');
    },
    async create(data) {
      const { json } = await client('/api/accounts', {
        method: 'POST',
        body: toAccountCreate(data as AccountDraft),
        formFields: sameFieldNames,
      });
      return readRecord(json, 'account');
    },
  };
}

export type AccountCalls = {
  contactsOf(accountId: Identifier): Promise<Contact[]>;
  addContact(accountId: Identifier, contact: Omit<Contact, 'id' | 'createdAt'>): Promise<Contact>;
  tierHistoryOf(accountId: Identifier): Promise<TierChange[]>;
  /** The tops of the account hierarchy within reach, a page at a time. */
  accountRoots(cursor?: string): Promise<AccountTreePage>;
  /** An account's branches, each with its roll-up, a page at a time. */
  accountBranches(accountId: Identifier, cursor?: string): Promise<AccountTreePage>;
};

function readAccountPage(json: unknown): AccountTreePage {
  const page = readItemsPage(json, 'account page');
  return { items: page.items as unknown as Account[], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export function accountCalls(client: ApiClient): AccountCalls {
  const accountPath = (accountId: Identifier, part: string) => `${recordPath('/api/accounts', accountId)}/${part}`;
  return {
    async contactsOf(accountId) {
      return itemsOf<Contact>((await client(accountPath(accountId, 'contacts'))).json);
    },
    async addContact(accountId, contact) {
      const body = Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined && value !== ''));
      return (await client(accountPath(accountId, 'contacts'), { method: 'POST', body })).json as Contact;
    },
    async tierHistoryOf(accountId) {
      return itemsOf<TierChange>((await client(accountPath(accountId, 'tier-history'))).json);
    },
    async accountRoots(cursor) {
      return readAccountPage((await client('/api/accounts', { query: { roots: 'true', limit: 25, cursor } })).json);
    },
    async accountBranches(accountId, cursor) {
      return readAccountPage((await client(accountPath(accountId, 'children'), { query: { limit: 25, cursor } })).json);
    },
  };
}
