import { describe, expect, it } from 'vitest';
import { toUserCreate, toUserFormRecord, toUserUpdate, userFieldForIssue, validateUserCreate } from './userDraft.ts';

describe('the users form', () => {
  const complete = { username: 'km.new', displayName: '新经理', email: 'new@kamflow.example', roles: ['KEY_ACCOUNT_MANAGER'], manager: 'sup.zhou', unit: 'NORTH', temporaryPassword: 'Temp-Pass-2026!' };

  it("validates with the API's schema and its messages, on the form's fields", () => {
    expect(validateUserCreate(complete)).toEqual({});
    const errors = validateUserCreate({ ...complete, username: 'Has Space', roles: [], temporaryPassword: 'short', email: 'nope' });
    expect(Object.keys(errors).sort()).toEqual(['email', 'roles', 'temporaryPassword', 'username']);
    expect(errors.roles).toBe('at least one role');
    expect(errors.temporaryPassword).toBe('Password not long enough');
  });

  it('leaves an empty manager and unit out of a creation', () => {
    expect(toUserCreate({ ...complete, manager: ' ', unit: '' })).not.toHaveProperty('manager');
    expect(toUserCreate({ ...complete, manager: ' ', unit: '' })).not.toHaveProperty('unit');
  });

  it('sends only what changed, with the version read; an emptied manager is removed', () => {
    const previous = toUserFormRecord({ id: 'km.new', roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.zhou', unitId: 'NORTH', status: 'ACTIVE', version: 3 });
    expect(toUserUpdate({ ...previous, manager: '', enabled: false }, previous)).toEqual({ version: 3, manager: null, enabled: false });
    expect(toUserUpdate({ ...previous, roles: ['SUPERVISOR'] }, previous)).toEqual({ version: 3, roles: ['SUPERVISOR'] });
  });

  it('puts API issues on the matching inputs', () => {
    expect(userFieldForIssue('roles.0')).toBe('roles');
    expect(userFieldForIssue('manager')).toBe('manager');
    expect(userFieldForIssue('version')).toBeUndefined();
  });
});
