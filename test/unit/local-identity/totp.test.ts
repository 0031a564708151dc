import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, cognitoTotp, hotp, matchingTotpStep, newTotpSecret, totpCode, totpStep } from '../../../local/totp.ts';
import type { TotpSettings } from '../../../local/totp.ts';

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'ascii'));

/** RFC 6238 appendix B: the seeds and the 8-digit codes at each time (seconds). */
const rfc6238 = {
  sha1: { seed: ascii('12345678901234567890'), codes: { 59: '94287082', 1111111109: '07081804', 1111111111: '14050471', 1234567890: '89005924', 2000000000: '69279037', 20000000000: '65353130' } },
  sha256: { seed: ascii('12345678901234567890123456789012'), codes: { 59: '46119246', 1111111109: '68084774', 1111111111: '67062674', 1234567890: '91819424', 2000000000: '90698825', 20000000000: '77737706' } },
  sha512: {
    seed: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
    codes: { 59: '90693936', 1111111109: '25091201', 1111111111: '99943326', 1234567890: '93441116', 2000000000: '38618901', 20000000000: '47863826' },
  },
} as const;

describe('TOTP (RFC 6238)', () => {
  for (const [algorithm, vectors] of Object.entries(rfc6238)) {
    it(`gives RFC 6238's ${algorithm} test vectors`, () => {
      const settings: TotpSettings = { algorithm: algorithm as TotpSettings['algorithm'], digits: 8, stepSeconds: 30 };
      for (const [seconds, code] of Object.entries(vectors.codes)) {
        expect(totpCode(vectors.seed, Number(seconds) * 1000, settings), `${algorithm} at ${seconds}`).toBe(code);
      }
    });
  }

  it("gives RFC 4226's HOTP values (6 digits) for counters 0..9", () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(rfc6238.sha1.seed, counter))).toEqual(expected);
  });

  it("uses Cognito's settings by default: SHA-1, 6 digits, 30-second steps", () => {
    expect(cognitoTotp).toEqual({ algorithm: 'sha1', digits: 6, stepSeconds: 30 });
    // The last six digits of the 8-digit SHA-1 vector at T = 59 s.
    expect(totpCode(rfc6238.sha1.seed, 59_000)).toBe('287082');
    expect(totpStep(59_000)).toBe(1);
    expect(totpStep(60_000)).toBe(2);
  });

  it('accepts the code of the current step and of one step either side, and names the step', () => {
    const key = rfc6238.sha1.seed;
    const now = 1_234_567_890_000;
    const current = totpStep(now);
    expect(matchingTotpStep(key, totpCode(key, now), now)).toBe(current);
    expect(matchingTotpStep(key, totpCode(key, now - 30_000), now)).toBe(current - 1);
    expect(matchingTotpStep(key, totpCode(key, now + 30_000), now)).toBe(current + 1);
    expect(matchingTotpStep(key, totpCode(key, now - 60_000), now)).toBeUndefined();
    expect(matchingTotpStep(key, totpCode(key, now + 60_000), now)).toBeUndefined();
  });

  it('refuses codes that are not six digits', () => {
    const key = rfc6238.sha1.seed;
    const now = 1_234_567_890_000;
    const code = totpCode(key, now);
    for (const typed of ['', code.slice(1), `${code}0`, ` ${code}`, code.replace(/\d$/, 'x'), '１２３４５６']) {
      expect(matchingTotpStep(key, typed, now), JSON.stringify(typed)).toBeUndefined();
    }
  });
});

describe('base32 keys (RFC 4648)', () => {
  it("encodes RFC 4648's test vectors without padding", () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [text, encoded] of vectors) {
      expect(base32Encode(ascii(text))).toBe(encoded);
      expect(Buffer.from(base32Decode(encoded)).toString('ascii')).toBe(text);
    }
  });

  it('decodes what a person types: lower case, spaces, dashes, padding', () => {
    expect(Buffer.from(base32Decode('mzxw 6ytb-oi======')).toString('ascii')).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow(/base32/);
  });

  it('makes 160-bit secrets that survive the round trip', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    expect(newTotpSecret()).not.toBe(secret);
  });
});
