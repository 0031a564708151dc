import { describe, expect, it } from 'vitest';
import { createAuthProvider, NewPasswordChallenge } from './authProvider.ts';
import { cognitoJson, idTokenFor, memoryStorage, scriptedFetch, testConfig, tokensAnswer } from './fakeCognito.test-helpers.ts';
import { newPasswordProblem } from './newPassword.ts';
import { createAuthSession } from './session.ts';

const farFuture = Math.floor(Date.now() / 1000) + 3600;
const challenge = () => cognitoJson(200, { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'challenge-session', ChallengeParameters: { USER_ID_FOR_SRP: 'km.new', requiredAttributes: '[]' } });

function setup(...answers: Parameters<typeof scriptedFetch>) {
  const storage = memoryStorage();
  const cognito = scriptedFetch(...answers);
  const session = createAuthSession({ config: testConfig, storage, fetch: cognito.fetch });
  const authProvider = createAuthProvider({ session, loadCurrentUser: async () => ({ id: 'km.new', displayName: '新经理', roles: ['KEY_ACCOUNT_MANAGER'] }) });
  return { authProvider, cognito };
}

describe('the new-password step after a temporary password', () => {
  it('stops sign-in with the challenge, then answers it with RespondToAuthChallenge and is signed in', async () => {
    const { authProvider, cognito } = setup(challenge(), tokensAnswer(idTokenFor('km.new', { exp: farFuture }), 'refresh-1'));
    const stopped = await authProvider.login({ username: 'KM.New', password: 'Temp-Pass-2026!' }).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(NewPasswordChallenge);
    expect(stopped).toMatchObject({ username: 'km.new', challengeSession: 'challenge-session' });
    await expect(authProvider.checkAuth({})).rejects.toEqual({ message: false });

    await authProvider.login({ username: 'km.new', newPassword: 'Chosen#Password9', challengeSession: 'challenge-session' });
    expect(cognito.calls[1]?.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.RespondToAuthChallenge');
    expect(cognito.calls[1]?.body).toEqual({
      ClientId: 'testclient',
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: 'challenge-session',
      ChallengeResponses: { USERNAME: 'km.new', NEW_PASSWORD: 'Chosen#Password9' },
    });
    await expect(authProvider.checkAuth({})).resolves.toBeUndefined();
  });

  it("words Cognito's refusals: the policy, and an expired challenge session", async () => {
    const { authProvider } = setup(
      cognitoJson(400, { __type: 'InvalidPasswordException', message: 'Password does not conform to policy: Password not long enough' }),
      cognitoJson(400, { __type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' }),
    );
    await expect(authProvider.login({ username: 'km.new', newPassword: 'x', challengeSession: 's' })).rejects.toThrow('kamflow.auth.password_policy');
    await expect(authProvider.login({ username: 'km.new', newPassword: 'Chosen#Password9', challengeSession: 's' })).rejects.toThrow('kamflow.auth.challenge_expired');
  });

  it('checks the policy and the repeated entry before sending', () => {
    expect(newPasswordProblem('short', 'short')).toBe('kamflow.auth.password_policy');
    expect(newPasswordProblem('Chosen#Password9', 'Chosen#Password8')).toBe('kamflow.auth.passwords_differ');
    expect(newPasswordProblem('Chosen#Password9', 'Chosen#Password9')).toBeUndefined();
  });
});
