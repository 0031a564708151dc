/**
 * The local identity provider speaks Cognito's software-token MFA as `@aws-sdk/client-cognito-identity-provider` sees
 * it: set up with an access token (optional MFA) or at sign-in (MFA_SETUP when the pool requires MFA), codes at
 * sign-in (SOFTWARE_TOKEN_MFA), and Cognito's exception names for wrong, replayed and late answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, describe, expect, it } from 'vitest';
import { startIdentityProvider } from '../../local/identity-provider.ts';
import type { LocalIdentityProvider, MfaConfiguration } from '../../local/identity-provider.ts';
import { base32Decode, totpCode } from '../../local/totp.ts';

const password = 'Correct-Horse-9';
const people = [
  { username: 'km.wang', password, groups: ['KEY_ACCOUNT_MANAGER'], name: '王经理' },
  { username: 'ops.net', password, groups: ['OPERATIONS'], name: '网络工位' },
];

const started: { idp: LocalIdentityProvider; dataDir?: string }[] = [];

async function identityProvider(mfa: MfaConfiguration, dataDir?: string) {
  const idp = await startIdentityProvider({ port: 0, users: people, mfa, dataDir });
  started.push({ idp, ...(dataDir ? { dataDir } : {}) });
  const client = new CognitoIdentityProviderClient({ endpoint: idp.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const signIn = (username: string, pass = password) => client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: idp.clientId, AuthParameters: { USERNAME: username, PASSWORD: pass } }));
  const answerCode = (username: string, session: string | undefined, code: string) =>
    client.send(new RespondToAuthChallengeCommand({ ClientId: idp.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session, ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code } }));
  return { idp, client, signIn, answerCode };
}

/** The code an authenticator app shows for this key, `stepsAhead` 30-second steps from now. */
function codeFor(secret: string | undefined, stepsAhead = 0): string {
  if (!secret) throw new Error('no secret');
  return totpCode(base32Decode(secret), Date.now() + stepsAhead * 30_000);
}

function wrongCode(right: string): string {
  return String((Number(right) + 1) % 1_000_000).padStart(6, '0');
}

afterEach(async () => {
  for (const { idp, dataDir } of started.splice(0)) {
    await idp.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('optional MFA: a signed-in person sets up an authenticator with their access token', () => {
  it('associates, verifies, enables, and from then on sign-in asks for a code', async () => {
    const { client, signIn, answerCode } = await identityProvider('OPTIONAL');
    const first = await signIn('km.wang');
    expect(first.ChallengeName).toBeUndefined();
    const accessToken = first.AuthenticationResult?.AccessToken;

    await expect(client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: '123456' }))).rejects.toMatchObject({ name: 'SoftwareTokenMFANotFoundException' });
    await expect(client.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }))).rejects.toMatchObject({ name: 'InvalidParameterException' });

    const { SecretCode: secret } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect(client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: wrongCode(codeFor(secret)) }))).rejects.toMatchObject({ name: 'EnableSoftwareTokenMFAException' });
    const verifyingCode = codeFor(secret);
    const verified = await client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: verifyingCode, FriendlyDeviceName: 'phone' }));
    expect(verified.Status).toBe('SUCCESS');

    // Verified but not yet enabled: sign-in still takes the password alone.
    expect((await signIn('km.wang')).AuthenticationResult?.IdToken).toBeTruthy();
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const me = await client.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(me.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(me.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');

    const challenged = await signIn('km.wang');
    expect(challenged.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(challenged.AuthenticationResult).toBeUndefined();
    expect(challenged.ChallengeParameters?.USER_ID_FOR_SRP).toBe('km.wang');
    await expect(answerCode('km.wang', challenged.Session, wrongCode(codeFor(secret, 1)))).rejects.toMatchObject({ name: 'CodeMismatchException' });
    // The code used to verify the authenticator was used once already: a replay is refused.
    await expect(answerCode('km.wang', challenged.Session, verifyingCode)).rejects.toMatchObject({ name: 'CodeMismatchException' });
    const tokens = await answerCode('km.wang', challenged.Session, codeFor(secret, 1));
    expect(tokens.AuthenticationResult?.IdToken).toBeTruthy();
    expect(tokens.AuthenticationResult?.RefreshToken).toBeTruthy();
    // An answered session is spent.
    await expect(answerCode('km.wang', challenged.Session, codeFor(secret, 1))).rejects.toMatchObject({ name: 'NotAuthorizedException' });

    // Someone else's sign-in is untouched.
    expect((await signIn('ops.net')).AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('refuses a forged or missing access token, and a challenge answered for someone else', async () => {
    const { client, signIn, answerCode } = await identityProvider('OPTIONAL');
    await expect(client.send(new AssociateSoftwareTokenCommand({ AccessToken: 'not.a.token' }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const idToken = (await signIn('km.wang')).AuthenticationResult?.IdToken;
    // An ID token is not an access token.
    await expect(client.send(new AssociateSoftwareTokenCommand({ AccessToken: idToken }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(client.send(new AssociateSoftwareTokenCommand({}))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(answerCode('km.wang', 'no-such-session', '123456')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('ends the challenge session after five wrong codes', async () => {
    const { client, signIn, answerCode } = await identityProvider('OPTIONAL');
    const accessToken = (await signIn('ops.net')).AuthenticationResult?.AccessToken;
    const { SecretCode: secret } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    await client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: codeFor(secret) }));
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true } }));
    const { Session: session } = await signIn('ops.net');
    const wrong = wrongCode(codeFor(secret, 1));
    for (let attempt = 1; attempt <= 4; attempt += 1) await expect(answerCode('ops.net', session, wrong)).rejects.toMatchObject({ name: 'CodeMismatchException' });
    await expect(answerCode('ops.net', session, wrong)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(answerCode('ops.net', session, codeFor(secret, 1))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });
});

describe('required MFA: everyone sets up an authenticator at sign-in', () => {
  it('answers MFA_SETUP, then a code from the new authenticator signs in, and the next sign-in asks for a code', async () => {
    const { client, idp, signIn, answerCode } = await identityProvider('ON');
    const challenged = await signIn('km.wang');
    expect(challenged.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(challenged.ChallengeParameters?.MFAS_CAN_SETUP ?? '[]')).toEqual(['SOFTWARE_TOKEN_MFA']);
    const respondSetup = (session: string | undefined) => client.send(new RespondToAuthChallengeCommand({ ClientId: idp.clientId, ChallengeName: 'MFA_SETUP', Session: session, ChallengeResponses: { USERNAME: 'km.wang' } }));

    // Nothing verified yet: the challenge cannot be answered.
    await expect(respondSetup(challenged.Session)).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const associated = await client.send(new AssociateSoftwareTokenCommand({ Session: challenged.Session }));
    expect(associated.SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    expect(associated.Session).toBeTruthy();
    await expect(client.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: wrongCode(codeFor(associated.SecretCode)) }))).rejects.toMatchObject({ name: 'EnableSoftwareTokenMFAException' });
    const verified = await client.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: codeFor(associated.SecretCode) }));
    expect(verified.Status).toBe('SUCCESS');
    const tokens = await respondSetup(verified.Session);
    expect(tokens.AuthenticationResult?.IdToken).toBeTruthy();

    const next = await signIn('km.wang');
    expect(next.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect((await answerCode('km.wang', next.Session, codeFor(associated.SecretCode, 1))).AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('a person an administrator created chooses a password, then sets up an authenticator', async () => {
    const { client, idp, signIn } = await identityProvider('ON');
    await client.send(new AdminCreateUserCommand({ UserPoolId: idp.userPoolId, Username: 'km.new', TemporaryPassword: 'Temporary-Pass-1', UserAttributes: [{ Name: 'email', Value: 'km.new@kamflow.example' }] }));
    const first = await signIn('km.new', 'Temporary-Pass-1');
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const afterPassword = await client.send(
      new RespondToAuthChallengeCommand({ ClientId: idp.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: first.Session, ChallengeResponses: { USERNAME: 'km.new', NEW_PASSWORD: 'Own-Password-22' } }),
    );
    expect(afterPassword.ChallengeName).toBe('MFA_SETUP');
    expect(afterPassword.AuthenticationResult).toBeUndefined();
    // An MFA_SETUP session does not answer SOFTWARE_TOKEN_MFA.
    await expect(
      client.send(new RespondToAuthChallengeCommand({ ClientId: idp.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: afterPassword.Session, ChallengeResponses: { USERNAME: 'km.new', SOFTWARE_TOKEN_MFA_CODE: '123456' } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('an administrator turning a lost authenticator off makes the next sign-in set one up again', async () => {
    const { client, idp, signIn, answerCode } = await identityProvider('ON');
    const setup = await signIn('ops.net');
    const associated = await client.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    const verified = await client.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: codeFor(associated.SecretCode) }));
    await client.send(new RespondToAuthChallengeCommand({ ClientId: idp.clientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: 'ops.net' } }));
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: idp.userPoolId, Username: 'ops.net' }))).UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);

    await client.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: idp.userPoolId, Username: 'ops.net', SoftwareTokenMfaSettings: { Enabled: false } }));
    expect((await client.send(new AdminGetUserCommand({ UserPoolId: idp.userPoolId, Username: 'ops.net' }))).UserMFASettingList).toEqual([]);
    const again = await signIn('ops.net');
    expect(again.ChallengeName).toBe('MFA_SETUP');
    await expect(answerCode('ops.net', again.Session, codeFor(associated.SecretCode, 1))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it("keeps a demo person's authenticator across a restart of the local stack", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kamflow-idp-mfa-'));
    const before = await identityProvider('ON', dataDir);
    const setup = await before.signIn('km.wang');
    const associated = await before.client.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    const verifyingCode = codeFor(associated.SecretCode);
    const verified = await before.client.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: verifyingCode }));
    await before.client.send(new RespondToAuthChallengeCommand({ ClientId: before.idp.clientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: 'km.wang' } }));
    await before.idp.close();

    const after = await startIdentityProvider({ port: 0, users: people, mfa: 'ON', dataDir });
    started.push({ idp: after });
    const client = new CognitoIdentityProviderClient({ endpoint: after.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const challenged = await client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: after.clientId, AuthParameters: { USERNAME: 'km.wang', PASSWORD: password } }));
    expect(challenged.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    // The step used before the restart stays used.
    await expect(
      client.send(new RespondToAuthChallengeCommand({ ClientId: after.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: challenged.Session, ChallengeResponses: { USERNAME: 'km.wang', SOFTWARE_TOKEN_MFA_CODE: verifyingCode } })),
    ).rejects.toMatchObject({ name: 'CodeMismatchException' });
    const tokens = await client.send(
      new RespondToAuthChallengeCommand({ ClientId: after.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: challenged.Session, ChallengeResponses: { USERNAME: 'km.wang', SOFTWARE_TOKEN_MFA_CODE: codeFor(associated.SecretCode, 1) } }),
    );
    expect(tokens.AuthenticationResult?.IdToken).toBeTruthy();
  });
});
