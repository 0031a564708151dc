/**
 * Signed requests between KAMflow and provisioning systems: HMAC-SHA256 over method, path, the sending system's id,
 * timestamp, a nonce unique to each request and the body's SHA-256, hex encoded. Everything that selects what the
 * request does or how it is checked is signed: the system id keys the replay window (system + nonce), so a copy of an
 * accepted request under another system id would otherwise pass as new. A request older (or newer) than the allowed
 * skew is refused; a nonce seen before inside the window is a replay (functions/data/request-nonces.ts). A sender that
 * repeats a callback sends a new request (new nonce), which the callback's eventId makes idempotent.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const signatureHeaders = {
  systemId: 'x-kamflow-system',
  timestamp: 'x-kamflow-timestamp',
  nonce: 'x-kamflow-nonce',
  signature: 'x-kamflow-signature',
} as const;

export const maxClockSkewSeconds = 300;

export interface SignableRequest {
  readonly method: string;
  readonly path: string;
  /** The sending system's id, as sent in the system header. */
  readonly systemId: string;
  /** Unix seconds, as sent in the timestamp header. */
  readonly timestamp: string;
  /** 16 to 64 characters of [A-Za-z0-9_-], unique per request. */
  readonly nonce: string;
  readonly body: string;
}

export function signRequest(request: SignableRequest, secret: string): string {
  const bodyDigest = createHash('sha256').update(request.body, 'utf8').digest('hex');
  const canonical = [request.method.toUpperCase(), request.path, request.systemId, request.timestamp, request.nonce, bodyDigest].join('\n');
  return createHmac('sha256', secret).update(canonical, 'utf8').digest('hex');
}

export type SignatureVerdict = { valid: true } | { valid: false; reason: string };

export function verifySignature(request: SignableRequest, signature: string, secret: string, nowSeconds: number): SignatureVerdict {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(request.systemId)) return { valid: false, reason: 'system header must be 1 to 64 characters of A-Z a-z 0-9 . _ -' };
  if (!/^\d{9,11}$/.test(request.timestamp)) return { valid: false, reason: 'timestamp header must be unix seconds' };
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(request.nonce)) return { valid: false, reason: 'nonce header must be 16 to 64 characters of A-Z a-z 0-9 _ -' };
  if (Math.abs(nowSeconds - Number(request.timestamp)) > maxClockSkewSeconds) return { valid: false, reason: 'request is too old or from the future' };
  if (!/^[0-9a-f]{64}$/.test(signature)) return { valid: false, reason: 'signature header must be 64 hex characters' };
  const expected = Buffer.from(signRequest(request, secret), 'hex');
  const given = Buffer.from(signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given) ? { valid: true } : { valid: false, reason: 'signature does not match' };
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}
