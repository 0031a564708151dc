/**
 * What a person needs to add KAMflow to an authenticator app: the `otpauth://` URI (what the QR code holds, and what a
 * phone opens the app with) and the key grouped for typing by hand. The settings are Cognito's: SHA-1, 6 digits, 30 s.
 */

export const authenticatorIssuer = 'KAMflow';

/** `otpauth://totp/KAMflow:km.wang?secret=…&issuer=KAMflow&algorithm=SHA1&digits=6&period=30` (Key Uri Format). */
export function authenticatorUri(username: string, secretCode: string, issuer = authenticatorIssuer): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(username)}`;
  const query = new URLSearchParams({ secret: secretCode.replace(/[\s=]/g, '').toUpperCase(), issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${label}?${query.toString()}`;
}

/** `JBSWY3DPEHPK3PXP…` → `JBSW Y3DP EHPK 3PXP …`: groups of four are easier to type and to check. */
export function groupedKey(secretCode: string): string {
  return secretCode.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** A code as typed: digits only (spaces and dashes some apps show are dropped). */
export function typedCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}
