/**
 * A local stand-in for the Cognito user pool: it speaks the Cognito Identity Provider JSON 1.1 protocol for
 * InitiateAuth (USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH), RespondToAuthChallenge (NEW_PASSWORD_REQUIRED, MFA_SETUP,
 * SOFTWARE_TOKEN_MFA), software-token MFA (AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference, GetUser;
 * with a challenge session or the person's access token) and the administrators' actions the API uses through
 * `@aws-sdk/client-cognito-identity-provider` (AdminCreateUser, AdminSetUserPassword, AdminGetUser,
 * AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminListGroupsForUser, AdminDisableUser, AdminEnableUser,
 * AdminSetUserMFAPreference; these need a SigV4-signed request, as on AWS), with Cognito's request and response shapes
 * and exception names. MFA follows the pool's setting as Cognito does: `ON` makes everyone set up a TOTP
 * authenticator at sign-in (MFA_SETUP), `OPTIONAL` asks for a code only of people who enabled one. People created here are kept in the data folder. It publishes its signing keys at
 * `/{userPoolId}/.well-known/jwks.json`, so the console and the handlers use the same code as against Cognito:
 * tokens are RS256 JWTs with Cognito's ID-token claims (`cognito:username`, `cognito:groups`, `token_use`).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, randomUUID, scryptSync, timingSafeEqual, createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { passwordPolicyViolations } from '../functions/domain/user-management.ts';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import { base32Decode, matchingTotpStep, newTotpSecret } from './totp.ts';
import type { JWK } from 'jose';

export interface IdentityProviderUser {
  readonly username: string;
  readonly password: string;
  readonly groups: readonly string[];
  readonly name: string;
  readonly email?: string | undefined;
}

export interface LocalIdentityProvider {
  /** The endpoint a Cognito client is pointed at (like https://cognito-idp.<region>.amazonaws.com/). */
  readonly endpoint: string;
  /** The `iss` of its tokens; JWKS at `${issuer}/.well-known/jwks.json`. */
  readonly issuer: string;
  readonly userPoolId: string;
  readonly clientId: string;
  close(): Promise<void>;
}

type UserStatus = 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD';

/** Cognito's MfaConfiguration of a user pool. */
export type MfaConfiguration = 'OFF' | 'OPTIONAL' | 'ON';

/** A person's authenticator: the shared key (base32), whether sign-in asks for its codes, and the last step accepted. */
interface SoftwareToken {
  readonly secret: string;
  enabled: boolean;
  /** Codes are single-use: a code of this time step or an earlier one is refused, as an overheard code would be. */
  lastStep: number;
}

interface StoredUser {
  readonly username: string;
  readonly sub: string;
  salt: Buffer;
  hash: Buffer;
  groups: string[];
  readonly name: string;
  readonly email?: string | undefined;
  enabled: boolean;
  status: UserStatus;
  readonly createdAt: number;
  modifiedAt: number;
  /** Created through AdminCreateUser (kept in the data folder), not a demo person seeded at every start. */
  readonly managed: boolean;
  softwareToken?: SoftwareToken | undefined;
  /** Handed out by AssociateSoftwareToken; becomes the software token once a code from it is verified. */
  pendingSecret?: string | undefined;
}

type ChallengeName = 'NEW_PASSWORD_REQUIRED' | 'MFA_SETUP' | 'SOFTWARE_TOKEN_MFA';

interface ChallengeSession {
  readonly username: string;
  readonly challenge: ChallengeName;
  readonly expiresAt: number;
  /** Wrong codes answered on this session; past the limit the session ends and sign-in starts again. */
  wrongCodes: number;
  /** MFA_SETUP: a code from the new authenticator was verified on this session. */
  tokenVerified: boolean;
}

/** Cognito's default validity of a challenge session. */
const challengeSessionMs = 3 * 60_000;

const tokenLifetimeSeconds = 3600;

/** Wrong MFA codes one challenge session takes before it ends (Cognito also ends it after a few). */
const wrongCodesPerSession = 5;

function hashPassword(password: string, salt: Buffer): Buffer {
  return scryptSync(password, salt, 32);
}

async function signingKey(dataDir: string | undefined) {
  const file = dataDir ? join(dataDir, 'identity-provider-key.json') : undefined;
  if (file && existsSync(file)) {
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    const { d: _private, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
    return { privateKey: await importJWK(jwk, 'RS256'), publicJwk, kid: jwk.kid ?? 'local' };
  }
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  if (file) writeFileSync(file, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }), { mode: 0o600 });
  return { privateKey, publicJwk, kid };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type,x-amz-target,x-amz-user-agent,authorization',
  'access-control-allow-methods': 'POST,GET,OPTIONS',
};

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...cors });
  response.end(JSON.stringify(body));
}

function cognitoError(response: ServerResponse, type: string, message: string): void {
  reply(response, 400, { __type: type, message });
}

export async function startIdentityProvider(options: {
  port: number;
  /** The address to listen on; default 127.0.0.1. Clients reach it through the loopback either way. */
  host?: string;
  users: readonly IdentityProviderUser[];
  /** The pool's groups (one per role); the groups of the seeded users when absent. */
  groups?: readonly string[];
  dataDir?: string | undefined;
  region?: string;
  userPoolId?: string;
  clientId?: string;
  /** As the pool's MfaConfiguration; OPTIONAL when absent. */
  mfa?: MfaConfiguration;
}): Promise<LocalIdentityProvider> {
  const mfa = options.mfa ?? 'OPTIONAL';
  const region = options.region ?? 'us-east-1';
  const userPoolId = options.userPoolId ?? `${region}_kamflowLocal`;
  const clientId = options.clientId ?? 'kamflowlocalconsoleclient';
  const key = await signingKey(options.dataDir);
  const publicKey = await importJWK(key.publicJwk, 'RS256');
  const users = new Map<string, StoredUser>();
  const subOf = (username: string) => createHash('sha256').update(`${userPoolId}:${username}`).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/, '$1-$2-$3-$4-$5');
  // The pool signs people in case-insensitively (auth-stack.ts), so names are looked up in lower case.
  const keyOf = (username: string) => username.toLowerCase();
  const startedAt = Math.floor(Date.now() / 1000);
  for (const user of options.users) {
    const salt = randomBytes(16);
    users.set(keyOf(user.username), {
      username: user.username, sub: subOf(user.username), salt, hash: hashPassword(user.password, salt), groups: [...user.groups], name: user.name, email: user.email,
      enabled: true, status: 'CONFIRMED', createdAt: startedAt, modifiedAt: startedAt, managed: false,
    });
  }
  const groupNames = new Set(options.groups ?? options.users.flatMap((user) => user.groups));
  const usersFile = options.dataDir ? join(options.dataDir, 'identity-provider-users.json') : undefined;
  type SavedUser = Omit<StoredUser, 'salt' | 'hash'> & { salt: string; hash: string };
  if (usersFile && existsSync(usersFile)) {
    for (const saved of JSON.parse(readFileSync(usersFile, 'utf8')) as SavedUser[]) {
      users.set(keyOf(saved.username), { ...saved, salt: Buffer.from(saved.salt, 'base64'), hash: Buffer.from(saved.hash, 'base64') });
    }
  }
  // The demo people are seeded afresh at every start, but an authenticator they set up must keep working.
  const tokensFile = options.dataDir ? join(options.dataDir, 'identity-provider-software-tokens.json') : undefined;
  if (tokensFile && existsSync(tokensFile)) {
    for (const [username, token] of Object.entries(JSON.parse(readFileSync(tokensFile, 'utf8')) as Record<string, SoftwareToken>)) {
      const user = users.get(username);
      if (user && !user.managed) user.softwareToken = token;
    }
  }
  /** People created here outlive a restart, like the people table in the same data folder (password hashes only). */
  const saveManagedUsers = () => {
    if (!usersFile) return;
    const saved: SavedUser[] = [...users.values()].filter((user) => user.managed).map((user) => ({ ...user, salt: user.salt.toString('base64'), hash: user.hash.toString('base64') }));
    writeFileSync(usersFile, JSON.stringify(saved), { mode: 0o600 });
  };
  const saveUser = (user: StoredUser) => {
    if (user.managed) return saveManagedUsers();
    if (!tokensFile) return;
    const tokens = Object.fromEntries([...users.entries()].filter(([, stored]) => !stored.managed && stored.softwareToken).map(([username, stored]) => [username, stored.softwareToken]));
    writeFileSync(tokensFile, JSON.stringify(tokens), { mode: 0o600 });
  };
  const challengeSessions = new Map<string, ChallengeSession>();
  const refreshTokens = new Map<string, string>();
  let issuer = '';

  const tokensFor = async (user: StoredUser) => {
    const now = Math.floor(Date.now() / 1000);
    const common = { sub: user.sub, 'cognito:groups': [...user.groups], auth_time: now, event_id: randomUUID(), jti: randomUUID() };
    const idToken = await new SignJWT({ ...common, token_use: 'id', 'cognito:username': user.username, name: user.name, ...(user.email ? { email: user.email, email_verified: true } : {}) })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + tokenLifetimeSeconds)
      .sign(key.privateKey);
    const accessToken = await new SignJWT({ ...common, token_use: 'access', client_id: clientId, username: user.username, scope: 'aws.cognito.signin.user.admin' })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + tokenLifetimeSeconds)
      .sign(key.privateKey);
    return { IdToken: idToken, AccessToken: accessToken, ExpiresIn: tokenLifetimeSeconds, TokenType: 'Bearer' };
  };

  const userAttributes = (user: StoredUser) => [
    { Name: 'sub', Value: user.sub },
    { Name: 'name', Value: user.name },
    ...(user.email ? [{ Name: 'email', Value: user.email }, { Name: 'email_verified', Value: 'true' }] : []),
  ];
  /** GetUser's and AdminGetUser's view of a person's MFA. */
  const mfaSettings = (user: StoredUser) =>
    user.softwareToken?.enabled ? { PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA', UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] } : { UserMFASettingList: [] };
  const setPassword = (user: StoredUser, password: string, status: UserStatus) => {
    user.salt = randomBytes(16);
    user.hash = hashPassword(password, user.salt);
    user.status = status;
    user.modifiedAt = Math.floor(Date.now() / 1000);
  };
  const policyError = (password: string) => {
    const violations = passwordPolicyViolations(password);
    return violations.length > 0 ? `Password does not conform to policy: ${violations[0]}` : undefined;
  };
  const signedIn = async (user: StoredUser) => {
    const refreshToken = randomBytes(48).toString('base64url');
    refreshTokens.set(refreshToken, keyOf(user.username));
    return { ChallengeParameters: {}, AuthenticationResult: { ...(await tokensFor(user)), RefreshToken: refreshToken } };
  };

  type Body = Record<string, unknown>;
  type Answer = { status?: number; body: unknown } | { error: string; message: string };
  const fail = (error: string, message: string): Answer => ({ error, message });
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

  /** The administrators' actions: Cognito answers them only for the pool named, for a signed request. */
  const adminActions: Record<string, (body: Body) => Answer | Promise<Answer>> = {
    AdminCreateUser: (body) => {
      const username = text(body.Username);
      if (!username) return fail('InvalidParameterException', '1 validation error detected: Value at \'username\' failed to satisfy constraint: Member must not be null');
      if (users.has(keyOf(username))) return fail('UsernameExistsException', 'User account already exists');
      const attributes = new Map((Array.isArray(body.UserAttributes) ? (body.UserAttributes as { Name?: unknown; Value?: unknown }[]) : []).map((attribute) => [String(attribute.Name), String(attribute.Value ?? '')]));
      const temporaryPassword = text(body.TemporaryPassword) ?? `${randomBytes(9).toString('base64url')}Aa1!`;
      const refusal = policyError(temporaryPassword);
      if (refusal) return fail('InvalidPasswordException', refusal);
      const now = Math.floor(Date.now() / 1000);
      const salt = randomBytes(16);
      const user: StoredUser = {
        username, sub: subOf(username), salt, hash: hashPassword(temporaryPassword, salt), groups: [], name: attributes.get('name') ?? username, email: attributes.get('email'),
        enabled: true, status: 'FORCE_CHANGE_PASSWORD', createdAt: now, modifiedAt: now, managed: true,
      };
      users.set(keyOf(username), user);
      saveManagedUsers();
      return { body: { User: { Username: user.username, Attributes: userAttributes(user), UserCreateDate: now, UserLastModifiedDate: now, Enabled: true, UserStatus: user.status } } };
    },
    AdminSetUserPassword: (body) => withUser(body, (user) => {
      const password = text(body.Password) ?? '';
      const refusal = policyError(password);
      if (refusal) return fail('InvalidPasswordException', refusal);
      setPassword(user, password, body.Permanent === true ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD');
      return { body: {} };
    }),
    AdminGetUser: (body) => withUser(body, (user) => ({
      body: { Username: user.username, UserAttributes: userAttributes(user), UserCreateDate: user.createdAt, UserLastModifiedDate: user.modifiedAt, Enabled: user.enabled, UserStatus: user.status, ...mfaSettings(user) },
    })),
    AdminListGroupsForUser: (body) => withUser(body, (user) => ({
      body: { Groups: user.groups.map((group) => ({ GroupName: group, UserPoolId: userPoolId, CreationDate: startedAt, LastModifiedDate: startedAt })) },
    })),
    AdminAddUserToGroup: (body) => withGroup(body, (user, group) => {
      if (!user.groups.includes(group)) user.groups.push(group);
      return { body: {} };
    }),
    AdminRemoveUserFromGroup: (body) => withGroup(body, (user, group) => {
      user.groups = user.groups.filter((member) => member !== group);
      return { body: {} };
    }),
    AdminDisableUser: (body) => withUser(body, (user) => {
      user.enabled = false;
      // As in Cognito, a disabled user's refresh tokens stop working.
      for (const [token, owner] of refreshTokens) if (owner === keyOf(user.username)) refreshTokens.delete(token);
      return { body: {} };
    }),
    AdminEnableUser: (body) => withUser(body, (user) => {
      user.enabled = true;
      return { body: {} };
    }),
    AdminSetUserMFAPreference: (body) => withUser(body, (user) => setSoftwareTokenPreference(user, body)),
  };

  function withUser(body: Body, act: (user: StoredUser) => Answer): Answer {
    const user = users.get(keyOf(text(body.Username) ?? ''));
    if (!user) return fail('UserNotFoundException', 'User does not exist.');
    const answer = act(user);
    user.modifiedAt = Math.floor(Date.now() / 1000);
    if (user.managed) saveManagedUsers();
    return answer;
  }

  function withGroup(body: Body, act: (user: StoredUser, group: string) => Answer): Answer {
    const group = text(body.GroupName) ?? '';
    if (!groupNames.has(group)) return fail('ResourceNotFoundException', 'Group not found.');
    return withUser(body, (user) => act(user, group));
  }

  const openChallenge = (user: StoredUser, challenge: ChallengeName, from?: ChallengeSession): string => {
    const session = randomBytes(48).toString('base64url');
    challengeSessions.set(session, { username: keyOf(user.username), challenge, expiresAt: from?.expiresAt ?? Date.now() + challengeSessionMs, wrongCodes: from?.wrongCodes ?? 0, tokenVerified: from?.tokenVerified ?? false });
    return session;
  };

  /** After the password (or a new one): a code from the person's authenticator, setting one up, or the tokens. */
  const passwordAccepted = async (user: StoredUser): Promise<Answer> => {
    if (mfa !== 'OFF' && user.softwareToken?.enabled) {
      return { body: { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: openChallenge(user, 'SOFTWARE_TOKEN_MFA'), ChallengeParameters: { USER_ID_FOR_SRP: user.username } } };
    }
    if (mfa === 'ON') {
      return { body: { ChallengeName: 'MFA_SETUP', Session: openChallenge(user, 'MFA_SETUP'), ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: user.username } } };
    }
    return { body: await signedIn(user) };
  };

  /** A code from the person's authenticator, at most once per time step. */
  const acceptsCode = (secret: string, code: string, lastStep: number): number | undefined => {
    const step = matchingTotpStep(base32Decode(secret), code, Date.now());
    return step !== undefined && step > lastStep ? step : undefined;
  };

  const initiateAuth = async (body: Body): Promise<Answer> => {
    if (body.ClientId !== clientId) return fail('ResourceNotFoundException', 'User pool client does not exist.');
    const parameters = (typeof body.AuthParameters === 'object' && body.AuthParameters !== null ? body.AuthParameters : {}) as Record<string, unknown>;
    if (body.AuthFlow === 'USER_PASSWORD_AUTH') {
      const user = users.get(keyOf(text(parameters.USERNAME) ?? ''));
      const password = text(parameters.PASSWORD) ?? '';
      // Same answer for an unknown user and a wrong password (Cognito's prevent-user-existence-errors).
      if (!user || !timingSafeEqual(hashPassword(password, user.salt), user.hash)) return fail('NotAuthorizedException', 'Incorrect username or password.');
      if (!user.enabled) return fail('NotAuthorizedException', 'User is disabled.');
      if (user.status === 'FORCE_CHANGE_PASSWORD') {
        const attributes = Object.fromEntries(userAttributes(user).filter((attribute) => attribute.Name !== 'sub').map((attribute) => [attribute.Name, attribute.Value]));
        return {
          body: {
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            Session: openChallenge(user, 'NEW_PASSWORD_REQUIRED'),
            ChallengeParameters: { USER_ID_FOR_SRP: user.username, requiredAttributes: '[]', userAttributes: JSON.stringify(attributes) },
          },
        };
      }
      return passwordAccepted(user);
    }
    if (body.AuthFlow === 'REFRESH_TOKEN_AUTH') {
      const username = refreshTokens.get(text(parameters.REFRESH_TOKEN) ?? '');
      const user = username ? users.get(username) : undefined;
      if (!user) return fail('NotAuthorizedException', 'Invalid Refresh Token');
      if (!user.enabled) return fail('NotAuthorizedException', 'User is disabled.');
      return { body: { ChallengeParameters: {}, AuthenticationResult: await tokensFor(user) } };
    }
    return fail('InvalidParameterException', `AuthFlow ${String(body.AuthFlow)} is not supported`);
  };

  /** The live challenge session a request names, or Cognito's refusal. */
  const challengeSessionOf = (sessionKey: string): { session: ChallengeSession; user: StoredUser } | Answer => {
    const session = challengeSessions.get(sessionKey);
    if (!session || session.expiresAt < Date.now()) {
      challengeSessions.delete(sessionKey);
      return fail('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    }
    const user = users.get(session.username);
    if (!user) return fail('NotAuthorizedException', 'Invalid session for the user.');
    if (!user.enabled) return fail('NotAuthorizedException', 'User is disabled.');
    return { session, user };
  };

  const respondToAuthChallenge = async (body: Body): Promise<Answer> => {
    if (body.ClientId !== clientId) return fail('ResourceNotFoundException', 'User pool client does not exist.');
    const challenge = body.ChallengeName;
    if (challenge !== 'NEW_PASSWORD_REQUIRED' && challenge !== 'MFA_SETUP' && challenge !== 'SOFTWARE_TOKEN_MFA') {
      return fail('InvalidParameterException', `ChallengeName ${String(challenge)} is not supported here`);
    }
    const responses = (typeof body.ChallengeResponses === 'object' && body.ChallengeResponses !== null ? body.ChallengeResponses : {}) as Record<string, unknown>;
    const sessionKey = text(body.Session) ?? '';
    const found = challengeSessionOf(sessionKey);
    if (!('session' in found)) return found;
    const { session, user } = found;
    if (session.challenge !== challenge || keyOf(text(responses.USERNAME) ?? '') !== session.username) return fail('NotAuthorizedException', 'Invalid session for the user.');

    if (challenge === 'NEW_PASSWORD_REQUIRED') {
      const newPassword = text(responses.NEW_PASSWORD);
      if (!newPassword) return fail('InvalidParameterException', 'Missing required parameter NEW_PASSWORD');
      const refusal = policyError(newPassword);
      // The session stays valid: the person may try another password.
      if (refusal) return fail('InvalidPasswordException', refusal);
      challengeSessions.delete(sessionKey);
      setPassword(user, newPassword, 'CONFIRMED');
      if (user.managed) saveManagedUsers();
      return passwordAccepted(user);
    }

    if (challenge === 'MFA_SETUP') {
      // Set up means a code from the new authenticator was verified on this session (VerifySoftwareToken).
      if (!session.tokenVerified || !user.softwareToken) return fail('InvalidParameterException', 'Software token MFA has not been verified for the user; call AssociateSoftwareToken and VerifySoftwareToken with the session first.');
      challengeSessions.delete(sessionKey);
      return { body: await signedIn(user) };
    }

    const token = user.softwareToken;
    if (!token?.enabled) return fail('NotAuthorizedException', 'Invalid session for the user.');
    const step = acceptsCode(token.secret, text(responses.SOFTWARE_TOKEN_MFA_CODE) ?? '', token.lastStep);
    if (step === undefined) {
      session.wrongCodes += 1;
      if (session.wrongCodes >= wrongCodesPerSession) {
        challengeSessions.delete(sessionKey);
        return fail('NotAuthorizedException', 'Invalid session for the user, too many failed attempts.');
      }
      return fail('CodeMismatchException', 'Invalid code received for user');
    }
    challengeSessions.delete(sessionKey);
    token.lastStep = step;
    saveUser(user);
    return { body: await signedIn(user) };
  };

  /** The person an access token names (from a signed-in console), or Cognito's refusal. */
  const accessTokenUser = async (accessToken: string): Promise<StoredUser | Answer> => {
    try {
      const { payload } = await jwtVerify(accessToken, publicKey, { issuer, algorithms: ['RS256'] });
      const user = payload.token_use === 'access' && payload.client_id === clientId && typeof payload.username === 'string' ? users.get(keyOf(payload.username)) : undefined;
      if (!user) return fail('NotAuthorizedException', 'Invalid Access Token');
      if (!user.enabled) return fail('NotAuthorizedException', 'User is disabled.');
      return user;
    } catch (error) {
      return fail('NotAuthorizedException', error instanceof Error && /exp/.test(error.message) ? 'Access Token has expired' : 'Invalid Access Token');
    }
  };

  /** AssociateSoftwareToken and VerifySoftwareToken take either a challenge session (MFA_SETUP) or an access token. */
  const sessionOrAccessToken = async (body: Body): Promise<{ user: StoredUser; session?: ChallengeSession; sessionKey?: string } | Answer> => {
    const accessToken = text(body.AccessToken);
    const sessionKey = text(body.Session);
    if (accessToken) {
      const user = await accessTokenUser(accessToken);
      return 'username' in user ? { user } : user;
    }
    if (!sessionKey) return fail('InvalidParameterException', 'Either AccessToken or Session must be given.');
    const found = challengeSessionOf(sessionKey);
    if (!('session' in found)) return found;
    if (found.session.challenge !== 'MFA_SETUP') return fail('NotAuthorizedException', 'Invalid session for the user.');
    return { ...found, sessionKey };
  };

  const setSoftwareTokenPreference = (user: StoredUser, body: Body): Answer => {
    const settings = (typeof body.SoftwareTokenMfaSettings === 'object' && body.SoftwareTokenMfaSettings !== null ? body.SoftwareTokenMfaSettings : {}) as Record<string, unknown>;
    if (body.SMSMfaSettings !== undefined || body.EmailMfaSettings !== undefined) return fail('InvalidParameterException', 'Only software token MFA is enabled for this user pool.');
    if (settings.Enabled === true || settings.PreferredMfa === true) {
      if (!user.softwareToken) return fail('InvalidParameterException', 'User has not verified software token mfa');
      user.softwareToken.enabled = true;
    } else if (settings.Enabled === false && user.softwareToken) {
      // With MFA ON the next sign-in sets up an authenticator again: the way back for a person who lost theirs.
      user.softwareToken.enabled = false;
    }
    saveUser(user);
    return { body: {} };
  };

  /** What a signed-in person does with their own access token, and the MFA_SETUP steps on a challenge session. */
  const userActions: Record<string, (body: Body) => Promise<Answer>> = {
    AssociateSoftwareToken: async (body) => {
      if (mfa === 'OFF') return fail('InvalidParameterException', 'MFA is turned off for this user pool.');
      const found = await sessionOrAccessToken(body);
      if (!('user' in found)) return found;
      found.user.pendingSecret = newTotpSecret();
      if (!found.session || !found.sessionKey) return { body: { SecretCode: found.user.pendingSecret } };
      // Each step of a challenge answers with a new session, as Cognito does.
      challengeSessions.delete(found.sessionKey);
      return { body: { SecretCode: found.user.pendingSecret, Session: openChallenge(found.user, 'MFA_SETUP', found.session) } };
    },
    VerifySoftwareToken: async (body) => {
      const found = await sessionOrAccessToken(body);
      if (!('user' in found)) return found;
      const { user } = found;
      if (!user.pendingSecret) return fail('SoftwareTokenMFANotFoundException', 'Software Token MFA not found for the user. Call AssociateSoftwareToken first.');
      const step = acceptsCode(user.pendingSecret, text(body.UserCode) ?? '', -1);
      if (step === undefined) return fail('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
      // A new key replaces the old one; sign-in asks for it once enabled (at once when set up at sign-in).
      user.softwareToken = { secret: user.pendingSecret, enabled: found.session !== undefined || (user.softwareToken?.enabled ?? false), lastStep: step };
      user.pendingSecret = undefined;
      saveUser(user);
      if (!found.session || !found.sessionKey) return { body: { Status: 'SUCCESS' } };
      challengeSessions.delete(found.sessionKey);
      const next = openChallenge(user, 'MFA_SETUP', found.session);
      challengeSessions.get(next)!.tokenVerified = true;
      return { body: { Status: 'SUCCESS', Session: next } };
    },
    SetUserMFAPreference: async (body) => {
      const user = await accessTokenUser(text(body.AccessToken) ?? '');
      return 'username' in user ? setSoftwareTokenPreference(user, body) : user;
    },
    GetUser: async (body) => {
      const user = await accessTokenUser(text(body.AccessToken) ?? '');
      return 'username' in user ? { body: { Username: user.username, UserAttributes: userAttributes(user), MFAOptions: [], ...mfaSettings(user) } } : user;
    },
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://idp');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    if (request.method === 'GET' && url.pathname === `/${userPoolId}/.well-known/jwks.json`) {
      response.writeHead(200, { 'content-type': 'application/json', ...cors });
      response.end(JSON.stringify({ keys: [key.publicJwk] }));
      return;
    }
    if (request.method !== 'POST' || url.pathname !== '/') return cognitoError(response, 'UnknownOperationException', 'not found');
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('AWSCognitoIdentityProviderService.') ? target.slice('AWSCognitoIdentityProviderService.'.length) : '';
    const body = await readJson(request);
    if (!body) return cognitoError(response, 'SerializationException', 'the body is not JSON');
    let answer: Answer;
    if (operation === 'InitiateAuth') {
      answer = await initiateAuth(body);
    } else if (operation === 'RespondToAuthChallenge') {
      answer = await respondToAuthChallenge(body);
    } else if (operation in userActions) {
      answer = await userActions[operation]!(body);
    } else if (operation in adminActions) {
      // Admin actions are IAM-authorised on AWS: an unsigned request (a browser) is refused before anything else.
      if (!/^AWS4-HMAC-SHA256 Credential=/.test(String(request.headers.authorization ?? ''))) {
        answer = fail('MissingAuthenticationTokenException', 'Missing Authentication Token');
      } else if (body.UserPoolId !== userPoolId) {
        answer = fail('ResourceNotFoundException', `User pool ${String(body.UserPoolId)} does not exist.`);
      } else {
        answer = await adminActions[operation]!(body);
      }
    } else {
      answer = fail('UnknownOperationException', `${target || 'no target'} is not supported here`);
    }
    if ('error' in answer) return cognitoError(response, answer.error, answer.message);
    return reply(response, answer.status ?? 200, answer.body);
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const endpoint = `http://127.0.0.1:${port}/`;
  issuer = `http://127.0.0.1:${port}/${userPoolId}`;
  return {
    endpoint,
    issuer,
    userPoolId,
    clientId,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** What a Cognito client does to sign in: InitiateAuth with USER_PASSWORD_AUTH; returns the ID token. */
export async function signIn(endpoint: string, clientId: string, username: string, password: string): Promise<string> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken?: string }; message?: string };
  if (!response.ok || !body.AuthenticationResult?.IdToken) throw new Error(`sign-in of ${username} failed: ${body.message ?? response.status}`);
  return body.AuthenticationResult.IdToken;
}
