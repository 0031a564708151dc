/**
 * The demo people of the local stack (local/demo-data.ts, documented in the README), offered on the login page only
 * when the identity provider is the local one: a deployed console never lists them.
 */
import type { UserRole } from './permissions.ts';

export const demoPassword = 'Kamflow!2026';

export type DemoAccount = { username: string; role: UserRole; note?: 'team_north' | 'south' };

export const demoAccounts: readonly DemoAccount[] = [
  { username: 'admin', role: 'ADMINISTRATOR' },
  { username: 'dept.north', role: 'DEPARTMENT_HEAD' },
  { username: 'sup.zhou', role: 'SUPERVISOR' },
  { username: 'km.wang', role: 'KEY_ACCOUNT_MANAGER', note: 'team_north' },
  { username: 'km.li', role: 'KEY_ACCOUNT_MANAGER', note: 'team_north' },
  { username: 'km.zhang', role: 'KEY_ACCOUNT_MANAGER', note: 'south' },
  { username: 'km.chen', role: 'KEY_ACCOUNT_MANAGER', note: 'south' },
  { username: 'ops.net', role: 'OPERATIONS' },
  { username: 'sol.sun', role: 'SOLUTION_MANAGER' },
];

/** True for the built-in identity provider of the local stack (127.0.0.1, localhost, ::1), never for Cognito. */
export function isLocalIdentityProvider(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}
