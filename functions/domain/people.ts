/**
 * People and what they may do. Roles as in docs/domain.md, "Roles and reach"; permissions are per route; row-level
 * access follows the account: a key account manager sees the accounts they own, a supervisor their team's, a department
 * head their unit's, administrators everything. Operations and solution staff work on every order, read-only on
 * accounts.
 */
import type { WorkPosition } from './order-stages.ts';

export const userRoles = ['KEY_ACCOUNT_MANAGER', 'SOLUTION_MANAGER', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'OPERATIONS', 'ADMINISTRATOR'] as const;
export type UserRole = (typeof userRoles)[number];

export const permissions = [
  'catalogue:read',
  'catalogue:write',
  /** Holidays and working days of the business calendars (adding a published year, provincial days): administrators. */
  'calendars:write',
  'accounts:read',
  'accounts:create',
  'accounts:update',
  'accounts:override-tier',
  'accounts:evaluate-tiers',
  'contacts:read',
  'contacts:write',
  'orders:read',
  'orders:submit',
  'orders:record-acceptance',
  'orders:confirm-build',
  'orders:hold',
  'orders:amend',
  'orders:cancel',
  'orders:retry',
  'users:read',
  /** Create people, change their roles and reporting line, disable them: administrators only. */
  'users:manage',
  'contracts:read',
  'contracts:write',
  'contracts:decide',
  'sla:read',
  'escalations:read',
  'escalations:acknowledge',
  'sla-reports:read',
  'alarms:read',
  /** Register listeners for order events (TMF hub); deliveries follow the subscriber's own reach. */
  'events:subscribe',
] as const;
export type Permission = (typeof permissions)[number];

const rolePermissions: Readonly<Record<UserRole, readonly Permission[]>> = {
  KEY_ACCOUNT_MANAGER: ['contracts:read', 'contracts:write', 'catalogue:read', 'accounts:read', 'accounts:create', 'accounts:update', 'contacts:read', 'contacts:write', 'orders:read', 'orders:submit', 'orders:record-acceptance', 'orders:hold', 'orders:amend', 'orders:cancel', 'sla-reports:read', 'alarms:read'],
  SUPERVISOR: ['contracts:read', 'contracts:write', 'contracts:decide', 'catalogue:read', 'accounts:read', 'accounts:create', 'accounts:update', 'accounts:override-tier', 'contacts:read', 'contacts:write', 'orders:read', 'orders:submit', 'orders:record-acceptance', 'orders:hold', 'orders:amend', 'orders:cancel', 'orders:retry', 'users:read', 'sla-reports:read', 'alarms:read'],
  DEPARTMENT_HEAD: ['contracts:read', 'contracts:write', 'contracts:decide', 'catalogue:read', 'accounts:read', 'accounts:create', 'accounts:update', 'accounts:override-tier', 'contacts:read', 'contacts:write', 'orders:read', 'orders:submit', 'orders:record-acceptance', 'orders:hold', 'orders:amend', 'orders:cancel', 'orders:retry', 'users:read', 'sla-reports:read', 'alarms:read'],
  SOLUTION_MANAGER: ['contracts:read', 'catalogue:read', 'accounts:read', 'orders:read'],
  OPERATIONS: ['catalogue:read', 'accounts:read', 'orders:read', 'orders:confirm-build', 'orders:retry', 'sla-reports:read', 'alarms:read'],
  ADMINISTRATOR: [...permissions],
};

/** SLA jeopardy and escalations: everyone who works on orders sees them; those who can act on a breach take ownership. */
const slaRolePermissions: Readonly<Record<UserRole, readonly Permission[]>> = {
  KEY_ACCOUNT_MANAGER: ['sla:read', 'escalations:read', 'escalations:acknowledge'],
  SUPERVISOR: ['sla:read', 'escalations:read', 'escalations:acknowledge'],
  DEPARTMENT_HEAD: ['sla:read', 'escalations:read', 'escalations:acknowledge'],
  OPERATIONS: ['sla:read', 'escalations:read', 'escalations:acknowledge'],
  SOLUTION_MANAGER: ['sla:read', 'escalations:read'],
  ADMINISTRATOR: [],
};

/** Order event subscriptions: whoever reads orders may have them pushed instead (only those within their reach). */
const eventRolePermissions: Readonly<Record<UserRole, readonly Permission[]>> = {
  KEY_ACCOUNT_MANAGER: ['events:subscribe'],
  SUPERVISOR: ['events:subscribe'],
  DEPARTMENT_HEAD: ['events:subscribe'],
  OPERATIONS: ['events:subscribe'],
  SOLUTION_MANAGER: ['events:subscribe'],
  ADMINISTRATOR: [],
};

export interface Principal {
  readonly userId: string;
  readonly displayName: string;
  readonly roles: readonly UserRole[];
  /** Reporting line: the supervisor of a key account manager, the department head of a supervisor. */
  readonly managerId?: string | undefined;
  readonly unitId?: string | undefined;
  readonly workPosition?: WorkPosition | undefined;
}

export function can(principal: Principal, permission: Permission): boolean {
  return principal.roles.some((role) => rolePermissions[role].includes(permission) || slaRolePermissions[role].includes(permission) || eventRolePermissions[role].includes(permission));
}

/** Where an account (and everything that follows it: orders, contacts, plans) sits in the organisation. */
export interface AccountOwnership {
  readonly accountManager?: string | undefined;
  readonly supervisorId?: string | undefined;
  readonly unitId?: string | undefined;
}

export type AccountScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'unit'; readonly unitId: string }
  | { readonly kind: 'team'; readonly supervisorId: string }
  | { readonly kind: 'owner'; readonly userId: string }
  | { readonly kind: 'none' };

/** The widest set of accounts a principal's roles reach. */
export function accountScopeOf(principal: Principal): AccountScope {
  const has = (role: UserRole) => principal.roles.includes(role);
  if (has('ADMINISTRATOR') || has('OPERATIONS') || has('SOLUTION_MANAGER')) return { kind: 'all' };
  if (has('DEPARTMENT_HEAD') && principal.unitId) return { kind: 'unit', unitId: principal.unitId };
  if (has('SUPERVISOR')) return { kind: 'team', supervisorId: principal.userId };
  if (has('KEY_ACCOUNT_MANAGER')) return { kind: 'owner', userId: principal.userId };
  return { kind: 'none' };
}

export function scopeCovers(scope: AccountScope, account: AccountOwnership): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'unit':
      return account.unitId === scope.unitId;
    case 'team':
      return account.supervisorId === scope.supervisorId || account.accountManager === scope.supervisorId;
    case 'owner':
      return account.accountManager === scope.userId;
    case 'none':
      return false;
  }
}

/** Who may be made the owner of an account by this principal: themselves, their team, their unit, or anyone. */
export function mayAssignOwner(principal: Principal, owner: { userId: string; roles: readonly UserRole[]; managerId?: string | undefined; unitId?: string | undefined }): boolean {
  if (!owner.roles.includes('KEY_ACCOUNT_MANAGER')) return false;
  if (principal.roles.includes('ADMINISTRATOR')) return true;
  if (principal.roles.includes('DEPARTMENT_HEAD') && owner.unitId !== undefined && owner.unitId === principal.unitId) return true;
  if (principal.roles.includes('SUPERVISOR') && owner.managerId === principal.userId) return true;
  return owner.userId === principal.userId;
}
