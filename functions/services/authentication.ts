/**
 * Who is calling: the ID token (a JWT from the Cognito user pool on AWS, from another OIDC provider where the
 * deployment names one — AUTH_JWKS_URL, AUTH_USERNAME_CLAIM —, from the local identity provider on one machine) is
 * verified against the issuer's keys, and the person's roles and reporting line are read from the people
 * table, which is authoritative (a disabled person is refused even with a valid token).
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { optionalEnv, requiredEnv } from '../commons/env.ts';
import { ForbiddenError, UnauthorizedError } from '../commons/errors.ts';
import type { Principal } from '../domain/people.ts';
import { findUser, rolesOf } from '../data/users-repository.ts';

/** Cognito's claims; another provider's tokens name the user in AUTH_USERNAME_CLAIM and carry no token_use. */
const cognitoUsernameClaim = 'cognito:username';

let verifier: { issuer: string; clientId: string; usernameClaim: string; keys: ReturnType<typeof createRemoteJWKSet> } | undefined;

function tokenVerifier() {
  if (!verifier) {
    const issuer = requiredEnv('AUTH_ISSUER').replace(/\/$/, '');
    const keysUrl = optionalEnv('AUTH_JWKS_URL') ?? `${issuer}/.well-known/jwks.json`;
    verifier = {
      issuer,
      clientId: requiredEnv('AUTH_CLIENT_ID'),
      usernameClaim: optionalEnv('AUTH_USERNAME_CLAIM') ?? cognitoUsernameClaim,
      keys: createRemoteJWKSet(new URL(keysUrl), { cooldownDuration: 30_000 }),
    };
  }
  return verifier;
}

const principalCache = new Map<string, { principal: Principal; loadedAt: number }>();
const principalCacheMs = 30_000;

/** The person behind a user id, with roles and reporting line from the people table (cached briefly). */
export async function principalOf(userId: string): Promise<Principal> {
  const cached = principalCache.get(userId);
  if (cached && Date.now() - cached.loadedAt < principalCacheMs) return cached.principal;
  const user = await findUser(userId);
  if (!user || user.status !== 'ACTIVE') throw new ForbiddenError('this identity has no active KAMflow user');
  const principal: Principal = {
    userId: user.userId,
    displayName: user.displayName,
    roles: rolesOf(user),
    ...(user.managerId !== 'none' ? { managerId: user.managerId } : {}),
    ...(user.unitId !== 'none' ? { unitId: user.unitId } : {}),
    ...(user.workPosition ? { workPosition: user.workPosition } : {}),
  };
  principalCache.set(userId, { principal, loadedAt: Date.now() });
  return principal;
}

/** Drops this process's cached view of a person after their record changed. Other processes catch up within principalCacheMs. */
export function forgetPrincipal(userId: string): void {
  principalCache.delete(userId);
}

export async function authenticateUser(event: APIGatewayProxyEvent): Promise<Principal> {
  const header = event.headers.authorization ?? event.headers.Authorization;
  const match = header ? /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header) : null;
  if (!match?.[1]) throw new UnauthorizedError('a Bearer token is required in the Authorization header');
  const { issuer, clientId, usernameClaim, keys } = tokenVerifier();
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(match[1], keys, { issuer, audience: clientId, algorithms: ['RS256'] }));
  } catch (error) {
    const reason = error instanceof joseErrors.JWTExpired ? 'the token has expired' : 'the token is not valid';
    throw new UnauthorizedError(reason);
  }
  // Cognito signs access tokens with the same keys: only its ID tokens name the console's client as audience.
  if (usernameClaim === cognitoUsernameClaim && claims.token_use !== 'id') throw new UnauthorizedError('an ID token is required');
  const username = claims[usernameClaim];
  if (typeof username !== 'string' || username === '') throw new UnauthorizedError('the token names no user');
  return principalOf(username);
}
