/**
 * Managing people (administrators only): the password policy of the user pool, reporting lines without cycles, the
 * Cognito group memberships a set of roles needs, and when a repeated creation is the same command.
 */
import { userRoles } from './people.ts';
import type { UserRole } from './people.ts';

/** The user pool's policy (infra/stacks/auth-stack.ts), checked before Cognito sees a password. */
export const passwordPolicy = { minLength: 12, lowercase: true, uppercase: true, digits: true, symbols: true } as const;

/** Cognito's symbol set for password policies. */
const symbols = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** What a password lacks under the policy; empty when it conforms. Messages follow Cognito's wording. */
export function passwordPolicyViolations(password: string): string[] {
  const violations: string[] = [];
  if (password.length < passwordPolicy.minLength) violations.push('Password not long enough');
  if (passwordPolicy.lowercase && !/[a-z]/.test(password)) violations.push('Password must have lowercase characters');
  if (passwordPolicy.uppercase && !/[A-Z]/.test(password)) violations.push('Password must have uppercase characters');
  if (passwordPolicy.digits && !/[0-9]/.test(password)) violations.push('Password must have numeric characters');
  if (passwordPolicy.symbols && !symbols.test(password)) violations.push('Password must have symbol characters');
  return violations;
}

/**
 * Whether making `managerId` the manager of `userId` closes a loop. `managerChain` is the reporting line above the
 * proposed manager, nearest first (the manager's manager, then theirs, …), as far as it was read.
 */
export function reportingLineCycle(userId: string, managerId: string, managerChain: readonly string[]): boolean {
  if (managerId === userId) return true;
  return managerChain.includes(userId);
}

/** The most levels a reporting line is followed upwards; deeper than any real organisation. */
export const maxReportingDepth = 20;

/**
 * Cognito group changes that bring a person's memberships in line with their roles (one group per role). Groups that
 * are not KAMflow roles are someone else's business and stay.
 */
export function groupChanges(currentGroups: readonly string[], roles: readonly UserRole[]): { add: UserRole[]; remove: UserRole[] } {
  const roleGroups = currentGroups.filter((group): group is UserRole => (userRoles as readonly string[]).includes(group));
  return {
    add: roles.filter((role) => !roleGroups.includes(role)),
    remove: roleGroups.filter((group) => !roles.includes(group)),
  };
}

/** What a creation command asks for, without the temporary password (never stored). */
export interface UserCreation {
  readonly userId: string;
  readonly displayName: string;
  readonly email: string;
  readonly roles: readonly UserRole[];
  readonly managerId: string;
  readonly unitId: string;
}

/**
 * A creation repeated after a failure (the people record written, the identity not yet, or the answer lost) resumes
 * the first one only when it asks for exactly the same person; anything else for that user name is a conflict.
 */
export function sameCreation(recorded: UserCreation, requested: UserCreation): boolean {
  const sortedRoles = (roles: readonly UserRole[]) => [...roles].sort().join(',');
  return (
    recorded.userId === requested.userId &&
    recorded.displayName === requested.displayName &&
    recorded.email.toLowerCase() === requested.email.toLowerCase() &&
    sortedRoles(recorded.roles) === sortedRoles(requested.roles) &&
    recorded.managerId === requested.managerId &&
    recorded.unitId === requested.unitId
  );
}
