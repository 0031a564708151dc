/**
 * Administrators create people and change their roles, reporting line and whether they may sign in. Two systems
 * hold a person: the people table (the authority for roles and reporting line, read on every request) and the user
 * pool (sign-in, temporary password, groups, enabled). They cannot be written in one transaction, so each command is
 * ordered to be repeatable:
 *
 * - Create: claim the name in the table (PENDING, refused for every request while PENDING), create the identity,
 *   put it in its role groups, then mark the record ACTIVE. If anything fails midway the same request again resumes:
 *   a PENDING record with the same details is this command's own claim; an identity that exists already gets the
 *   temporary password set again; group additions converge. A different request for a claimed name is a 409. If the
 *   identity provider refuses the person outright, the claim is released.
 * - Change: the record is written first, conditional on the version read (409 when stale), then the identity is
 *   brought in line with the record (groups, enabled). If that fails the answer is 503 and the same request again
 *   (same body, same old version) is recognised as a replay — the record is already one version on and says exactly
 *   what was asked — and only the identity is brought in line. Until then the table, which every request consults,
 *   already applies the change: a disabled person is refused by the API even if the pool still lets them sign in.
 */
import { nowIso } from '../commons/clock.ts';
import { ConflictError, NotFoundError, TransientError, ValidationError } from '../commons/errors.ts';
import { logger } from '../commons/observability.ts';
import type { Principal, UserRole } from '../domain/people.ts';
import { maxReportingDepth, reportingLineCycle, sameCreation } from '../domain/user-management.ts';
import type { CreateUserRequest, UpdateUserRequest } from '../api/schemas/users.ts';
import { activateClaimedUser, claimUser, findUser, releaseClaimedUser, rolesOf, updateUser } from '../data/users-repository.ts';
import type { UserChanges } from '../data/users-repository.ts';
import type { UserRecord } from '../data/entities/user.ts';
import { IdentityRefusedError } from './identity-directory.ts';
import type { IdentityDirectory } from './identity-directory.ts';
import { forgetPrincipal } from './authentication.ts';

export function toManagedUserView(user: UserRecord) {
  return {
    id: user.userId,
    displayName: user.displayName,
    roles: rolesOf(user),
    ...(user.email ? { email: user.email } : {}),
    ...(user.managerId !== 'none' ? { managerId: user.managerId } : {}),
    ...(user.unitId !== 'none' ? { unitId: user.unitId } : {}),
    ...(user.workPosition ? { workPosition: user.workPosition } : {}),
    status: user.status,
    version: user.version ?? 1,
    createdAt: user.createdAt,
    ...(user.updatedAt ? { updatedAt: user.updatedAt } : {}),
  };
}

/** Administrators read anyone; supervisors and department heads their direct reports; others nobody (404). */
export async function getUserFor(principal: Principal, userId: string): Promise<UserRecord> {
  const user = await findUser(userId);
  const inReach = user && (principal.roles.includes('ADMINISTRATOR') || user.managerId === principal.userId);
  if (!user || !inReach) throw new NotFoundError('user', userId);
  return user;
}

async function activeManager(managerId: string): Promise<UserRecord> {
  const manager = await findUser(managerId);
  if (!manager || manager.status !== 'ACTIVE') throw ValidationError.forField('manager', `no active person ${managerId}`);
  return manager;
}

/** Calls to the identity provider: its refusals name a field (400); its failures make the command worth repeating (503). */
async function withDirectory<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof IdentityRefusedError) throw ValidationError.forField(error.field, error.message);
    logger.error('identity provider call failed', { what, error: error instanceof Error ? { name: error.name, message: error.message } : String(error) });
    throw new TransientError(`${what} did not finish at the identity provider; repeat the same request to complete it`);
  }
}

export async function createUserFor(principal: Principal, request: CreateUserRequest, directory: IdentityDirectory) {
  if (request.manager !== undefined) await activeManager(request.manager);
  const creation = {
    userId: request.username,
    displayName: request.displayName,
    email: request.email,
    roles: request.roles,
    managerId: request.manager ?? 'none',
    unitId: request.unit ?? 'none',
  };
  const at = nowIso();
  const claim = await claimUser({ ...creation, roles: [...creation.roles], createdAt: at, updatedAt: at });
  let user: UserRecord;
  if (claim.claimed) {
    user = claim.user;
  } else {
    const { existing } = claim;
    const resumable = existing.status === 'PENDING' && sameCreation({ ...existing, email: existing.email ?? '', roles: rolesOf(existing) }, creation);
    if (!resumable) throw new ConflictError(`user name ${request.username} is taken`);
    user = existing;
  }
  try {
    await withDirectory('creating the identity', () =>
      directory.ensureIdentity({ username: request.username, displayName: request.displayName, email: request.email, temporaryPassword: request.temporaryPassword }),
    );
  } catch (error) {
    if (error instanceof ValidationError) await releaseClaimedUser(request.username);
    throw error;
  }
  await withDirectory('adding the role groups', () => directory.setRoles(request.username, request.roles));
  logger.info('user created', { userId: request.username, roles: request.roles, by: principal.userId });
  return activateClaimedUser(user, nowIso());
}

/** The reporting line above a person, nearest first, as far as maxReportingDepth. */
async function reportingLineAbove(manager: UserRecord): Promise<string[]> {
  const chain: string[] = [];
  let next = manager.managerId;
  while (next !== 'none' && chain.length < maxReportingDepth) {
    chain.push(next);
    const above = await findUser(next);
    if (!above) break;
    next = above.managerId;
  }
  return chain;
}

function changesOf(request: UpdateUserRequest): UserChanges {
  return {
    ...(request.roles !== undefined ? { roles: request.roles } : {}),
    ...(request.manager !== undefined ? { managerId: request.manager ?? 'none' } : {}),
    ...(request.unit !== undefined ? { unitId: request.unit ?? 'none' } : {}),
    ...(request.enabled !== undefined ? { status: request.enabled ? ('ACTIVE' as const) : ('DISABLED' as const) } : {}),
  };
}

function alreadyApplied(user: UserRecord, changes: UserChanges): boolean {
  const sameRoles = (roles: readonly string[]) => [...roles].sort().join(',') === [...user.roles].sort().join(',');
  return (
    (changes.roles === undefined || sameRoles(changes.roles)) &&
    (changes.managerId === undefined || changes.managerId === user.managerId) &&
    (changes.unitId === undefined || changes.unitId === user.unitId) &&
    (changes.status === undefined || changes.status === user.status)
  );
}

export async function updateUserFor(principal: Principal, userId: string, request: UpdateUserRequest, directory: IdentityDirectory) {
  const user = await getUserFor(principal, userId);
  if (user.status === 'PENDING') throw new ConflictError(`the creation of ${userId} has not finished; repeat the creation request`);
  const changes = changesOf(request);
  // Administrators cannot lock themselves out; another administrator can do it.
  if (userId === principal.userId && changes.roles && !changes.roles.includes('ADMINISTRATOR')) throw ValidationError.forField('roles', 'you cannot remove your own administrator role');
  if (userId === principal.userId && changes.status === 'DISABLED') throw ValidationError.forField('enabled', 'you cannot disable yourself');

  const currentVersion = user.version ?? 1;
  const replay = currentVersion === request.version + 1 && alreadyApplied(user, changes);
  let updated = user;
  if (!replay) {
    if (changes.managerId !== undefined && changes.managerId !== 'none') {
      const manager = await activeManager(changes.managerId);
      if (reportingLineCycle(userId, manager.userId, await reportingLineAbove(manager))) {
        throw ValidationError.forField('manager', `${manager.userId} reports to ${userId} (directly or further up): the reporting line would be a cycle`);
      }
    }
    updated = await updateUser(user, request.version, changes, nowIso());
    forgetPrincipal(userId);
  }
  const roles: UserRole[] = rolesOf(updated);
  await withDirectory('bringing the identity in line', async () => {
    await directory.setRoles(userId, roles);
    await directory.setEnabled(userId, updated.status === 'ACTIVE');
  });
  logger.info('user changed', { userId, fields: Object.keys(changes), by: principal.userId, replay });
  return updated;
}
