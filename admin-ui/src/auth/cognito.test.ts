import { describe, expect, it } from 'vitest';
import { CognitoError, initiateAuth, MfaCodeRequiredError, MfaSetupRequiredError, NewPasswordRequiredError, revokeToken, signInFailureMessage } from './cognito.ts';
import { cognitoJson, scriptedFetch, testConfig, tokensAnswer, wrongPassword } from './fakeCognito.test-helpers.ts';

async function failureOf(promise: Promise<unknown>): Promise<CognitoError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof CognitoError)) throw new Error(`expected a CognitoError, got ${String(error)}`);
  return error;
}

describe('initiateAuth', () => {
  it('sends USER_PASSWORD_AUTH the way Cognito expects it and reads the tokens', async () => {
    const cognito = scriptedFetch(tokensAnswer('id.token.x', 'refresh-1'));
    const result = await initiateAuth(testConfig, { flow: 'USER_PASSWORD_AUTH', username: 'km.wang', password: 'pw' }, cognito.fetch);

    expect(result).toEqual({ idToken: 'id.token.x', accessToken: 'access', refreshToken: 'refresh-1', expiresIn: 3600 });
    expect(cognito.calls).toHaveLength(1);
    const [call] = cognito.calls;
    expect(call?.url).toBe(testConfig.endpoint);
    expect(call?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(call?.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
    expect(call?.body).toEqual({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'testclient', AuthParameters: { USERNAME: 'km.wang', PASSWORD: 'pw' } });
  });

  it('refreshes with REFRESH_TOKEN_AUTH; the answer has no new refresh token', async () => {
    const cognito = scriptedFetch(tokensAnswer('id.token.y'));
    const result = await initiateAuth(testConfig, { flow: 'REFRESH_TOKEN_AUTH', refreshToken: 'refresh-1' }, cognito.fetch);
    expect(result.refreshToken).toBeUndefined();
    expect(cognito.calls[0]?.body).toEqual({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'testclient', AuthParameters: { REFRESH_TOKEN: 'refresh-1' } });
  });

  it('turns a refusal into a CognitoError named after the exception', async () => {
    const error = await failureOf(initiateAuth(testConfig, { flow: 'USER_PASSWORD_AUTH', username: 'km.wang', password: 'nope' }, scriptedFetch(wrongPassword()).fetch));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.status).toBe(400);
    expect(error.message).toBe('Incorrect username or password.');
  });

  it('reads the exception name from a qualified __type or from the x-amzn-errortype header', async () => {
    const qualified = cognitoJson(400, { __type: 'com.amazonaws.cognito.identity.idp.model#UserNotFoundException', message: 'User does not exist.' });
    expect((await failureOf(initiateAuth(testConfig, { flow: 'REFRESH_TOKEN_AUTH', refreshToken: 'r' }, scriptedFetch(qualified).fetch))).code).toBe('UserNotFoundException');
    const headerOnly = new Response('not json', { status: 400, headers: { 'x-amzn-errortype': 'TooManyRequestsException:http://internal.amazon.com/' } });
    expect((await failureOf(initiateAuth(testConfig, { flow: 'REFRESH_TOKEN_AUTH', refreshToken: 'r' }, scriptedFetch(headerOnly).fetch))).code).toBe('TooManyRequestsException');
  });

  it('reports a challenge (new password, MFA) and a network failure as such', async () => {
    const challenge = cognitoJson(200, { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's', ChallengeParameters: { USER_ID_FOR_SRP: 'a' } });
    const challenged = await failureOf(initiateAuth(testConfig, { flow: 'USER_PASSWORD_AUTH', username: 'A', password: 'b' }, scriptedFetch(challenge).fetch));
    expect(challenged).toBeInstanceOf(NewPasswordRequiredError);
    expect(challenged).toMatchObject({ code: 'NEW_PASSWORD_REQUIRED', session: 's', username: 'a' });

    const mfa = cognitoJson(200, { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's2', ChallengeParameters: {} });
    const mfaChallenged = await failureOf(initiateAuth(testConfig, { flow: 'USER_PASSWORD_AUTH', username: 'a', password: 'b' }, scriptedFetch(mfa).fetch));
    expect(mfaChallenged).toBeInstanceOf(MfaCodeRequiredError);
    expect(mfaChallenged).toMatchObject({ code: 'SOFTWARE_TOKEN_MFA', session: 's2', username: 'a' });

    const setup = cognitoJson(200, { ChallengeName: 'MFA_SETUP', Session: 's3', ChallengeParameters: { MFAS_CAN_SETUP: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: 'Km.Wang' } });
    const setupChallenged = await failureOf(initiateAuth(testConfig, { flow: 'USER_PASSWORD_AUTH', username: 'km.wang', password: 'b' }, scriptedFetch(setup).fetch));
    expect(setupChallenged).toBeInstanceOf(MfaSetupRequiredError);
    expect(setupChallenged).toMatchObject({ session: 's3', username: 'Km.Wang' });

    // Factors the console cannot set up or answer (SMS, e-mail) stay unsupported.
    const smsOnly = cognitoJson(200, { ChallengeName: 'MFA_SETUP', Session: 's4', ChallengeParameters: { MFAS_CAN_SETUP: '["SMS_MFA"]' } });
    expect(await failureOf(initiateAuth(testConfig, { flow: 'USER_PASSWORD_AUTH', username: 'a', password: 'b' }, scriptedFetch(smsOnly).fetch))).toMatchObject({ code: 'ChallengeRequired', message: 'MFA_SETUP' });
    const sms = cognitoJson(200, { ChallengeName: 'SMS_MFA', Session: 's5', ChallengeParameters: {} });
    expect(await failureOf(initiateAuth(testConfig, { flow: 'USER_PASSWORD_AUTH', username: 'a', password: 'b' }, scriptedFetch(sms).fetch))).toMatchObject({ code: 'ChallengeRequired', message: 'SMS_MFA' });

    const offline = await failureOf(initiateAuth(testConfig, { flow: 'USER_PASSWORD_AUTH', username: 'a', password: 'b' }, scriptedFetch(new TypeError('Failed to fetch')).fetch));
    expect(offline.code).toBe('NetworkError');
    expect(offline.status).toBe(0);
  });

  it('refuses a success without an ID token', async () => {
    const empty = cognitoJson(200, { AuthenticationResult: { AccessToken: 'a' } });
    expect((await failureOf(initiateAuth(testConfig, { flow: 'USER_PASSWORD_AUTH', username: 'a', password: 'b' }, scriptedFetch(empty).fetch))).code).toBe('InvalidResponse');
  });
});

describe('revokeToken', () => {
  it('calls RevokeToken with the refresh token and the client id', async () => {
    const cognito = scriptedFetch(cognitoJson(200, {}));
    await revokeToken(testConfig, 'refresh-1', cognito.fetch);
    expect(cognito.calls[0]?.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.RevokeToken');
    expect(cognito.calls[0]?.body).toEqual({ Token: 'refresh-1', ClientId: 'testclient' });
  });
});

describe('signInFailureMessage', () => {
  const failure = (code: string, message = '') => new CognitoError(code, message, 400);

  it('says "wrong user name or password" for both a wrong password and an unknown user', () => {
    expect(signInFailureMessage(failure('NotAuthorizedException', 'Incorrect username or password.'))).toBe('kamflow.auth.wrong_credentials');
    expect(signInFailureMessage(failure('UserNotFoundException'))).toBe('kamflow.auth.wrong_credentials');
  });

  it('tells lock-outs, throttling, account states, challenges and outages apart', () => {
    expect(signInFailureMessage(failure('NotAuthorizedException', 'Password attempts exceeded'))).toBe('kamflow.auth.too_many_attempts');
    expect(signInFailureMessage(failure('TooManyRequestsException'))).toBe('kamflow.auth.too_many_attempts');
    expect(signInFailureMessage(failure('PasswordResetRequiredException'))).toBe('kamflow.auth.password_reset_required');
    expect(signInFailureMessage(failure('UserNotConfirmedException'))).toBe('kamflow.auth.not_confirmed');
    expect(signInFailureMessage(failure('ChallengeRequired', 'SMS_MFA'))).toBe('kamflow.auth.challenge_unsupported');
    expect(signInFailureMessage(failure('NetworkError'))).toBe('kamflow.auth.unreachable');
    expect(signInFailureMessage(failure('ResourceNotFoundException', 'User pool client does not exist.'))).toBe('kamflow.auth.misconfigured');
    expect(signInFailureMessage(failure('InternalErrorException'))).toBe('kamflow.auth.sign_in_failed');
    expect(signInFailureMessage(new Error('boom'))).toBe('kamflow.auth.sign_in_failed');
  });
});
