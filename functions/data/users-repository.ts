/** Named access patterns for people. */
import type { CreateEntityItem } from 'electrodb';
import { ConflictError } from '../commons/errors.ts';
import { userRoles } from '../domain/people.ts';
import type { UserRole } from '../domain/people.ts';
import { UserEntity } from './entities/user.ts';
import type { UserStatus } from './entities/user.ts';
import type { Page } from './page.ts';
import { isConditionFailure } from './table.ts';
import type { UserRecord } from './entities/user.ts';


export async function findUser(userId: string): Promise<UserRecord | undefined> {
  const { data } = await UserEntity.get({ userId }).go();
  return data ?? undefined;
}

export async function listUsers(page: { limit: number; cursor?: string | undefined }): Promise<Page<UserRecord>> {
  const result = await UserEntity.query.allUsers({}).go({ limit: page.limit, cursor: page.cursor ?? null });
  return { items: result.data, nextCursor: result.cursor ?? undefined };
}

export async function listReports(managerId: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<UserRecord>> {
  const result = await UserEntity.query.byManager({ managerId }).go({ limit: page.limit, cursor: page.cursor ?? null });
  return { items: result.data, nextCursor: result.cursor ?? undefined };
}

/** Idempotent seeding of people (the local runtime's demo organisation). */
export async function putUser(user: CreateEntityItem<typeof UserEntity>): Promise<void> {
  await UserEntity.put(user).go();
}

/**
 * Claims a user name for an administrator's creation: the record is written PENDING, only if no person has the name.
 * Returns the person already recorded under the name instead when there is one.
 */
export async function claimUser(user: Omit<CreateEntityItem<typeof UserEntity>, 'status' | 'version'>): Promise<{ claimed: true; user: UserRecord } | { claimed: false; existing: UserRecord }> {
  const record = { ...user, status: 'PENDING' as const, version: 1 };
  try {
    await UserEntity.create(record).go();
    return { claimed: true, user: record as UserRecord };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = await findUser(user.userId);
    if (!existing) throw new ConflictError(`user ${user.userId} is being created or removed concurrently; try again`);
    return { claimed: false, existing };
  }
}

/** A claimed person whose identity now exists becomes ACTIVE (only from PENDING, so a repeat changes nothing). */
export async function activateClaimedUser(user: UserRecord, at: string): Promise<UserRecord> {
  try {
    await UserEntity.patch({ userId: user.userId })
      .set({ status: 'ACTIVE', updatedAt: at })
      .composite({ managerId: user.managerId })
      .where((attributes, { eq }) => eq(attributes.status, 'PENDING'))
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  return { ...user, status: 'ACTIVE', updatedAt: at };
}

/** Gives the name back when the identity provider refused the person outright (e.g. its policy refused the password). */
export async function releaseClaimedUser(userId: string): Promise<void> {
  try {
    await UserEntity.delete({ userId })
      .where((attributes, { eq }) => eq(attributes.status, 'PENDING'))
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

export type UserChanges = { roles?: UserRole[]; managerId?: string; unitId?: string; status?: Exclude<UserStatus, 'PENDING'> };

/**
 * Conditional on the version the administrator read: a concurrent change is a ConflictError, never a lost update.
 * Records seeded before versions existed count as version 1.
 */
export async function updateUser(user: UserRecord, expectedVersion: number, changes: UserChanges, at: string): Promise<UserRecord> {
  const set = { ...changes, updatedAt: at, version: expectedVersion + 1 };
  try {
    await UserEntity.patch({ userId: user.userId })
      .set(set)
      .composite('managerId' in changes ? {} : { managerId: user.managerId })
      .where((attributes, { eq, notExists }) =>
        expectedVersion === 1 ? `(${eq(attributes.version, 1)} OR ${notExists(attributes.version)})` : eq(attributes.version, expectedVersion),
      )
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`user ${user.userId} was changed by someone else (version ${expectedVersion} is stale); reload and try again`);
    throw error;
  }
  return { ...user, ...set };
}

export function rolesOf(user: UserRecord): UserRole[] {
  return user.roles.filter((role): role is UserRole => (userRoles as readonly string[]).includes(role));
}
