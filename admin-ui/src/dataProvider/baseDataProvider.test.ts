import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { createBaseDataProvider } from './baseDataProvider.ts';
import type { ListQuery, ResourceAdapter } from './resourceAdapter.ts';

/** An adapter that records the list queries it is given and answers one record per id. */
function recordingAdapter(): ResourceAdapter & { queries: ListQuery[] } {
  const queries: ListQuery[] = [];
  return {
    queries,
    async list(query) {
      queries.push(query);
      return { data: [{ id: 'ord_1' }], pageInfo: { hasNextPage: false, hasPreviousPage: false } };
    },
    async one(id) {
      return { id };
    },
  };
}

describe('the base data provider', () => {
  it('keeps page sizes within what the API accepts', async () => {
    const orders = recordingAdapter();
    const provider = createBaseDataProvider({ orders });
    await provider.getList('orders', { pagination: { page: 2, perPage: 500 }, sort: { field: 'id', order: 'ASC' }, filter: {} });
    await provider.getList('orders', { pagination: { page: 1, perPage: 0 }, sort: { field: 'id', order: 'ASC' }, filter: {} });
    expect(orders.queries.map(({ page, perPage }) => ({ page, perPage }))).toEqual([{ page: 2, perPage: 100 }, { page: 1, perPage: 1 }]);
  });

  it('lists a reference as a filter on the target field', async () => {
    const orders = recordingAdapter();
    await createBaseDataProvider({ orders }).getManyReference('orders', {
      target: 'accountId', id: 'acc_1', pagination: { page: 1, perPage: 10 }, sort: { field: 'id', order: 'ASC' }, filter: { state: 'held' },
    });
    expect(orders.queries[0]?.filter).toEqual({ state: 'held', accountId: 'acc_1' });
  });

  it('reads many records one id at a time', async () => {
    const { data } = await createBaseDataProvider({ orders: recordingAdapter() }).getMany('orders', { ids: ['ord_1', 'ord_2'] });
    expect(data).toEqual([{ id: 'ord_1' }, { id: 'ord_2' }]);
  });

  it('answers 405 for what the adapter does not offer, and refuses a resource it does not know', async () => {
    const provider = createBaseDataProvider({ orders: recordingAdapter() });
    const refused = provider.update('orders', { id: 'ord_1', data: {}, previousData: { id: 'ord_1' } });
    await expect(refused).rejects.toBeInstanceOf(HttpError);
    await expect(refused).rejects.toMatchObject({ status: 405 });
    await expect(provider.delete('orders', { id: 'ord_1' })).rejects.toMatchObject({ status: 405 });
    await expect(provider.getOne('invoices', { id: 'inv_1' })).rejects.toThrow('Unknown resource "invoices"');
  });
});
