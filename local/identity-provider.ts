/**
 * A local stand-in for the Cognito user pool: it speaks the Cognito Identity Provider JSON 1.1 protocol for
 * InitiateAuth (USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH) and publishes its signing keys at
 * `/{userPoolId}/.well-known/jwks.json`, so the console and the handlers use the same code as against Cognito:
 * tokens are RS256 JWTs with Cognito's ID-token claims (`cognito:username`, `cognito:groups`, `token_use`).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, randomUUID, scryptSync, timingSafeEqual, createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
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

interface StoredUser {
  readonly username: string;
  readonly sub: string;
  readonly salt: Buffer;
  readonly hash: Buffer;
  readonly groups: readonly string[];
  readonly name: string;
  readonly email?: string | undefined;
}

const tokenLifetimeSeconds = 3600;

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
  users: readonly IdentityProviderUser[];
  dataDir?: string | undefined;
  region?: string;
  userPoolId?: string;
  clientId?: string;
}): Promise<LocalIdentityProvider> {
  const region = options.region ?? 'us-east-1';
  const userPoolId = options.userPoolId ?? `${region}_kamflowLocal`;
  const clientId = options.clientId ?? 'kamflowlocalconsoleclient';
  const key = await signingKey(options.dataDir);
  const users = new Map<string, StoredUser>();
  for (const user of options.users) {
    const salt = randomBytes(16);
    const sub = createHash('sha256').update(`${userPoolId}:${user.username}`).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/, '$1-$2-$3-$4-$5');
    users.set(user.username, { username: user.username, sub, salt, hash: hashPassword(user.password, salt), groups: user.groups, name: user.name, email: user.email });
  }
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
    if (target !== 'AWSCognitoIdentityProviderService.InitiateAuth') return cognitoError(response, 'UnknownOperationException', `${target || 'no target'} is not supported here`);
    const body = await readJson(request);
    if (!body) return cognitoError(response, 'SerializationException', 'the body is not JSON');
    if (body.ClientId !== clientId) return cognitoError(response, 'ResourceNotFoundException', 'User pool client does not exist.');
    const parameters = (typeof body.AuthParameters === 'object' && body.AuthParameters !== null ? body.AuthParameters : {}) as Record<string, unknown>;

    if (body.AuthFlow === 'USER_PASSWORD_AUTH') {
      const user = typeof parameters.USERNAME === 'string' ? users.get(parameters.USERNAME) : undefined;
      const password = typeof parameters.PASSWORD === 'string' ? parameters.PASSWORD : '';
      // Same answer for an unknown user and a wrong password (Cognito's prevent-user-existence-errors).
      if (!user || !timingSafeEqual(hashPassword(password, user.salt), user.hash)) return cognitoError(response, 'NotAuthorizedException', 'Incorrect username or password.');
      const refreshToken = randomBytes(48).toString('base64url');
      refreshTokens.set(refreshToken, user.username);
      return reply(response, 200, { ChallengeParameters: {}, AuthenticationResult: { ...(await tokensFor(user)), RefreshToken: refreshToken } });
    }
    if (body.AuthFlow === 'REFRESH_TOKEN_AUTH') {
      const username = typeof parameters.REFRESH_TOKEN === 'string' ? refreshTokens.get(parameters.REFRESH_TOKEN) : undefined;
      const user = username ? users.get(username) : undefined;
      if (!user) return cognitoError(response, 'NotAuthorizedException', 'Invalid Refresh Token');
      return reply(response, 200, { ChallengeParameters: {}, AuthenticationResult: await tokensFor(user) });
    }
    return cognitoError(response, 'InvalidParameterException', `AuthFlow ${String(body.AuthFlow)} is not supported`);
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
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
