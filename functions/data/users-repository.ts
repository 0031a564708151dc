/** Named access patterns for people. */
import type { EntityItem } from 'electrodb';
import { userRoles } from '../domain/people.ts';
import type { UserRole } from '../domain/people.ts';
import { UserEntity } from './entities/user.ts';
import type { Page } from './orders-repository.ts';

export type UserRecord = EntityItem<typeof UserEntity>;

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
export async function putUser(user: UserRecord): Promise<void> {
  await UserEntity.put(user).go();
}

export function rolesOf(user: UserRecord): UserRole[] {
  return user.roles.filter((role): role is UserRole => (userRoles as readonly string[]).includes(role));
}
