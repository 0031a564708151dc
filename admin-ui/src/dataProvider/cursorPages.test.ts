import { describe, expect, it } from 'vitest';
import { CursorPages, fetchPage, listingKey, type CursorPage } from './cursorPages.ts';

/** A fake listing of `size` numbers served `perPage` at a time, cursor = offset as text; records every cursor asked. */
function listing(size: number, perPage: number) {
  const requested: (string | undefined)[] = [];
  const fetchOnePage = async (cursor: string | undefined): Promise<CursorPage<number>> => {
    requested.push(cursor);
    const offset = cursor ? Number(cursor) : 0;
    const items = Array.from({ length: Math.max(0, Math.min(perPage, size - offset)) }, (_, i) => offset + i);
    return offset + perPage < size ? { items, nextCursor: String(offset + perPage) } : { items };
  };
  return { requested, fetchOnePage };
}

describe('fetchPage over a cursor-paginated listing', () => {
  it('opens page 1 without a cursor and reports that more pages exist, with no total yet', async () => {
    const { requested, fetchOnePage } = listing(60, 25);
    const result = await fetchPage(new CursorPages(), 'k', 1, 25, fetchOnePage);
    expect(result).toEqual({ items: Array.from({ length: 25 }, (_, i) => i), hasNextPage: true, hasPreviousPage: false });
    expect(requested).toEqual([undefined]);
  });

  it('opens the next page with the cursor remembered from the previous one, in a single request', async () => {
    const pages = new CursorPages();
    const { requested, fetchOnePage } = listing(60, 25);
    await fetchPage(pages, 'k', 1, 25, fetchOnePage);
    const second = await fetchPage(pages, 'k', 2, 25, fetchOnePage);
    expect(second.items[0]).toBe(25);
    expect(requested).toEqual([undefined, '25']);
  });

  it('walks forward to a page whose cursor is not known yet (a bookmarked ?page=3)', async () => {
    const { requested, fetchOnePage } = listing(60, 25);
    const third = await fetchPage(new CursorPages(), 'k', 3, 25, fetchOnePage);
    expect(third.items).toEqual([50, 51, 52, 53, 54, 55, 56, 57, 58, 59]);
    expect(requested).toEqual([undefined, '25', '50']);
  });

  it('knows the exact total on the last page, so the pager does not claim a full page', async () => {
    const { fetchOnePage } = listing(60, 25);
    const third = await fetchPage(new CursorPages(), 'k', 3, 25, fetchOnePage);
    expect(third).toMatchObject({ hasNextPage: false, hasPreviousPage: true, total: 60 });
  });

  it('reports an empty listing as total 0', async () => {
    const { fetchOnePage } = listing(0, 25);
    expect(await fetchPage(new CursorPages(), 'k', 1, 25, fetchOnePage)).toEqual({
      items: [],
      hasNextPage: false,
      hasPreviousPage: false,
      total: 0,
    });
  });

  it('returns an empty page, not an error, for a page beyond the end', async () => {
    const { fetchOnePage } = listing(30, 25);
    const fifth = await fetchPage(new CursorPages(), 'k', 5, 25, fetchOnePage);
    expect(fifth).toEqual({ items: [], hasNextPage: false, hasPreviousPage: true, total: 30 });
  });

  it('keeps the cursors of different listings apart', async () => {
    const pages = new CursorPages();
    const all = listing(60, 25);
    const filtered = listing(60, 25);
    await fetchPage(pages, listingKey('orders', {}, 25), 1, 25, all.fetchOnePage);
    await fetchPage(pages, listingKey('orders', { accountId: 'acc_1' }, 25), 2, 25, filtered.fetchOnePage);
    expect(filtered.requested).toEqual([undefined, '25']);
  });

  it('forgets cursors past a page that turned out to be the last', () => {
    const pages = new CursorPages();
    pages.rememberNext('k', 1, 'c2');
    pages.rememberNext('k', 2, 'c3');
    pages.rememberNext('k', 1, undefined);
    expect(pages.nearestKnownPage('k', 3)).toBe(1);
  });
});

describe('listingKey', () => {
  it('ignores key order and empty filter values', () => {
    expect(listingKey('orders', { b: '2', a: '1', c: '' }, 25)).toBe(listingKey('orders', { a: '1', b: '2' }, 25));
    expect(listingKey('orders', {}, 25)).not.toBe(listingKey('orders', {}, 50));
  });
});
