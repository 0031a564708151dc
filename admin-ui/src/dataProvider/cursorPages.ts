/**
 * react-admin paginates by page number; the KAMflow API by opaque cursor. This remembers, per query (resource +
 * filter + page size), the cursor that opens each page, so "next page" costs one request. A page whose cursor is not
 * known yet (a bookmarked `?page=4`, or after a reload) is reached by walking forward from the nearest known page.
 */

export type CursorPage<T> = { items: T[]; nextCursor?: string };
/**
 * `total` is known only once the walk reached the end of the list; until then react-admin shows partial pagination
 * ("1-25 of more than 25"), and on the last page the exact count (otherwise it would claim a full last page).
 */
export type PageResult<T> = { items: T[]; hasNextPage: boolean; hasPreviousPage: boolean; total?: number };

export class CursorPages {
  /** queryKey → (page number → cursor that opens it). Page 1 opens without a cursor and is never stored. */
  private readonly cursors = new Map<string, Map<number, string>>();

  cursorOf(queryKey: string, page: number): string | undefined {
    return this.cursors.get(queryKey)?.get(page);
  }

  /** The highest page ≤ `page` that can be opened directly (page 1 always can). */
  nearestKnownPage(queryKey: string, page: number): number {
    const known = this.cursors.get(queryKey);
    for (let candidate = page; candidate > 1; candidate -= 1) {
      if (known?.has(candidate)) return candidate;
    }
    return 1;
  }

  /** Records what a fetched page said about the page after it. */
  rememberNext(queryKey: string, page: number, nextCursor: string | undefined): void {
    let known = this.cursors.get(queryKey);
    if (!known) {
      known = new Map();
      this.cursors.set(queryKey, known);
    }
    if (nextCursor) {
      known.set(page + 1, nextCursor);
    } else {
      // The list ended here; any cursors remembered beyond it are stale.
      for (const stored of [...known.keys()]) if (stored > page) known.delete(stored);
    }
  }
}

/**
 * Fetches page `page` (1-based, `perPage` items each) of a cursor-paginated listing, walking forward from the nearest
 * page whose cursor is known. A page beyond the end of the list comes back empty.
 */
export async function fetchPage<T>(
  pages: CursorPages,
  queryKey: string,
  page: number,
  perPage: number,
  fetchOnePage: (cursor: string | undefined) => Promise<CursorPage<T>>,
): Promise<PageResult<T>> {
  const target = Math.max(1, Math.floor(page));
  let current = pages.nearestKnownPage(queryKey, target);
  let cursor = pages.cursorOf(queryKey, current);
  for (;;) {
    const result = await fetchOnePage(cursor);
    pages.rememberNext(queryKey, current, result.nextCursor);
    const total = result.nextCursor ? undefined : (current - 1) * perPage + result.items.length;
    if (current === target) {
      return { items: result.items, hasNextPage: Boolean(result.nextCursor), hasPreviousPage: target > 1, ...(total !== undefined ? { total } : {}) };
    }
    if (!result.nextCursor) {
      return { items: [], hasNextPage: false, hasPreviousPage: target > 1, ...(total !== undefined ? { total } : {}) };
    }
    cursor = result.nextCursor;
    current += 1;
  }
}

/** A stable key for one listing: the same filter in any key order gives the same key. */
export function listingKey(resource: string, filter: Record<string, unknown>, perPage: number): string {
  const sortedFilter = Object.keys(filter)
    .filter((name) => filter[name] !== undefined && filter[name] !== '')
    .sort()
    .map((name) => [name, filter[name]]);
  return JSON.stringify([resource, sortedFilter, perPage]);
}
