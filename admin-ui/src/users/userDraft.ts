/**
 * The users form and the API: what the form holds (`manager`/`unit` as typed, `enabled` as a switch) and the bodies
 * `POST /api/users` and `PATCH /api/users/{id}` take. The form is checked with the API's own schema, so the messages
 * the form shows are the ones the API would answer.
 */
import { createUserSchema } from '../../../functions/api/schemas/users.ts';
import type { RaRecord } from 'react-admin';

export type UserDraft = {
  id?: string | number;
  username?: string;
  displayName?: string;
  email?: string;
  roles?: string[];
  manager?: string | null;
  unit?: string | null;
  temporaryPassword?: string;
  enabled?: boolean;
  version?: number;
};

const blankToUndefined = (value: string | null | undefined) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

export function toUserCreate(draft: UserDraft) {
  const manager = blankToUndefined(draft.manager);
  const unit = blankToUndefined(draft.unit);
  return {
    username: draft.username ?? '',
    displayName: draft.displayName ?? '',
    email: draft.email ?? '',
    roles: draft.roles ?? [],
    ...(manager ? { manager } : {}),
    ...(unit ? { unit } : {}),
    temporaryPassword: draft.temporaryPassword ?? '',
  };
}

/** Only what changed, with the version read; an emptied manager or unit is removed (`null`). */
export function toUserUpdate(draft: UserDraft, previous: UserDraft) {
  const body: Record<string, unknown> = { version: previous.version ?? draft.version };
  const sameRoles = [...(draft.roles ?? [])].sort().join(',') === [...(previous.roles ?? [])].sort().join(',');
  if (!sameRoles) body.roles = draft.roles ?? [];
  const manager = blankToUndefined(draft.manager) ?? null;
  if (manager !== (blankToUndefined(previous.manager) ?? null)) body.manager = manager;
  const unit = blankToUndefined(draft.unit) ?? null;
  if (unit !== (blankToUndefined(previous.unit) ?? null)) body.unit = unit;
  if (draft.enabled !== undefined && draft.enabled !== previous.enabled) body.enabled = draft.enabled;
  return body;
}

/** The API's user, with the form's names for the reporting line and the enabled switch. */
export function toUserFormRecord(user: RaRecord): RaRecord {
  const managerId = typeof user.managerId === 'string' ? user.managerId : '';
  const unitId = typeof user.unitId === 'string' ? user.unitId : '';
  return { ...user, manager: managerId, unit: unitId, enabled: user.status !== 'DISABLED' };
}

/** API issue paths (`roles.0`, `manager`, …) → form inputs. */
export function userFieldForIssue(apiField: string): string | undefined {
  const top = apiField.split('.')[0] ?? '';
  return ['username', 'displayName', 'email', 'roles', 'manager', 'unit', 'temporaryPassword', 'enabled'].includes(top) ? top : undefined;
}

/** react-admin form validation with the API's schema: `{ field: message }`, empty when the API would accept it. */
export function validateUserCreate(draft: UserDraft): Record<string, string> {
  const result = createUserSchema.safeParse(toUserCreate(draft));
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = userFieldForIssue(issue.path.map(String).join('.'));
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}
