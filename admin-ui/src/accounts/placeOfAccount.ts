import type { Account } from '../api/types.ts';

/** "广东 · 深圳", or whichever of the two is known. */
export function placeOfAccount(account: Pick<Account, 'province' | 'city'>): string {
  return [account.province, account.city].filter(Boolean).join(' · ');
}
