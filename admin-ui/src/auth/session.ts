/**
 * The signed-in person's tokens, kept in sessionStorage (gone with the tab, never shared with other tabs or left on
 * disk like localStorage), and the ID token handed to every API call, refreshed shortly before it expires.
 */
import { associateSoftwareToken, CognitoError, completeMfaSetup, initiateAuth, networkFailure, respondToNewPasswordChallenge, respondToSoftwareTokenChallenge, revokeToken } from './cognito.ts';
import type { AuthConfig, AuthenticationResult, FetchFunction } from './cognito.ts';
import { readIdTokenClaims } from './idToken.ts';
import type { IdTokenClaims } from './idToken.ts';

export type StoredSession = {
  idToken: string;
  refreshToken?: string;
  /** Milliseconds since the epoch: the ID token's `exp`. */
  expiresAt: number;
};

/** The part of the Web Storage interface the session needs (sessionStorage in the browser, a Map in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const sessionStorageKey = 'kamflow.auth.session';

/** Refresh when the ID token has less than this left, so a request never leaves with a token about to lapse. */
export const refreshMarginMs = 5 * 60_000;

export type TokenState = 'fresh' | 'refresh-due' | 'expired';

export function tokenState(session: StoredSession, nowMs: number): TokenState {
  if (nowMs >= session.expiresAt) return 'expired';
  if (session.expiresAt - nowMs <= refreshMarginMs) return 'refresh-due';
  return 'fresh';
}

/** A session from Cognito's answer: the expiry from the token's own `exp`, else from `ExpiresIn`. */
export function sessionFromResult(result: AuthenticationResult, nowMs: number, keptRefreshToken?: string): StoredSession {
  const exp = readIdTokenClaims(result.idToken)?.exp;
  const refreshToken = result.refreshToken ?? keptRefreshToken;
  return {
    idToken: result.idToken,
    ...(refreshToken ? { refreshToken } : {}),
    expiresAt: exp !== undefined ? exp * 1000 : nowMs + result.expiresIn * 1000,
  };
}

export function loadSession(storage: KeyValueStorage): StoredSession | undefined {
  const raw = storage.getItem(sessionStorageKey);
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const candidate = parsed as Partial<Record<keyof StoredSession, unknown>>;
    if (typeof candidate.idToken !== 'string' || typeof candidate.expiresAt !== 'number') return undefined;
    return {
      idToken: candidate.idToken,
      ...(typeof candidate.refreshToken === 'string' ? { refreshToken: candidate.refreshToken } : {}),
      expiresAt: candidate.expiresAt,
    };
  } catch {
    return undefined;
  }
}

export function saveSession(storage: KeyValueStorage, session: StoredSession): void {
  storage.setItem(sessionStorageKey, JSON.stringify(session));
}

export function clearSession(storage: KeyValueStorage): void {
  storage.removeItem(sessionStorageKey);
}

export type AuthSession = {
  /** USER_PASSWORD_AUTH; throws `CognitoError` when refused. */
  signIn(username: string, password: string): Promise<StoredSession>;
  /** Answers NEW_PASSWORD_REQUIRED (after a sign-in with a temporary password); throws `CognitoError` when refused. */
  completeNewPassword(username: string, newPassword: string, challengeSession: string): Promise<StoredSession>;
  /** Answers SOFTWARE_TOKEN_MFA with the code of the person's authenticator app. */
  answerMfaCode(username: string, code: string, challengeSession: string): Promise<StoredSession>;
  /** MFA_SETUP, first step: the key of the person's new authenticator, and the session to verify it on. */
  startMfaSetup(challengeSession: string): Promise<{ secretCode: string; challengeSession: string }>;
  /** MFA_SETUP, second step: a code the new authenticator shows proves it holds the key; then the person is signed in. */
  completeMfaSetup(username: string, code: string, challengeSession: string): Promise<StoredSession>;
  /** Forgets the tokens (and asks Cognito to revoke the refresh token, best effort). */
  signOut(): Promise<void>;
  /** The ID token to send, refreshed first when due; undefined when nobody is signed in or the session is over. */
  idToken(): Promise<string | undefined>;
  /** Whether tokens are stored at all (valid or not), without refreshing. */
  hasSession(): boolean;
  /** Who the stored ID token names. */
  claims(): IdTokenClaims | undefined;
};

export function createAuthSession(options: {
  config: AuthConfig;
  storage: KeyValueStorage;
  fetch?: FetchFunction;
  now?: () => number;
}): AuthSession {
  const { config, storage } = options;
  const fetchFunction: FetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  /** One refresh at a time: the parallel requests of a page all wait for the same one. */
  let refreshing: Promise<StoredSession> | undefined;

  const refresh = async (session: StoredSession, refreshToken: string): Promise<StoredSession> => {
    const result = await initiateAuth(config, { flow: 'REFRESH_TOKEN_AUTH', refreshToken }, fetchFunction);
    const refreshed = sessionFromResult(result, now(), refreshToken);
    // Someone may have signed out (or in as someone else) while the refresh was on its way.
    if (loadSession(storage)?.idToken === session.idToken) saveSession(storage, refreshed);
    return refreshed;
  };

  const signedIn = (result: AuthenticationResult): StoredSession => {
    const session = sessionFromResult(result, now());
    refreshing = undefined;
    saveSession(storage, session);
    return session;
  };

  return {
    async signIn(username, password) {
      return signedIn(await initiateAuth(config, { flow: 'USER_PASSWORD_AUTH', username, password }, fetchFunction));
    },

    async completeNewPassword(username, newPassword, challengeSession) {
      return signedIn(await respondToNewPasswordChallenge(config, { username, newPassword, session: challengeSession }, fetchFunction));
    },

    async answerMfaCode(username, code, challengeSession) {
      return signedIn(await respondToSoftwareTokenChallenge(config, { username, code, session: challengeSession }, fetchFunction));
    },

    async startMfaSetup(challengeSession) {
      const { secretCode, session } = await associateSoftwareToken(config, challengeSession, fetchFunction);
      return { secretCode, challengeSession: session };
    },

    async completeMfaSetup(username, code, challengeSession) {
      return signedIn(await completeMfaSetup(config, { username, code, session: challengeSession }, fetchFunction));
    },

    async signOut() {
      const session = loadSession(storage);
      clearSession(storage);
      refreshing = undefined;
      if (session?.refreshToken) await revokeToken(config, session.refreshToken, fetchFunction).catch(() => undefined);
    },

    async idToken() {
      const session = loadSession(storage);
      if (!session) return undefined;
      const state = tokenState(session, now());
      if (state === 'fresh') return session.idToken;
      if (!session.refreshToken) {
        if (state === 'expired') clearSession(storage);
        return state === 'expired' ? undefined : session.idToken;
      }
      const { refreshToken } = session;
      refreshing ??= refresh(session, refreshToken).finally(() => {
        refreshing = undefined;
      });
      try {
        return (await refreshing).idToken;
      } catch (error) {
        // Unreachable identity provider: keep using the token while it lasts, and try again on the next call.
        const transient = error instanceof CognitoError && (error.code === networkFailure || error.status >= 500 || error.code === 'TooManyRequestsException');
        if (transient && state === 'refresh-due') return session.idToken;
        // Refused (revoked or expired refresh token) or expired: the session is over.
        if (loadSession(storage)?.idToken === session.idToken) clearSession(storage);
        return undefined;
      }
    },

    hasSession() {
      return loadSession(storage) !== undefined;
    },

    claims() {
      const session = loadSession(storage);
      return session ? readIdTokenClaims(session.idToken) : undefined;
    },
  };
}
