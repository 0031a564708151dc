/**
 * People management through HTTP on the local stack: an administrator creates a person with a temporary password, the
 * person signs in at the local identity provider (Cognito's protocol), is asked for a new password, sets it, and sees
 * exactly their role's reach; only administrators manage people; bad input names the field; stale versions and taken
 * names are 409; reporting lines never become cycles; the identity side (groups, disabled) follows the people table.
 */
import { randomUUID } from 'node:crypto';
import { AdminGetUserCommand, AdminListGroupsForUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { call, useToken } from '../support/api-client.ts';

let stack: LocalStack;
let adminToken = '';
const as = (token: string) => ({ authorization: `Bearer ${token}` });
const temporaryPassword = 'Temp-Pass-2026!';
const chosenPassword = 'Chosen#Password9';

async function cognito(stackUrl: string, operation: string, body: unknown) {
  const response = await fetch(stackUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const passwordSignIn = (username: string, password: string) =>
  cognito(stack.identityProviderUrl, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });

const newUser = (overrides: Record<string, unknown> = {}) => ({
  username: `km.t${randomUUID().slice(0, 6)}`,
  displayName: '测试经理',
  email: 'new.person@kamflow.example',
  roles: ['KEY_ACCOUNT_MANAGER'],
  manager: 'sup.zhou',
  unit: 'NORTH',
  temporaryPassword,
  ...overrides,
});

function adminCognitoClient() {
  return new CognitoIdentityProviderClient({ endpoint: stack.identityProviderUrl, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

beforeAll(async () => {
  stack = await startTestStack({ simulator: false });
  adminToken = await stack.signIn('admin');
  useToken(adminToken);
});
afterAll(async () => {
  await stack?.stop();
});

describe('an administrator creates a person who then signs in with a new password', () => {
  it('creates, challenges for a new password, and the person sees exactly their reach', async () => {
    const body = newUser();
    const created = await call(stack.apiUrl, 'POST', '/api/users', body);
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ id: body.username, roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.zhou', unitId: 'NORTH', status: 'ACTIVE', version: 1 });

    // The identity exists with its group, waiting for a new password.
    const identity = await adminCognitoClient().send(new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: body.username }));
    expect(identity.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(identity.Enabled).toBe(true);
    const groups = await adminCognitoClient().send(new AdminListGroupsForUserCommand({ UserPoolId: stack.userPoolId, Username: body.username }));
    expect(groups.Groups?.map((group) => group.GroupName)).toEqual(['KEY_ACCOUNT_MANAGER']);

    const challenged = await passwordSignIn(body.username, temporaryPassword);
    expect(challenged.status).toBe(200);
    expect(challenged.body.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(challenged.body.AuthenticationResult).toBeUndefined();
    expect(typeof challenged.body.Session).toBe('string');

    const weak = await cognito(stack.identityProviderUrl, 'RespondToAuthChallenge', {
      ClientId: stack.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenged.body.Session, ChallengeResponses: { USERNAME: body.username, NEW_PASSWORD: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.__type).toBe('InvalidPasswordException');

    const answered = await cognito(stack.identityProviderUrl, 'RespondToAuthChallenge', {
      ClientId: stack.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenged.body.Session, ChallengeResponses: { USERNAME: body.username, NEW_PASSWORD: chosenPassword },
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const idToken = answered.body.AuthenticationResult.IdToken as string;

    // The session was used up; the temporary password no longer works; the chosen one signs in straight away.
    const reused = await cognito(stack.identityProviderUrl, 'RespondToAuthChallenge', {
      ClientId: stack.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenged.body.Session, ChallengeResponses: { USERNAME: body.username, NEW_PASSWORD: chosenPassword },
    });
    expect(reused.body.__type).toBe('NotAuthorizedException');
    expect((await passwordSignIn(body.username, temporaryPassword)).body.__type).toBe('NotAuthorizedException');
    expect((await passwordSignIn(body.username, chosenPassword)).body.AuthenticationResult.IdToken).toBeTruthy();

    const me = await call(stack.apiUrl, 'GET', '/api/me', undefined, as(idToken));
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: body.username, displayName: '测试经理', roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.zhou', unitId: 'NORTH' });

    // A key account manager's reach: the accounts they own, nothing else; no user management.
    const own = await call(stack.apiUrl, 'POST', '/api/accounts', { name: '新经理的客户', industry: 'TRADE', tier: 'LOCAL', city: '北京' }, as(idToken));
    expect(own.status, own.text).toBe(201);
    const someoneElses = await call(stack.apiUrl, 'POST', '/api/accounts', { name: '王经理的客户', industry: 'TRADE', tier: 'LOCAL', city: '北京', accountManager: 'km.wang' });
    expect(someoneElses.status).toBe(201);
    const visible = await call(stack.apiUrl, 'GET', '/api/accounts?limit=100', undefined, as(idToken));
    expect(visible.body.items.map((account: { id: string }) => account.id)).toEqual([own.body.id]);
    expect((await call(stack.apiUrl, 'GET', `/api/accounts/${someoneElses.body.id}`, undefined, as(idToken))).status).toBe(404);
    expect((await call(stack.apiUrl, 'GET', '/api/users', undefined, as(idToken))).status).toBe(403);
    // Their supervisor now sees them among the direct reports.
    const supervisorsView = await call(stack.apiUrl, 'GET', '/api/users?limit=100', undefined, as(await stack.signIn('sup.zhou')));
    expect(supervisorsView.body.items.map((user: { id: string }) => user.id)).toContain(body.username);
  });
});

describe('who may manage people', () => {
  it('refuses non-administrators with 403 and callers without a token with 401', async () => {
    for (const username of ['sup.zhou', 'dept.north', 'km.wang', 'ops.net']) {
      const token = await stack.signIn(username);
      expect((await call(stack.apiUrl, 'POST', '/api/users', newUser(), as(token))).status, username).toBe(403);
      expect((await call(stack.apiUrl, 'PATCH', '/api/users/km.li', { version: 1, unit: 'SOUTH' }, as(token))).status, username).toBe(403);
    }
    expect((await call(stack.apiUrl, 'POST', '/api/users', newUser(), { authorization: '' })).status).toBe(401);
    expect((await call(stack.apiUrl, 'PATCH', '/api/users/km.li', { version: 1, unit: 'SOUTH' }, { authorization: '' })).status).toBe(401);
    expect((await call(stack.apiUrl, 'GET', '/api/users/km.li', undefined, { authorization: '' })).status).toBe(401);
  });
});

describe('validation', () => {
  it.each([
    ['manager', { manager: 'nobody.here' }],
    ['roles', { roles: ['EMPEROR'] }],
    ['roles', { roles: [] }],
    ['email', { email: 'not-an-address' }],
    ['username', { username: 'Has Spaces' }],
    ['username', { username: 'none' }],
    ['temporaryPassword', { temporaryPassword: 'password' }],
    ['unit', { unit: '北区 unit' }],
  ])('answers 400 naming %s', async (field, overrides) => {
    const response = await call(stack.apiUrl, 'POST', '/api/users', newUser(overrides));
    expect(response.status, response.text).toBe(400);
    expect(response.body.issues.map((issue: { field: string }) => issue.field.split('.')[0])).toContain(field);
  });

  it('answers 409 for a user name that is taken, without touching the existing person', async () => {
    const duplicate = await call(stack.apiUrl, 'POST', '/api/users', newUser({ username: 'km.wang', displayName: 'Impostor' }));
    expect(duplicate.status).toBe(409);
    const existing = await call(stack.apiUrl, 'GET', '/api/users/km.wang');
    expect(existing.body.displayName).toBe('王经理');
  });

  it('answers 409 when the same name is created twice', async () => {
    const body = newUser();
    expect((await call(stack.apiUrl, 'POST', '/api/users', body)).status).toBe(201);
    expect((await call(stack.apiUrl, 'POST', '/api/users', body)).status).toBe(409);
  });
});

describe('changing a person', () => {
  it('changes roles, manager and unit with the version read, and answers 409 on a stale version', async () => {
    const body = newUser();
    await call(stack.apiUrl, 'POST', '/api/users', body);
    const changed = await call(stack.apiUrl, 'PATCH', `/api/users/${body.username}`, { version: 1, roles: ['SUPERVISOR', 'KEY_ACCOUNT_MANAGER'], manager: 'dept.south', unit: 'SOUTH' });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ roles: ['SUPERVISOR', 'KEY_ACCOUNT_MANAGER'], managerId: 'dept.south', unitId: 'SOUTH', version: 2 });
    const groups = await adminCognitoClient().send(new AdminListGroupsForUserCommand({ UserPoolId: stack.userPoolId, Username: body.username }));
    expect(groups.Groups?.map((group) => group.GroupName).sort()).toEqual(['KEY_ACCOUNT_MANAGER', 'SUPERVISOR']);

    const stale = await call(stack.apiUrl, 'PATCH', `/api/users/${body.username}`, { version: 1, unit: 'NORTH' });
    expect(stale.status).toBe(409);
    expect((await call(stack.apiUrl, 'GET', `/api/users/${body.username}`)).body.unitId).toBe('SOUTH');

    // The same request again (its answer lost) is recognised as a replay, not a conflict.
    const replay = await call(stack.apiUrl, 'PATCH', `/api/users/${body.username}`, { version: 1, roles: ['SUPERVISOR', 'KEY_ACCOUNT_MANAGER'], manager: 'dept.south', unit: 'SOUTH' });
    expect(replay.status).toBe(200);
    expect(replay.body.version).toBe(2);
  });

  it('refuses a reporting line that would be a cycle, naming manager', async () => {
    const boss = newUser({ roles: ['SUPERVISOR'], manager: undefined });
    await call(stack.apiUrl, 'POST', '/api/users', boss);
    const report = newUser({ manager: boss.username });
    await call(stack.apiUrl, 'POST', '/api/users', report);
    const cycle = await call(stack.apiUrl, 'PATCH', `/api/users/${boss.username}`, { version: 1, manager: report.username });
    expect(cycle.status).toBe(400);
    expect(cycle.body.issues[0].field).toBe('manager');
    const self = await call(stack.apiUrl, 'PATCH', `/api/users/${boss.username}`, { version: 1, manager: boss.username });
    expect(self.status).toBe(400);
    expect(self.body.issues[0].field).toBe('manager');
    const unknown = await call(stack.apiUrl, 'PATCH', `/api/users/${boss.username}`, { version: 1, manager: 'nobody.here' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0].field).toBe('manager');
  });

  it('disables a person: the identity provider refuses the sign-in and the API refuses their token', async () => {
    const body = newUser();
    await call(stack.apiUrl, 'POST', '/api/users', body);
    const session = (await passwordSignIn(body.username, temporaryPassword)).body.Session;
    const tokens = await cognito(stack.identityProviderUrl, 'RespondToAuthChallenge', {
      ClientId: stack.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: session, ChallengeResponses: { USERNAME: body.username, NEW_PASSWORD: chosenPassword },
    });
    const idToken = tokens.body.AuthenticationResult.IdToken as string;
    expect((await call(stack.apiUrl, 'GET', '/api/me', undefined, as(idToken))).status).toBe(200);

    const disabled = await call(stack.apiUrl, 'PATCH', `/api/users/${body.username}`, { version: 1, enabled: false });
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe('DISABLED');
    const refused = await passwordSignIn(body.username, chosenPassword);
    expect(refused.body).toMatchObject({ __type: 'NotAuthorizedException', message: 'User is disabled.' });
    expect((await call(stack.apiUrl, 'GET', '/api/me', undefined, as(idToken))).status).toBe(403);

    const enabled = await call(stack.apiUrl, 'PATCH', `/api/users/${body.username}`, { version: 2, enabled: true });
    expect(enabled.body.status).toBe('ACTIVE');
    expect((await passwordSignIn(body.username, chosenPassword)).body.AuthenticationResult).toBeDefined();
  });

  it('keeps an administrator from locking themselves out', async () => {
    const admin = await call(stack.apiUrl, 'GET', '/api/users/admin');
    const response = await call(stack.apiUrl, 'PATCH', '/api/users/admin', { version: admin.body.version, enabled: false });
    expect(response.status).toBe(400);
    expect(response.body.issues[0].field).toBe('enabled');
  });

  it('answers 400 naming the field for bad changes and 404 for an unknown person', async () => {
    expect((await call(stack.apiUrl, 'PATCH', '/api/users/km.li', { version: 1 })).body.issues[0].field).toBe('version');
    expect((await call(stack.apiUrl, 'PATCH', '/api/users/km.li', { version: 1, roles: ['KING'] })).body.issues[0].field).toMatch(/^roles/);
    expect((await call(stack.apiUrl, 'PATCH', '/api/users/km.li', { version: 1, enabled: 'yes' })).body.issues[0].field).toBe('enabled');
    expect((await call(stack.apiUrl, 'PATCH', '/api/users/no.such.person', { version: 1, unit: 'NORTH' })).status).toBe(404);
  });
});

describe('a creation that fails midway is finished by repeating it', () => {
  it('resumes after the identity provider failed once the record was claimed, and refuses a different request for the name', async () => {
    // The service with an identity directory whose group call fails once: the state a lost connection leaves behind.
    const { createUserFor } = await import('../../functions/services/user-administration.ts');
    const { userPoolDirectory } = await import('../../functions/adapters/cognito-identity-directory.ts');
    const real = userPoolDirectory();
    const flaky = { ...real, ensureIdentity: real.ensureIdentity.bind(real), setEnabled: real.setEnabled.bind(real), setRoles: async () => { throw new Error('connection reset'); } };
    const admin = { userId: 'admin', displayName: 'admin', roles: ['ADMINISTRATOR'] as const };
    const body = newUser();
    const { createUserSchema } = await import('../../functions/api/schemas/users.ts');
    await expect(createUserFor({ ...admin, roles: [...admin.roles] }, createUserSchema.parse(body), flaky)).rejects.toMatchObject({ statusCode: 503 });

    // Half done: the record is claimed (PENDING, so nobody can use it) and the identity exists without its group.
    expect((await call(stack.apiUrl, 'GET', `/api/users/${body.username}`)).body.status).toBe('PENDING');
    expect((await adminCognitoClient().send(new AdminListGroupsForUserCommand({ UserPoolId: stack.userPoolId, Username: body.username }))).Groups).toEqual([]);
    expect((await call(stack.apiUrl, 'PATCH', `/api/users/${body.username}`, { version: 1, unit: 'SOUTH' })).status).toBe(409);
    // Someone else's request for the same name does not take over the half-finished one.
    expect((await call(stack.apiUrl, 'POST', '/api/users', { ...body, displayName: '别人' })).status).toBe(409);

    // The same request again finishes it, with a new temporary password that is the one that works.
    const finished = await call(stack.apiUrl, 'POST', '/api/users', { ...body, temporaryPassword: 'Second-Temp-2026!' });
    expect(finished.status, finished.text).toBe(201);
    expect(finished.body.status).toBe('ACTIVE');
    expect((await adminCognitoClient().send(new AdminListGroupsForUserCommand({ UserPoolId: stack.userPoolId, Username: body.username }))).Groups?.map((group) => group.GroupName)).toEqual(['KEY_ACCOUNT_MANAGER']);
    expect((await passwordSignIn(body.username, temporaryPassword)).body.__type).toBe('NotAuthorizedException');
    expect((await passwordSignIn(body.username, 'Second-Temp-2026!')).body.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('gives the name back when the identity provider refuses the person', async () => {
    const { createUserFor } = await import('../../functions/services/user-administration.ts');
    const { IdentityRefusedError } = await import('../../functions/services/identity-directory.ts');
    const refusing = { ensureIdentity: async () => { throw new IdentityRefusedError('temporaryPassword', 'Password does not conform to policy: Password has been used before'); }, setRoles: async () => undefined, setEnabled: async () => undefined };
    const { createUserSchema } = await import('../../functions/api/schemas/users.ts');
    const body = newUser();
    await expect(createUserFor({ userId: 'admin', displayName: 'admin', roles: ['ADMINISTRATOR'] }, createUserSchema.parse(body), refusing)).rejects.toMatchObject({ statusCode: 400, issues: [{ field: 'temporaryPassword' }] });
    expect((await call(stack.apiUrl, 'GET', `/api/users/${body.username}`)).status).toBe(404);
    expect((await call(stack.apiUrl, 'POST', '/api/users', { ...body, displayName: '换了名字' })).status).toBe(201);
  });
});

describe('the local identity provider speaks the admin actions like Cognito', () => {
  it('refuses unsigned admin calls and names Cognito exceptions', async () => {
    const unsigned = await cognito(stack.identityProviderUrl, 'AdminCreateUser', { UserPoolId: stack.userPoolId, Username: 'sneaky', TemporaryPassword: temporaryPassword });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.__type).toBe('MissingAuthenticationTokenException');
    const client = adminCognitoClient();
    const { AdminCreateUserCommand, AdminAddUserToGroupCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await expect(client.send(new AdminCreateUserCommand({ UserPoolId: stack.userPoolId, Username: 'km.wang', TemporaryPassword: temporaryPassword }))).rejects.toMatchObject({ name: 'UsernameExistsException' });
    await expect(client.send(new AdminCreateUserCommand({ UserPoolId: stack.userPoolId, Username: 'weak.one', TemporaryPassword: 'weak' }))).rejects.toMatchObject({ name: 'InvalidPasswordException' });
    await expect(client.send(new AdminAddUserToGroupCommand({ UserPoolId: stack.userPoolId, Username: 'km.wang', GroupName: 'NOT_A_ROLE' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(client.send(new AdminAddUserToGroupCommand({ UserPoolId: stack.userPoolId, Username: 'ghost', GroupName: 'SUPERVISOR' }))).rejects.toMatchObject({ name: 'UserNotFoundException' });
    await expect(client.send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_other', Username: 'km.wang' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
