import { fetchPage, listingKey } from '../dataProvider/cursorPages.ts';
import { recordPath, stringFilter, toListPage, type AdapterContext, type ResourceAdapter } from '../dataProvider/resourceAdapter.ts';
import { readItemsPage, readRecord } from '../dataProvider/responses.ts';

/** Contracts newest first: all within the caller's reach (`/api/contracts`), or one account's (the account page). */
export function contractsAdapter({ client, pages }: AdapterContext): ResourceAdapter {
  return {
    async list({ page, perPage, filter, signal }) {
      const accountId = stringFilter(filter, 'accountId');
      const path = accountId ? `${recordPath('/api/accounts', accountId)}/contracts` : '/api/contracts';
      const result = await fetchPage(pages(), listingKey('contracts', { accountId }, perPage), page, perPage, async (cursor) => {
        const { json } = await client(path, { query: { limit: perPage, cursor }, ...(signal ? { signal } : {}) });
        return readItemsPage(json, 'contract page');
      });
      return toListPage(result);
    },
    async one(id, signal) {
      const { json } = await client(recordPath('/api/contracts', id), signal ? { signal } : {});
      return readRecord(json, 'contract');
    },
  };
}
