import { describe, expect, it } from 'vitest';
import { groupChanges, passwordPolicyViolations, reportingLineCycle, sameCreation } from '../../../functions/domain/user-management.ts';
import { can } from '../../../functions/domain/people.ts';
import type { UserRole } from '../../../functions/domain/people.ts';

describe('password policy of the user pool', () => {
  it('accepts the demo password and a long mixed one', () => {
    expect(passwordPolicyViolations('Kamflow!2026')).toEqual([]);
    expect(passwordPolicyViolations('Chosen#Password9')).toEqual([]);
  });
  it.each([
    ['Short!1a', 'Password not long enough'],
    ['ALLUPPERCASE!123', 'Password must have lowercase characters'],
    ['alllowercase!123', 'Password must have uppercase characters'],
    ['NoDigitsHere!!!', 'Password must have numeric characters'],
    ['NoSymbolsHere123', 'Password must have symbol characters'],
  ])('refuses %s: %s', (password, violation) => {
    expect(passwordPolicyViolations(password)).toContain(violation);
  });
});

describe('reporting lines', () => {
  it('refuses oneself as manager', () => expect(reportingLineCycle('a', 'a', [])).toBe(true));
  it('refuses a manager who reports to the person, directly or further up', () => {
    expect(reportingLineCycle('boss', 'report', ['boss'])).toBe(true);
    expect(reportingLineCycle('boss', 'report', ['middle', 'boss', 'top'])).toBe(true);
  });
  it('accepts a manager elsewhere in the organisation', () => expect(reportingLineCycle('km.new', 'sup.zhou', ['dept.north'])).toBe(false));
});

describe('groups follow roles', () => {
  it('adds missing role groups, removes other role groups, leaves foreign groups alone', () => {
    expect(groupChanges(['KEY_ACCOUNT_MANAGER', 'us-east-1_pool_Google'], ['SUPERVISOR', 'KEY_ACCOUNT_MANAGER'])).toEqual({ add: ['SUPERVISOR'], remove: [] });
    expect(groupChanges(['KEY_ACCOUNT_MANAGER', 'OPERATIONS', 'auditors'], ['OPERATIONS'])).toEqual({ add: [], remove: ['KEY_ACCOUNT_MANAGER'] });
    expect(groupChanges([], [])).toEqual({ add: [], remove: [] });
  });
});

describe('a repeated creation', () => {
  const base = { userId: 'km.x', displayName: '某经理', email: 'x@kamflow.example', roles: ['KEY_ACCOUNT_MANAGER', 'SUPERVISOR'] as UserRole[], managerId: 'sup.zhou', unitId: 'NORTH' };
  it('is the same command when it asks for the same person (roles in any order, email in any case)', () => {
    expect(sameCreation(base, { ...base, roles: ['SUPERVISOR', 'KEY_ACCOUNT_MANAGER'], email: 'X@kamflow.example' })).toBe(true);
  });
  it.each([['displayName', '别人'], ['managerId', 'sup.huang'], ['unitId', 'SOUTH'], ['email', 'y@kamflow.example']])('is another command when %s differs', (field, value) => {
    expect(sameCreation(base, { ...base, [field]: value })).toBe(false);
  });
});

describe('who manages people', () => {
  it('is administrators only', () => {
    const person = (role: UserRole) => ({ userId: 'p', displayName: 'p', roles: [role] });
    expect(can(person('ADMINISTRATOR'), 'users:manage')).toBe(true);
    for (const role of ['KEY_ACCOUNT_MANAGER', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'OPERATIONS', 'SOLUTION_MANAGER'] as const) expect(can(person(role), 'users:manage'), role).toBe(false);
  });
});
