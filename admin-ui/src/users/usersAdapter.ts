import { fetchPage, listingKey } from '../dataProvider/cursorPages.ts';
import { recordPath, toListPage, type AdapterContext, type ResourceAdapter } from '../dataProvider/resourceAdapter.ts';
import { readItemsPage, readRecord } from '../dataProvider/responses.ts';
import { toUserCreate, toUserFormRecord, toUserUpdate, userFieldForIssue, type UserDraft } from './userDraft.ts';

/** `users` → `/api/users`: people with roles and reporting line; administrators create and change them. */
export function usersAdapter({ client, pages }: AdapterContext): ResourceAdapter {
  return {
    async list({ page, perPage, signal }) {
      const key = listingKey('users', {}, perPage);
      const result = await fetchPage(pages(), key, page, perPage, async (cursor) => {
        const { json } = await client('/api/users', { query: { limit: perPage, cursor }, ...(signal ? { signal } : {}) });
        return readItemsPage(json, 'user page');
      });
      return toListPage(result);
    },
    async one(id, signal) {
      const { json } = await client(recordPath('/api/users', id), signal ? { signal } : {});
      return toUserFormRecord(readRecord(json, 'user'));
    },
    async create(data) {
      const { json } = await client('/api/users', { method: 'POST', body: toUserCreate(data as UserDraft), formFields: userFieldForIssue });
      return toUserFormRecord(readRecord(json, 'user'));
    },
    async update(id, data, previousData) {
      const body = toUserUpdate(data as UserDraft, previousData as UserDraft);
      const { json } = await client(recordPath('/api/users', id), { method: 'PATCH', body, formFields: userFieldForIssue });
      return toUserFormRecord(readRecord(json, 'user'));
    },
  };
}
