import { recordPath, type AdapterContext, type ResourceAdapter } from '../dataProvider/resourceAdapter.ts';
import { readItemsPage, readRecord } from '../dataProvider/responses.ts';

/** What the product edit form holds: the version read, why, the prices and the stage template. */
type ProductForm = {
  version: number;
  reason?: string;
  bandwidths?: { bandwidth: string; oneOffCharge: number; monthlyCharge: number }[];
  stageTemplate?: { stage: string; workingDays?: number | null; workingHours?: number | null }[];
};

/** `products` → `/api/products`: the whole catalogue, no paging; saving a product makes a new catalogue version. */
export function productsAdapter({ client }: AdapterContext): ResourceAdapter {
  return {
    async list({ signal }) {
      const { json } = await client('/api/products', signal ? { signal } : {});
      const data = readItemsPage(json, 'product catalogue').items;
      return { data, total: data.length, pageInfo: { hasNextPage: false, hasPreviousPage: false } };
    },
    async one(id, signal) {
      const { json } = await client(recordPath('/api/products', id), signal ? { signal } : {});
      return readRecord(json, 'product');
    },
    async update(id, data) {
      const draft = data as ProductForm;
      const body = {
        version: draft.version,
        reason: draft.reason ?? '',
        prices: (draft.bandwidths ?? []).map(({ bandwidth, oneOffCharge, monthlyCharge }) => ({ bandwidth, oneOffCharge, monthlyCharge })),
        stageTemplate: (draft.stageTemplate ?? []).map(({ stage, workingDays, workingHours }) => ({
          stage,
          ...(workingDays !== undefined && workingDays !== null ? { workingDays } : {}),
          ...(workingHours !== undefined && workingHours !== null ? { workingHours } : {}),
        })),
      };
      const { json } = await client(recordPath('/api/products', id), { method: 'PUT', body, formFields: productFormField });
      return readRecord(json, 'product');
    },
  };
}

/** The API names price fields `prices.N.…`; the form edits them as `bandwidths.N.…`. */
function productFormField(field: string): string {
  return field.startsWith('prices.') ? `bandwidths.${field.slice('prices.'.length)}` : field;
}
