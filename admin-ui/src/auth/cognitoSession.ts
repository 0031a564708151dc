/**
 * Sign-in against the Cognito user pool (or the local stand-in, which speaks the same InitiateAuth protocol), and the
 * session kept in sessionStorage: the ID token (sent to the API), its expiry, and the refresh token.
 */
export type AuthConfig = { region: string; userPoolId: string; clientId: string; endpoint: string };

export type Session = { idToken: string; refreshToken?: string; expiresAt: number };

const storageKey = 'kamflow.session';

export class SignInError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'SignInError';
  }
}

type InitiateAuthResult = { AuthenticationResult?: { IdToken?: string; RefreshToken?: string; ExpiresIn?: number }; __type?: string; message?: string };

async function initiateAuth(config: AuthConfig, flow: 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH', parameters: Record<string, string>): Promise<Session> {
  const response = await fetch(config.endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: flow, ClientId: config.clientId, AuthParameters: parameters }),
  });
  const body = (await response.json().catch(() => ({}))) as InitiateAuthResult;
  const result = body.AuthenticationResult;
  if (!response.ok || !result?.IdToken) {
    throw new SignInError(body.__type?.split('#').pop() ?? 'SignInFailed', body.message ?? `HTTP ${response.status}`);
  }
  return { idToken: result.IdToken, ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}), expiresAt: Date.now() + (result.ExpiresIn ?? 3600) * 1000 };
}

export async function signIn(config: AuthConfig, username: string, password: string): Promise<Session> {
  const session = await initiateAuth(config, 'USER_PASSWORD_AUTH', { USERNAME: username, PASSWORD: password });
  saveSession(session);
  return session;
}

/** A session whose token still has a minute left, refreshed when it has not. */
export async function currentSession(config: AuthConfig): Promise<Session | undefined> {
  const session = loadSession();
  if (!session) return undefined;
  if (session.expiresAt - Date.now() > 60_000) return session;
  if (!session.refreshToken) return undefined;
  try {
    const refreshed = await initiateAuth(config, 'REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: session.refreshToken });
    const kept = { ...refreshed, refreshToken: session.refreshToken };
    saveSession(kept);
    return kept;
  } catch {
    clearSession();
    return undefined;
  }
}

export function loadSession(): Session | undefined {
  const raw = sessionStorage.getItem(storageKey);
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<Session>;
    return typeof parsed.idToken === 'string' && typeof parsed.expiresAt === 'number' ? (parsed as Session) : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(storageKey, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(storageKey);
}

/** The claims of an ID token, read without verifying it (the API verifies; the console only displays). */
export function tokenClaims(idToken: string): Record<string, unknown> {
  const payload = idToken.split('.')[1] ?? '';
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (character) => character.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return {};
  }
}
