/**
 * The claims of a Cognito ID token, read without verifying the signature: the API verifies every token; the console
 * only needs the expiry (to refresh in time) and who signed in (until `/api/me` answers).
 */

export type IdTokenClaims = {
  sub?: string;
  /** `cognito:username`, the KAMflow user id (e.g. `km.wang`). */
  username?: string;
  /** `cognito:groups`, the roles. */
  groups: string[];
  name?: string;
  email?: string;
  /** Seconds since the epoch. */
  exp?: number;
};

function decodeBase64Url(segment: string): string {
  const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The JSON payload of a JWT, or undefined when the token is not a JWT. */
export function jwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(decodeBase64Url(parts[1]));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function readIdTokenClaims(token: string): IdTokenClaims | undefined {
  const payload = jwtPayload(token);
  if (!payload) return undefined;
  const text = (name: string): string | undefined => {
    const value = payload[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const groups = payload['cognito:groups'];
  const sub = text('sub');
  const username = text('cognito:username');
  const name = text('name');
  const email = text('email');
  return {
    ...(sub ? { sub } : {}),
    ...(username ? { username } : {}),
    groups: Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : [],
    ...(name ? { name } : {}),
    ...(email ? { email } : {}),
    ...(typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? { exp: payload.exp } : {}),
  };
}
