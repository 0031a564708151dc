import type { ApiClient } from './httpClient.ts';
import type { ResourceAdapter } from './resourceAdapter.ts';
import { recordPath } from './resourceAdapter.ts';
import { readItemsPage, readRecord } from './responses.ts';

/** A resource the API answers whole (a dozen SLA policies, 32 calendars), paged here for react-admin. */
export function wholeListAdapter(client: ApiClient, path: string, what: string): ResourceAdapter {
  return {
    async list({ page, perPage, signal }) {
      const { json } = await client(path, signal ? { signal } : {});
      const items = readItemsPage(json, what).items;
      return { data: items.slice((page - 1) * perPage, page * perPage), total: items.length, pageInfo: { hasNextPage: page * perPage < items.length, hasPreviousPage: page > 1 } };
    },
    async one(id, signal) {
      const { json } = await client(recordPath(path, id), signal ? { signal } : {});
      return readRecord(json, what);
    },
  };
}
