/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-character alphabet, the last
 * one a check character over the first 17 with fixed weights (mod 31).
 */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function creditCodeCheckCharacter(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    const value = alphabet.indexOf(first17.charAt(index));
    if (value < 0) return undefined;
    sum += value * (weights[index] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return alphabet[check];
}

export type CreditCodeVerdict = { valid: true } | { valid: false; reason: string };

export function checkCreditCode(code: string): CreditCodeVerdict {
  if (code.length !== 18) return { valid: false, reason: 'must be 18 characters' };
  if (![...code].every((character) => alphabet.includes(character))) return { valid: false, reason: 'may use only 0-9 and A-Y without I, O, S, V, Z' };
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return { valid: false, reason: 'check character does not match' };
  return { valid: true };
}
