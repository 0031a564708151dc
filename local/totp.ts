/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) and the base32 keys authenticator apps take
 * (RFC 4648, unpadded): what the local identity provider checks a software-token MFA code with, as Cognito does —
 * HMAC-SHA-1, 30-second steps, 6 digits, one step of clock drift either way.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpSettings {
  readonly algorithm: TotpAlgorithm;
  readonly digits: number;
  readonly stepSeconds: number;
}

/** What Cognito and every authenticator app use unless told otherwise. */
export const cognitoTotp: TotpSettings = { algorithm: 'sha1', digits: 6, stepSeconds: 30 };

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += base32Alphabet[(value << (5 - bits)) & 31];
  return output;
}

/** Accepts what a person types: any case, spaces and dashes between groups, trailing `=` padding. */
export function base32Decode(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/=+$/, '');
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const character of clean) {
    const index = base32Alphabet.indexOf(character);
    if (index < 0) throw new Error(`"${character}" is not a base32 character`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(bytes);
}

/** A new shared secret: 160 bits, the HMAC-SHA-1 block RFC 4226 recommends, as base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The time step a moment falls in (RFC 6238's T, counted from the Unix epoch). */
export function totpStep(timeMs: number, settings: TotpSettings = cognitoTotp): number {
  return Math.floor(timeMs / 1000 / settings.stepSeconds);
}

/** RFC 4226 HOTP with dynamic truncation, for one counter value. */
export function hotp(key: Uint8Array, counter: number, settings: TotpSettings = cognitoTotp): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac(settings.algorithm, key).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** settings.digits).padStart(settings.digits, '0');
}

export function totpCode(key: Uint8Array, timeMs: number, settings: TotpSettings = cognitoTotp): string {
  return hotp(key, totpStep(timeMs, settings), settings);
}

/**
 * The time step a code belongs to, if it is the code of the current step or of one step before or after (a phone's
 * clock a little off, or a code typed just as it changed); undefined otherwise. The caller refuses a step it has
 * already accepted, so an overheard code cannot be replayed.
 */
export function matchingTotpStep(key: Uint8Array, code: string, timeMs: number, settings: TotpSettings = cognitoTotp, driftSteps = 1): number | undefined {
  if (!new RegExp(`^\\d{${settings.digits}}$`).test(code)) return undefined;
  const current = totpStep(timeMs, settings);
  let matched: number | undefined;
  // Every candidate is compared, in constant time, so the answer's timing does not tell which step matched.
  for (let step = current - driftSteps; step <= current + driftSteps; step += 1) {
    if (timingSafeEqual(Buffer.from(hotp(key, step, settings)), Buffer.from(code))) matched ??= step;
  }
  return matched;
}
