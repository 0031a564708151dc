/**
 * What a resource folder gives the data provider: how its list and its records are read, and created or updated where
 * the API allows it. The base provider (baseDataProvider.ts) maps react-admin's calls onto these; each adapter lives
 * beside its resource's pages (e.g. orders/ordersAdapter.ts), so a change to one API resource stays in one folder.
 */
import type { Identifier, RaRecord } from 'react-admin';
import type { CursorPages, PageResult } from './cursorPages.ts';
import type { ApiClient } from './httpClient.ts';

export type ListQuery = { page: number; perPage: number; filter: Record<string, unknown>; signal?: AbortSignal };
export type ListPage = { data: RaRecord[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean }; total?: number };

export type ResourceAdapter = {
  list(query: ListQuery): Promise<ListPage>;
  one(id: Identifier, signal?: AbortSignal): Promise<RaRecord>;
  create?(data: unknown): Promise<RaRecord>;
  update?(id: Identifier, data: unknown, previousData: RaRecord): Promise<RaRecord>;
};

/**
 * What every adapter is built from. `pages` is a function because the cursors are forgotten on sign-out: the provider
 * swaps in a fresh `CursorPages` and every adapter must see the new one.
 */
export type AdapterContext = { client: ApiClient; pages: () => CursorPages };

export function toListPage(result: PageResult<RaRecord>): ListPage {
  return {
    data: result.items,
    pageInfo: { hasNextPage: result.hasNextPage, hasPreviousPage: result.hasPreviousPage },
    ...(result.total !== undefined ? { total: result.total } : {}),
  };
}

/** A filter value worth sending: react-admin leaves cleared inputs as `''`. */
export function stringFilter(filter: Record<string, unknown>, name: string): string | undefined {
  const value = filter[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `/api/{resource}/{id}`, with the id escaped (account and user ids are free text). */
export function recordPath(collection: string, id: Identifier): string {
  return `${collection}/${encodeURIComponent(String(id))}`;
}
