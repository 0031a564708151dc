/** People: the signed-in person, and the people a person may see (everyone for administrators, else direct reports). */
import type { Principal } from '../domain/people.ts';
import { listReports, listUsers, rolesOf } from '../data/users-repository.ts';
import type { UserRecord } from '../data/entities/user.ts';
import type { Page } from '../data/page.ts';

export function toUserView(principal: Principal) {
  return {
    id: principal.userId,
    displayName: principal.displayName,
    roles: [...principal.roles],
    ...(principal.managerId ? { managerId: principal.managerId } : {}),
    ...(principal.unitId ? { unitId: principal.unitId } : {}),
    ...(principal.workPosition ? { workPosition: principal.workPosition } : {}),
  };
}

function fromRecord(user: UserRecord) {
  return toUserView({
    userId: user.userId,
    displayName: user.displayName,
    roles: rolesOf(user),
    managerId: user.managerId === 'none' ? undefined : user.managerId,
    unitId: user.unitId === 'none' ? undefined : user.unitId,
    workPosition: user.workPosition,
  });
}

export async function listUsersFor(principal: Principal, page: { limit: number; cursor?: string | undefined }): Promise<Page<ReturnType<typeof fromRecord>>> {
  const result = principal.roles.includes('ADMINISTRATOR') ? await listUsers(page) : await listReports(principal.userId, page);
  return { items: result.items.map((user) => ({ ...fromRecord(user), status: user.status, version: user.version ?? 1 })), nextCursor: result.nextCursor };
}
