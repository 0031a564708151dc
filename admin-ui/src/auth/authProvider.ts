/** react-admin's AuthProvider over the Cognito session: sign-in, sign-out, 401 handling, identity and roles. */
import type { AuthProvider } from 'react-admin';
import { clearSession, currentSession, signIn, SignInError, tokenClaims } from './cognitoSession.ts';
import type { AuthConfig } from './cognitoSession.ts';

export function createAuthProvider(config: AuthConfig): AuthProvider {
  return {
    async login(params: { username?: string; password?: string }) {
      try {
        await signIn(config, (params.username ?? '').trim(), params.password ?? '');
      } catch (error) {
        if (error instanceof SignInError && error.code === 'NotAuthorizedException') throw new Error('kamflow.auth.wrong_credentials');
        throw new Error('kamflow.auth.sign_in_failed');
      }
    },
    async logout() {
      clearSession();
    },
    async checkAuth() {
      if (!(await currentSession(config))) throw new Error('kamflow.auth.signed_out');
    },
    async checkError(error: { status?: number }) {
      if (error.status === 401) {
        clearSession();
        throw new Error('kamflow.auth.signed_out');
      }
    },
    async getIdentity() {
      const session = await currentSession(config);
      const claims = session ? tokenClaims(session.idToken) : {};
      const id = typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : 'unknown';
      return { id, fullName: typeof claims.name === 'string' ? claims.name : id };
    },
    async getPermissions() {
      const session = await currentSession(config);
      const groups = session ? tokenClaims(session.idToken)['cognito:groups'] : undefined;
      return Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : [];
    },
  };
}

/** The ID token to send to the API, refreshed when close to expiry. */
export async function bearerToken(config: AuthConfig): Promise<string | undefined> {
  return (await currentSession(config))?.idToken;
}
