/** Sign-in with software-token MFA through the authProvider, against a scripted Cognito. */
import { describe, expect, it } from 'vitest';
import { createAuthProvider, MfaCodeChallenge, MfaSetupChallenge } from './authProvider.ts';
import { cognitoJson, idTokenFor, memoryStorage, scriptedFetch, testConfig, tokensAnswer } from './fakeCognito.test-helpers.ts';
import { createAuthSession } from './session.ts';

const farFuture = Math.floor(Date.now() / 1000) + 3600;
const signedIn = () => tokensAnswer(idTokenFor('km.wang', { exp: farFuture }), 'refresh-1');
const codeChallenge = cognitoJson(200, { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'mfa-session', ChallengeParameters: { USER_ID_FOR_SRP: 'km.wang' } });
const setupChallenge = () => cognitoJson(200, { ChallengeName: 'MFA_SETUP', Session: 'setup-1', ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: 'km.wang' } });
const refused = (type: string) => cognitoJson(400, { __type: type, message: type });

function setup(...answers: Parameters<typeof scriptedFetch>) {
  const cognito = scriptedFetch(...answers);
  const session = createAuthSession({ config: testConfig, storage: memoryStorage(), fetch: cognito.fetch });
  const authProvider = createAuthProvider({ session, loadCurrentUser: async () => ({ id: 'km.wang', roles: ['KEY_ACCOUNT_MANAGER'] }) });
  const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
  return { authProvider, cognito, failureOf };
}

describe('sign-in with an authenticator code (SOFTWARE_TOKEN_MFA)', () => {
  it('asks for the code, then answers the challenge with it and signs in', async () => {
    const { authProvider, cognito, failureOf } = setup(codeChallenge, signedIn());
    const challenge = await failureOf(authProvider.login({ username: 'km.wang', password: 'pw' }));
    expect(challenge).toBeInstanceOf(MfaCodeChallenge);
    expect(challenge).toMatchObject({ username: 'km.wang', challengeSession: 'mfa-session' });
    await expect(authProvider.checkAuth({})).rejects.toEqual({ message: false });

    await authProvider.login({ username: 'km.wang', mfaCode: ' 123456 ', challengeSession: 'mfa-session' });
    expect(cognito.calls[1]?.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.RespondToAuthChallenge');
    expect(cognito.calls[1]?.body).toEqual({ ClientId: 'testclient', ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'mfa-session', ChallengeResponses: { USERNAME: 'km.wang', SOFTWARE_TOKEN_MFA_CODE: '123456' } });
    await expect(authProvider.checkAuth({})).resolves.toBeUndefined();
  });

  it('says a wrong code is wrong, and a spent session means starting again', async () => {
    const { authProvider } = setup(refused('CodeMismatchException'), refused('NotAuthorizedException'));
    await expect(authProvider.login({ username: 'km.wang', mfaCode: '000000', challengeSession: 's' })).rejects.toThrow('kamflow.auth.mfa_code_wrong');
    await expect(authProvider.login({ username: 'km.wang', mfaCode: '000000', challengeSession: 's' })).rejects.toThrow('kamflow.auth.mfa_expired');
    await expect(authProvider.checkAuth({})).rejects.toEqual({ message: false });
  });
});

describe('setting up an authenticator at sign-in (MFA_SETUP)', () => {
  it('issues a key on the challenge session, verifies a code from it, then signs in', async () => {
    const { authProvider, cognito, failureOf } = setup(
      setupChallenge(),
      cognitoJson(200, { SecretCode: 'JBSWY3DPEHPK3PXP', Session: 'setup-2' }),
      cognitoJson(200, { Status: 'SUCCESS', Session: 'setup-3' }),
      signedIn(),
    );
    const challenge = await failureOf(authProvider.login({ username: 'km.wang', password: 'pw' }));
    expect(challenge).toBeInstanceOf(MfaSetupChallenge);
    expect(challenge).toMatchObject({ username: 'km.wang', secretCode: 'JBSWY3DPEHPK3PXP', challengeSession: 'setup-2' });
    expect(cognito.calls[1]?.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.AssociateSoftwareToken');
    expect(cognito.calls[1]?.body).toEqual({ Session: 'setup-1' });

    await authProvider.login({ username: 'km.wang', mfaSetupCode: '654321', challengeSession: 'setup-2' });
    expect(cognito.calls[2]?.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.VerifySoftwareToken');
    expect(cognito.calls[2]?.body).toMatchObject({ Session: 'setup-2', UserCode: '654321' });
    expect(cognito.calls[3]?.body).toEqual({ ClientId: 'testclient', ChallengeName: 'MFA_SETUP', Session: 'setup-3', ChallengeResponses: { USERNAME: 'km.wang' } });
    await expect(authProvider.checkAuth({})).resolves.toBeUndefined();
  });

  it('a wrong code from the new authenticator is refused without signing in', async () => {
    const { authProvider, cognito } = setup(refused('EnableSoftwareTokenMFAException'));
    await expect(authProvider.login({ username: 'km.wang', mfaSetupCode: '111111', challengeSession: 'setup-2' })).rejects.toThrow('kamflow.auth.mfa_code_wrong');
    expect(cognito.calls).toHaveLength(1);
    await expect(authProvider.checkAuth({})).rejects.toEqual({ message: false });
  });

  it('follows a new password with setting up an authenticator', async () => {
    const { authProvider, failureOf } = setup(setupChallenge(), cognitoJson(200, { SecretCode: 'KEY', Session: 'setup-2' }));
    const challenge = await failureOf(authProvider.login({ username: 'km.wang', newPassword: 'Own-Password-22', challengeSession: 'new-password' }));
    expect(challenge).toBeInstanceOf(MfaSetupChallenge);
    expect(challenge).toMatchObject({ secretCode: 'KEY', challengeSession: 'setup-2' });
  });
});
