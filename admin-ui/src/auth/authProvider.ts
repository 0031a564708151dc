/**
 * react-admin's AuthProvider over the Cognito session: sign-in and sign-out, the 401/403 policy, who is signed in
 * (`GET /api/me`, the API's view of the person: display name, roles, reporting line) and what they may do.
 */
import type { AuthProvider, UserIdentity } from 'react-admin';
import { newPasswordFailureMessage, NewPasswordRequiredError, signInFailureMessage } from './cognito.ts';
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

  return {
    /**
     * `{ username, password }` signs in. When Cognito asks for a new password (a temporary one was used), this rejects
     * with a `NewPasswordChallenge`; the login page then calls login again with `{ username, newPassword,
     * challengeSession }` to answer it.
     */
    async login(params: { username?: unknown; password?: unknown; newPassword?: unknown; challengeSession?: unknown }) {
      const username = typeof params.username === 'string' ? params.username.trim() : '';
      if (typeof params.newPassword === 'string' && typeof params.challengeSession === 'string') {
        try {
          await session.completeNewPassword(username, params.newPassword, params.challengeSession);
        } catch (error) {
          throw new Error(newPasswordFailureMessage(error));
        } finally {
          sessionChanged();
        }
        return;
      }
      const password = typeof params.password === 'string' ? params.password : '';
      try {
        await session.signIn(username, password);
      } catch (error) {
        if (error instanceof NewPasswordRequiredError) throw new NewPasswordChallenge(error.username, error.session);
        throw new Error(signInFailureMessage(error));
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
