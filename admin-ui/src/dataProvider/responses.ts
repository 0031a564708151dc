/**
 * Reading the API's answers into react-admin records. A shape the console does not expect becomes a 502 `HttpError`
 * with a translated message, so a page shows an error instead of rendering half a record.
 */
import { HttpError } from 'react-admin';
import type { RaRecord } from 'react-admin';
import type { CursorPage } from './cursorPages.ts';

export function badResponse(what: string): HttpError {
  return new HttpError('kamflow.errors.bad_response', 502, { code: 'BAD_RESPONSE', message: `unexpected ${what}` });
}

function isRecord(value: unknown): value is RaRecord {
  return typeof value === 'object' && value !== null && 'id' in value && (typeof value.id === 'string' || typeof value.id === 'number');
}

export function readRecord(json: unknown, what: string): RaRecord {
  if (!isRecord(json)) throw badResponse(what);
  return json;
}

export function readRecords(json: unknown, what: string): RaRecord[] {
  if (!Array.isArray(json)) throw badResponse(what);
  return json.map((item) => readRecord(item, what));
}

/** `{ items, nextCursor }`, the shape of every `/api/…` listing. */
export function readItemsPage(json: unknown, what: string): CursorPage<RaRecord> {
  if (typeof json !== 'object' || json === null || !('items' in json)) throw badResponse(what);
  const nextCursor = 'nextCursor' in json && typeof json.nextCursor === 'string' && json.nextCursor ? json.nextCursor : undefined;
  return { items: readRecords(json.items, what), ...(nextCursor ? { nextCursor } : {}) };
}

/** The items of a listing a page shows itself, not through react-admin (contacts, tier changes, the approval inbox). */
export function itemsOf<T>(json: unknown): T[] {
  if (typeof json !== 'object' || json === null || !('items' in json) || !Array.isArray(json.items)) throw badResponse('list');
  return json.items as T[];
}
