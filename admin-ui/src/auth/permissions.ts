/**
 * What the console offers each role, from the same role → permission table the API enforces
 * (functions/domain/people.ts), so a button is shown exactly when the API would accept the call behind it. The API
 * still decides; hiding is a courtesy, not the control.
 */
import { can, userRoles } from '../../../functions/domain/people.ts';
import type { Permission, UserRole } from '../../../functions/domain/people.ts';

export { userRoles };
export type { UserRole };

/** react-admin's `canAccess({ resource, action })` → the API permission behind it. */
const resourcePermissions: Readonly<Record<string, Readonly<Record<string, Permission>>>> = {
  accounts: { list: 'accounts:read', show: 'accounts:read', create: 'accounts:create', edit: 'accounts:update' },
  orders: {
    list: 'orders:read',
    show: 'orders:read',
    create: 'orders:submit',
    'record-acceptance': 'orders:record-acceptance',
    hold: 'orders:hold',
    resume: 'orders:hold',
    amend: 'orders:amend',
    cancel: 'orders:cancel',
    retry: 'orders:retry',
    'confirm-build': 'orders:confirm-build',
  },
  fallout: { list: 'orders:read' },
  products: { list: 'catalogue:read', show: 'catalogue:read', edit: 'catalogue:write' },
  approvals: { list: 'contracts:decide' },
  users: { list: 'users:read', show: 'users:read', create: 'users:manage', edit: 'users:manage' },
  at_risk: { list: 'sla:read' },
  escalations: { list: 'escalations:read' },
  sla: { list: 'sla-reports:read' },
  contracts: { list: 'contracts:read', show: 'contracts:read' },
  'sla-policies': { list: 'catalogue:read', show: 'catalogue:read' },
  calendars: { list: 'catalogue:read', show: 'catalogue:read', edit: 'calendars:write' },
};

export function knownRoles(roles: readonly string[]): UserRole[] {
  return roles.filter((role): role is UserRole => (userRoles as readonly string[]).includes(role));
}

export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  return can({ userId: '', displayName: '', roles: knownRoles(roles) }, permission);
}

/**
 * On a resource listed above, an action not listed (delete, export, edit of an order) is refused: the API offers no
 * such route. A resource not listed is left to the API to refuse (403), so a new page is never hidden by mistake.
 */
export function mayAccess(roles: readonly string[], resource: string, action: string): boolean {
  const actions = resourcePermissions[resource];
  if (!actions) return knownRoles(roles).length > 0;
  const permission = actions[action];
  return permission !== undefined && hasPermission(roles, permission);
}
