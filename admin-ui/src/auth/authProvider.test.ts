import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { createAuthProvider } from './authProvider.ts';
import { isLocalIdentityProvider } from './demoAccounts.ts';
import { idTokenFor, memoryStorage, scriptedFetch, testConfig, tokensAnswer, wrongPassword } from './fakeCognito.test-helpers.ts';
import { mayAccess } from './permissions.ts';
import { createAuthSession } from './session.ts';

const farFuture = Math.floor(Date.now() / 1000) + 3600;

function setup(options: { answers?: Parameters<typeof scriptedFetch>; me?: () => Promise<unknown> } = {}) {
  const storage = memoryStorage();
  const cognito = scriptedFetch(...(options.answers ?? []));
  const session = createAuthSession({ config: testConfig, storage, fetch: cognito.fetch });
  let meCalls = 0;
  let changes = 0;
  const authProvider = createAuthProvider({
    session,
    loadCurrentUser: () => {
      meCalls += 1;
      return options.me ? options.me() : Promise.resolve({ id: 'km.wang', displayName: '王经理', roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.zhou', unitId: 'NORTH' });
    },
    onSessionChange: () => void (changes += 1),
  });
  return { authProvider, storage, cognito, meCalls: () => meCalls, changes: () => changes };
}

const signedIn = (username = 'km.wang', groups = ['KEY_ACCOUNT_MANAGER']) => tokensAnswer(idTokenFor(username, { exp: farFuture, groups }), 'refresh-1');

describe('authProvider', () => {
  it('signs in, then passes checkAuth; signs out, then fails it', async () => {
    const { authProvider, changes } = setup({ answers: [signedIn()] });
    await expect(authProvider.checkAuth({})).rejects.toEqual({ message: false });
    await authProvider.login({ username: ' km.wang ', password: 'Kamflow!2026' });
    await expect(authProvider.checkAuth({})).resolves.toBeUndefined();
    await authProvider.logout({});
    await expect(authProvider.checkAuth({})).rejects.toEqual({ message: false });
    expect(changes()).toBe(2);
  });

  it('sends the trimmed user name and shows a translated message for a wrong password', async () => {
    const { authProvider, cognito } = setup({ answers: [wrongPassword()] });
    await expect(authProvider.login({ username: ' km.wang ', password: 'wrong' })).rejects.toThrow('kamflow.auth.wrong_credentials');
    expect(cognito.calls[0]?.body).toMatchObject({ AuthParameters: { USERNAME: 'km.wang', PASSWORD: 'wrong' } });
  });

  it('logs out on a 401 from the API and stays on a 403', async () => {
    const { authProvider } = setup();
    await expect(authProvider.checkError(new HttpError('Unauthorized', 401, {}))).rejects.toThrow('kamflow.auth.session_expired');
    await expect(authProvider.checkError(new HttpError('kamflow.errors.forbidden', 403, {}))).resolves.toBeUndefined();
    await expect(authProvider.checkError(new HttpError('Not found', 404, {}))).resolves.toBeUndefined();
    await expect(authProvider.checkError(new Error('network'))).resolves.toBeUndefined();
  });

  it('takes the identity and the roles from /api/me, asked once per sign-in', async () => {
    const { authProvider, meCalls } = setup({ answers: [signedIn()] });
    await authProvider.login({ username: 'km.wang', password: 'pw' });
    expect(await authProvider.getIdentity?.()).toMatchObject({ id: 'km.wang', fullName: '王经理', roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.zhou' });
    expect(await authProvider.getPermissions?.({})).toEqual(['KEY_ACCOUNT_MANAGER']);
    expect(meCalls()).toBe(1);
  });

  it('falls back to the ID token’s claims when /api/me cannot be reached, but not when it says 401', async () => {
    const offline = setup({ answers: [signedIn('ops.net', ['OPERATIONS'])], me: () => Promise.reject(new HttpError('kamflow.errors.network', 0, {})) });
    await offline.authProvider.login({ username: 'ops.net', password: 'pw' });
    expect(await offline.authProvider.getIdentity?.()).toMatchObject({ id: 'ops.net', fullName: 'ops.net', roles: ['OPERATIONS'] });

    const refused = setup({ answers: [signedIn()], me: () => Promise.reject(new HttpError('Unauthorized', 401, {})) });
    await refused.authProvider.login({ username: 'km.wang', password: 'pw' });
    await expect(refused.authProvider.getPermissions?.({})).rejects.toMatchObject({ status: 401 });
  });

  it('offers account creation only to the roles the API lets create accounts', async () => {
    const kam = setup({ answers: [signedIn()] });
    await kam.authProvider.login({ username: 'km.wang', password: 'pw' });
    await expect(kam.authProvider.canAccess?.({ resource: 'accounts', action: 'create' })).resolves.toBe(true);
    await expect(kam.authProvider.canAccess?.({ resource: 'accounts', action: 'delete' })).resolves.toBe(false);

    const operations = setup({ answers: [signedIn('ops.net', ['OPERATIONS'])], me: async () => ({ id: 'ops.net', displayName: '网络资源工位', roles: ['OPERATIONS'] }) });
    await operations.authProvider.login({ username: 'ops.net', password: 'pw' });
    await expect(operations.authProvider.canAccess?.({ resource: 'accounts', action: 'list' })).resolves.toBe(true);
    await expect(operations.authProvider.canAccess?.({ resource: 'accounts', action: 'create' })).resolves.toBe(false);
    await expect(operations.authProvider.canAccess?.({ resource: 'orders', action: 'record-acceptance' })).resolves.toBe(false);
  });
});

describe('role permissions in the console', () => {
  it('lets exactly key account managers, supervisors, department heads and administrators create accounts', () => {
    const creators = ['KEY_ACCOUNT_MANAGER', 'SOLUTION_MANAGER', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'OPERATIONS', 'ADMINISTRATOR'].filter((role) =>
      mayAccess([role], 'accounts', 'create'),
    );
    expect(creators).toEqual(['KEY_ACCOUNT_MANAGER', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'ADMINISTRATOR']);
  });

  it('ignores roles it does not know, refuses unlisted actions, and leaves unlisted resources to the API', () => {
    expect(mayAccess(['SUPERUSER'], 'accounts', 'list')).toBe(false);
    expect(mayAccess(['ADMINISTRATOR'], 'orders', 'delete')).toBe(false);
    expect(mayAccess(['SOLUTION_MANAGER', 'KEY_ACCOUNT_MANAGER'], 'accounts', 'create')).toBe(true);
    expect(mayAccess(['SUPERVISOR'], 'approvals', 'list')).toBe(true);
    expect(mayAccess(['KEY_ACCOUNT_MANAGER'], 'approvals', 'list')).toBe(false);
    expect(mayAccess(['OPERATIONS'], 'something-new', 'list')).toBe(true);
    expect(mayAccess([], 'something-new', 'list')).toBe(false);
  });

  it('shows calendars and SLA policies to everyone, their data editor to administrators only, and contracts to those who read them', () => {
    const roles = ['KEY_ACCOUNT_MANAGER', 'SOLUTION_MANAGER', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'OPERATIONS', 'ADMINISTRATOR'];
    expect(roles.filter((role) => mayAccess([role], 'calendars', 'show') && mayAccess([role], 'sla-policies', 'list'))).toEqual(roles);
    expect(roles.filter((role) => mayAccess([role], 'calendars', 'edit'))).toEqual(['ADMINISTRATOR']);
    expect(roles.filter((role) => mayAccess([role], 'contracts', 'list'))).toEqual(['KEY_ACCOUNT_MANAGER', 'SOLUTION_MANAGER', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'ADMINISTRATOR']);
    expect(mayAccess(['ADMINISTRATOR'], 'contracts', 'create')).toBe(false);
  });
});

describe('demo accounts hint', () => {
  it('appears for the local identity provider only', () => {
    expect(isLocalIdentityProvider('http://127.0.0.1:9229/')).toBe(true);
    expect(isLocalIdentityProvider('http://localhost:9229/')).toBe(true);
    expect(isLocalIdentityProvider('http://[::1]:9229/')).toBe(true);
    expect(isLocalIdentityProvider('https://cognito-idp.us-east-1.amazonaws.com/')).toBe(false);
    expect(isLocalIdentityProvider('https://127.0.0.1.example.com/')).toBe(false);
  });
});
