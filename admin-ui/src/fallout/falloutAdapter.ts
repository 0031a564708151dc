import { tmfProductOrderPath } from '../../../functions/api/tmf-paths.ts';
import { fetchPage, listingKey } from '../dataProvider/cursorPages.ts';
import { recordPath, toListPage, type AdapterContext, type ResourceAdapter } from '../dataProvider/resourceAdapter.ts';
import { readRecord, readRecords } from '../dataProvider/responses.ts';

/** The fallout queue (`/api/fallout`): failed orders, oldest first, cursor in `X-Next-Cursor`; a row opens the order. */
export function falloutAdapter({ client, pages }: AdapterContext): ResourceAdapter {
  return {
    async list({ page, perPage, signal }) {
      const key = listingKey('fallout', {}, perPage);
      const result = await fetchPage(pages(), key, page, perPage, async (cursor) => {
        const { json, headers } = await client('/api/fallout', { query: { limit: perPage, cursor }, ...(signal ? { signal } : {}) });
        const nextCursor = headers.get('X-Next-Cursor') ?? undefined;
        return { items: readRecords(json, 'fallout queue'), ...(nextCursor ? { nextCursor } : {}) };
      });
      return toListPage(result);
    },
    async one(id, signal) {
      const { json } = await client(recordPath(tmfProductOrderPath, id), signal ? { signal } : {});
      return readRecord(json, 'order');
    },
  };
}
