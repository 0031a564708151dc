/**
 * react-admin's data provider conventions over a registry of resource adapters: paging bounds, references as filters,
 * `getMany` as one read per id, and a 405 for what no resource offers (bulk changes, deletes).
 */
import { HttpError } from 'react-admin';
import type { DataProvider, Identifier, RaRecord } from 'react-admin';
import type { ListQuery, ResourceAdapter } from './resourceAdapter.ts';

/** The API caps `limit` at 100. */
const maxPageSize = 100;

function unsupported(): Promise<never> {
  return Promise.reject(new HttpError('kamflow.errors.unsupported', 405, { code: 'UNSUPPORTED', message: 'unsupported' }));
}

function listQuery(pagination: { page: number; perPage: number } | undefined, filter: Record<string, unknown>, signal: AbortSignal | undefined): ListQuery {
  return {
    page: pagination?.page ?? 1,
    perPage: Math.min(Math.max(pagination?.perPage ?? 25, 1), maxPageSize),
    filter,
    ...(signal ? { signal } : {}),
  };
}

export function createBaseDataProvider(adapters: Readonly<Record<string, ResourceAdapter>>): DataProvider {
  const adapterOf = (resource: string): ResourceAdapter => {
    const adapter = adapters[resource];
    if (!adapter) throw new Error(`Unknown resource "${resource}"`);
    return adapter;
  };

  return {
    supportAbortSignal: true,
    async getList<RecordType extends RaRecord>(resource: string, params: Parameters<DataProvider['getList']>[1]) {
      const filter: Record<string, unknown> = params.filter ?? {};
      const page = await adapterOf(resource).list(listQuery(params.pagination, filter, params.signal));
      return { ...page, data: page.data as RecordType[] };
    },
    async getOne<RecordType extends RaRecord>(resource: string, params: Parameters<DataProvider['getOne']>[1]) {
      return { data: (await adapterOf(resource).one(params.id, params.signal)) as RecordType };
    },
    async getMany<RecordType extends RaRecord>(resource: string, params: Parameters<DataProvider['getMany']>[1]) {
      const adapter = adapterOf(resource);
      const data = await Promise.all(params.ids.map((id) => adapter.one(id, params.signal)));
      return { data: data as RecordType[] };
    },
    async getManyReference<RecordType extends RaRecord>(resource: string, params: Parameters<DataProvider['getManyReference']>[1]) {
      const filter: Record<string, unknown> = { ...(params.filter ?? {}), [params.target]: params.id };
      const page = await adapterOf(resource).list(listQuery(params.pagination, filter, params.signal));
      return { ...page, data: page.data as RecordType[] };
    },
    async create<RecordType extends Omit<RaRecord, 'id'>, ResultRecordType extends RaRecord = RecordType & { id: Identifier }>(
      resource: string,
      params: Parameters<DataProvider['create']>[1],
    ) {
      const adapter = adapterOf(resource);
      if (!adapter.create) return unsupported();
      return { data: (await adapter.create(params.data)) as ResultRecordType };
    },
    async update<RecordType extends RaRecord>(resource: string, params: Parameters<DataProvider['update']>[1]) {
      const adapter = adapterOf(resource);
      if (!adapter.update) return unsupported();
      return { data: (await adapter.update(params.id, params.data, params.previousData as RaRecord)) as RecordType };
    },
    updateMany: unsupported,
    delete: unsupported,
    deleteMany: unsupported,
  };
}
