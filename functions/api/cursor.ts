/**
 * Page cursors handed to callers are opaque (base64url of ElectroDB's cursor); a malformed one is the caller's
 * error (400 naming `query.cursor`), never a 500.
 */
import { ValidationError } from '../commons/errors.ts';

export function encodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  try {
    const parsed: unknown = JSON.parse(Buffer.from(decoded, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
  } catch {
    throw ValidationError.forField('query.cursor', 'is not a cursor this API issued');
  }
  return decoded;
}
