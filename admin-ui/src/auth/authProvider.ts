/**
 * react-admin's AuthProvider over the Cognito session: sign-in and sign-out, the 401/403 policy, who is signed in
 * (`GET /api/me`, the API's view of the person: display name, roles, reporting line) and what they may do.
 */
import type { AuthProvider, UserIdentity } from 'react-admin';
import { MfaCodeRequiredError, mfaFailureMessage, MfaSetupRequiredError, newPasswordFailureMessage, NewPasswordRequiredError, signInFailureMessage } from './cognito.ts';
import { mayAccess } from './permissions.ts';
import type { AuthSession } from './session.ts';

/** Sign-in stopped at Cognito's NEW_PASSWORD_REQUIRED: the login page asks for a new password and answers it. */
export class NewPasswordChallenge extends Error {
  constructor(
    readonly username: string,
    readonly challengeSession: string,
  ) {
    super('kamflow.auth.new_password_required');
    this.name = 'NewPasswordChallenge';
  }
}

/** Sign-in stopped at Cognito's SOFTWARE_TOKEN_MFA: the login page asks for the authenticator's code and answers it. */
export class MfaCodeChallenge extends Error {
  constructor(
    readonly username: string,
    readonly challengeSession: string,
  ) {
    super('kamflow.auth.mfa_code_required');
    this.name = 'MfaCodeChallenge';
  }
}

/**
 * Sign-in stopped at Cognito's MFA_SETUP: the pool requires MFA and the person has no authenticator yet. The key of a
 * new one is already issued (AssociateSoftwareToken); the login page shows it and asks for a code it shows.
 */
export class MfaSetupChallenge extends Error {
  constructor(
    readonly username: string,
    readonly secretCode: string,
    readonly challengeSession: string,
  ) {
    super('kamflow.auth.mfa_setup_required');
    this.name = 'MfaSetupChallenge';
  }
}

/** `GET /api/me`. */
export type CurrentUser = {
  id: string;
  displayName: string;
  roles: string[];
  managerId?: string;
  unitId?: string;
  workPosition?: string;
};

export type KamflowIdentity = UserIdentity & { id: string; fullName: string; roles: string[] };

export function readCurrentUser(json: unknown): CurrentUser | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const user = json as Record<string, unknown>;
  if (typeof user.id !== 'string' || !Array.isArray(user.roles)) return undefined;
  const optional = (name: 'managerId' | 'unitId' | 'workPosition') => {
    const value = user[name];
    return typeof value === 'string' && value !== '' ? { [name]: value } : {};
  };
  return {
    id: user.id,
    displayName: typeof user.displayName === 'string' && user.displayName !== '' ? user.displayName : user.id,
    roles: user.roles.filter((role): role is string => typeof role === 'string'),
    ...optional('managerId'),
    ...optional('unitId'),
    ...optional('workPosition'),
  };
}

/** An error's HTTP status, for errors from the data provider (`HttpError`) or anything shaped like one. */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

export function createAuthProvider(options: {
  session: AuthSession;
  /** `GET /api/me` with the session's token; rejects with an `HttpError` (status set) when the API refuses. */
  loadCurrentUser: () => Promise<unknown>;
  /** Called after every sign-in and sign-out (e.g. to drop caches that belong to the previous person). */
  onSessionChange?: () => void;
}): AuthProvider {
  const { session } = options;
  let cached: { token: string; user: Promise<CurrentUser> } | undefined;

  /** The person behind the current ID token, asked of the API once per sign-in; the token's claims if the API cannot say. */
  const currentUser = async (): Promise<CurrentUser> => {
    const token = await session.idToken();
    if (!token) throw new Error('kamflow.auth.session_expired');
    const claims = session.claims();
    const key = claims?.sub ?? claims?.username ?? token;
    if (cached?.token !== key) {
      const user = options.loadCurrentUser().then((json) => {
        const read = readCurrentUser(json);
        if (!read) throw new Error('kamflow.errors.bad_response');
        return read;
      });
      cached = { token: key, user };
      user.catch(() => {
        if (cached?.user === user) cached = undefined;
      });
    }
    try {
      return await cached.user;
    } catch (error) {
      if (statusOf(error) === 401) throw error;
      const username = claims?.username ?? claims?.sub;
      if (!username) throw error;
      return { id: username, displayName: claims?.name ?? username, roles: claims?.groups ?? [] };
    }
  };

  const sessionChanged = () => {
    cached = undefined;
    options.onSessionChange?.();
  };

  /** A challenge Cognito answered with becomes what the login page shows next; any other failure, its message key. */
  const nextStep = async (error: unknown, failureMessage: (error: unknown) => string): Promise<Error> => {
    if (error instanceof NewPasswordRequiredError) return new NewPasswordChallenge(error.username, error.session);
    if (error instanceof MfaCodeRequiredError) return new MfaCodeChallenge(error.username, error.session);
    if (error instanceof MfaSetupRequiredError) {
      try {
        const { secretCode, challengeSession } = await session.startMfaSetup(error.session);
        return new MfaSetupChallenge(error.username, secretCode, challengeSession);
      } catch (setupError) {
        return new Error(mfaFailureMessage(setupError));
      }
    }
    return new Error(failureMessage(error));
  };

  return {
    /**
     * `{ username, password }` signs in. When Cognito asks for more, this rejects with the step to show: a
     * `NewPasswordChallenge` (a temporary password was used), an `MfaCodeChallenge` (the authenticator's code) or an
     * `MfaSetupChallenge` (set up an authenticator first). The login page answers by calling login again with
     * `{ username, challengeSession }` and `newPassword`, `mfaCode` or `mfaSetupCode`; an answer may lead to the next
     * step (a new password, then setting up an authenticator).
     */
    async login(params: { username?: unknown; password?: unknown; newPassword?: unknown; mfaCode?: unknown; mfaSetupCode?: unknown; challengeSession?: unknown }) {
      const username = typeof params.username === 'string' ? params.username.trim() : '';
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      const challengeSession = text(params.challengeSession);
      const newPassword = text(params.newPassword);
      const mfaCode = text(params.mfaCode)?.trim();
      const mfaSetupCode = text(params.mfaSetupCode)?.trim();
      const answer =
        challengeSession && newPassword !== undefined
          ? { step: () => session.completeNewPassword(username, newPassword, challengeSession), failure: newPasswordFailureMessage }
          : challengeSession && mfaCode !== undefined
            ? { step: () => session.answerMfaCode(username, mfaCode, challengeSession), failure: mfaFailureMessage }
            : challengeSession && mfaSetupCode !== undefined
              ? { step: () => session.completeMfaSetup(username, mfaSetupCode, challengeSession), failure: mfaFailureMessage }
              : { step: () => session.signIn(username, text(params.password) ?? ''), failure: signInFailureMessage };
      try {
        await answer.step();
      } catch (error) {
        throw await nextStep(error, answer.failure);
      } finally {
        sessionChanged();
      }
    },

    async logout() {
      await session.signOut();
      sessionChanged();
    },

    async checkAuth() {
      const hadSession = session.hasSession();
      if (await session.idToken()) return;
      // A first visit goes to the login page quietly; a lapsed session says why.
      throw hadSession ? new Error('kamflow.auth.session_expired') : { message: false };
    },

    async checkError(error: unknown) {
      // 401: the API no longer accepts the token → react-admin signs out to the login page.
      if (statusOf(error) === 401) throw new Error('kamflow.auth.session_expired');
      // 403 and everything else: stay; the error itself is shown (httpClient.ts words a 403 as "no permission").
    },

    async getIdentity(): Promise<KamflowIdentity> {
      const user = await currentUser();
      return { ...user, fullName: user.displayName };
    },

    async getPermissions() {
      return (await currentUser()).roles;
    },

    async canAccess({ resource, action }: { resource: string; action: string }) {
      return mayAccess((await currentUser()).roles, resource, action);
    },
  };
}
