/**
 * The few Cognito Identity Provider calls the console makes, over the JSON 1.1 protocol that both Cognito
 * (`https://cognito-idp.<region>.amazonaws.com/`) and the local identity provider speak: InitiateAuth with
 * USER_PASSWORD_AUTH (sign-in) and REFRESH_TOKEN_AUTH (refresh), RespondToAuthChallenge for a new password and for
 * software-token MFA (a code, or setting up an authenticator with AssociateSoftwareToken and VerifySoftwareToken), and
 * RevokeToken on sign-out. No SDK: a public client (no secret) needs nothing more than a POST.
 */

/** The `auth` block of config.json. */
export type AuthConfig = { region: string; userPoolId: string; clientId: string; endpoint: string };

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export type AuthenticationResult = {
  idToken: string;
  accessToken?: string;
  /** Only on USER_PASSWORD_AUTH; a refresh keeps the refresh token it was given. */
  refreshToken?: string;
  /** Seconds. */
  expiresIn: number;
};

export type InitiateAuthRequest =
  | { flow: 'USER_PASSWORD_AUTH'; username: string; password: string }
  | { flow: 'REFRESH_TOKEN_AUTH'; refreshToken: string };

/** A refused or failed Cognito call: `code` is Cognito's exception name (`NotAuthorizedException`, …). */
export class CognitoError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'CognitoError';
  }
}

/**
 * InitiateAuth answered NEW_PASSWORD_REQUIRED: the person signed in with a temporary password an administrator gave
 * them and must choose their own. `session` answers the challenge (RespondToAuthChallenge) within a few minutes.
 */
export class NewPasswordRequiredError extends CognitoError {
  constructor(
    readonly username: string,
    readonly session: string,
  ) {
    super(newPasswordRequired, 'NEW_PASSWORD_REQUIRED', 200);
    this.name = 'NewPasswordRequiredError';
  }
}

export const newPasswordRequired = 'NEW_PASSWORD_REQUIRED';
export const softwareTokenMfa = 'SOFTWARE_TOKEN_MFA';
export const mfaSetup = 'MFA_SETUP';

/** Cognito asks for the 6-digit code of the person's authenticator app (SOFTWARE_TOKEN_MFA); `session` answers it. */
export class MfaCodeRequiredError extends CognitoError {
  constructor(
    readonly username: string,
    readonly session: string,
  ) {
    super(softwareTokenMfa, softwareTokenMfa, 200);
    this.name = 'MfaCodeRequiredError';
  }
}

/** The pool requires MFA and the person has no authenticator yet (MFA_SETUP): set one up on `session`, then sign in. */
export class MfaSetupRequiredError extends CognitoError {
  constructor(
    readonly username: string,
    readonly session: string,
  ) {
    super(mfaSetup, mfaSetup, 200);
    this.name = 'MfaSetupRequiredError';
  }
}

/** The fetch failed (network down, CORS refused, wrong endpoint). */
export const networkFailure = 'NetworkError';
/** Cognito answered with a challenge this console does not answer (SMS or e-mail codes, custom challenges). */
export const challengeRequired = 'ChallengeRequired';
/** A 2xx answer without the tokens. */
export const invalidResponse = 'InvalidResponse';

const targetPrefix = 'AWSCognitoIdentityProviderService.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `com.amazonaws…#NotAuthorizedException` or `NotAuthorizedException:http://…` → `NotAuthorizedException`. */
function exceptionName(body: Record<string, unknown>, headers: Headers): string {
  const declared = typeof body.__type === 'string' ? body.__type : (headers.get('x-amzn-errortype') ?? '');
  const name = declared.split('#').pop()?.split(':')[0]?.trim();
  return name ? name : 'UnknownError';
}

async function callCognito(config: AuthConfig, operation: string, payload: unknown, fetchFunction: FetchFunction): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetchFunction(config.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${targetPrefix}${operation}` },
      body: JSON.stringify(payload),
      cache: 'no-store',
    });
  } catch (error) {
    throw new CognitoError(networkFailure, error instanceof Error ? error.message : String(error), 0);
  }
  const text = await response.text().catch(() => '');
  let body: unknown = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = {};
  }
  const record = isRecord(body) ? body : {};
  if (!response.ok) {
    const message = typeof record.message === 'string' ? record.message : typeof record.Message === 'string' ? record.Message : `HTTP ${response.status}`;
    throw new CognitoError(exceptionName(record, response.headers), message, response.status);
  }
  return record;
}

/** InitiateAuth: the tokens, or a `CognitoError`. */
export async function initiateAuth(config: AuthConfig, request: InitiateAuthRequest, fetchFunction: FetchFunction = fetch): Promise<AuthenticationResult> {
  const authParameters =
    request.flow === 'USER_PASSWORD_AUTH' ? { USERNAME: request.username, PASSWORD: request.password } : { REFRESH_TOKEN: request.refreshToken };
  const body = await callCognito(config, 'InitiateAuth', { AuthFlow: request.flow, ClientId: config.clientId, AuthParameters: authParameters }, fetchFunction);
  throwIfChallenged(body, request.flow === 'USER_PASSWORD_AUTH' ? request.username : undefined);
  return readAuthenticationResult(body, 'InitiateAuth');
}

/**
 * Turns a challenge in Cognito's answer into the error the login page answers it from: a new password, an MFA code,
 * setting up an authenticator; anything else (SMS or e-mail codes) as `challengeRequired`. No challenge: returns.
 */
function throwIfChallenged(body: Record<string, unknown>, signingInAs: string | undefined): void {
  const challenge = body.ChallengeName;
  if (typeof challenge !== 'string' || !challenge) return;
  const parameters = isRecord(body.ChallengeParameters) ? body.ChallengeParameters : {};
  const session = typeof body.Session === 'string' ? body.Session : '';
  // Cognito names the user in USER_ID_FOR_SRP; the challenge answer must carry that name.
  const username = typeof parameters.USER_ID_FOR_SRP === 'string' && parameters.USER_ID_FOR_SRP ? parameters.USER_ID_FOR_SRP : signingInAs;
  if (session && username) {
    if (challenge === newPasswordRequired) throw new NewPasswordRequiredError(username, session);
    if (challenge === softwareTokenMfa) throw new MfaCodeRequiredError(username, session);
    if (challenge === mfaSetup && setupOffers(parameters.MFAS_CAN_SETUP, softwareTokenMfa)) throw new MfaSetupRequiredError(username, session);
  }
  throw new CognitoError(challengeRequired, challenge, 200);
}

/** MFAS_CAN_SETUP is a JSON list in a string, e.g. `["SOFTWARE_TOKEN_MFA"]`; Cognito may leave it out. */
function setupOffers(canSetUp: unknown, factor: string): boolean {
  if (typeof canSetUp !== 'string') return true;
  try {
    const factors: unknown = JSON.parse(canSetUp);
    return Array.isArray(factors) && factors.includes(factor);
  } catch {
    return false;
  }
}

function readAuthenticationResult(body: Record<string, unknown>, operation: string): AuthenticationResult {
  const result = isRecord(body.AuthenticationResult) ? body.AuthenticationResult : undefined;
  if (!result || typeof result.IdToken !== 'string' || !result.IdToken) {
    throw new CognitoError(invalidResponse, `${operation} answered without an ID token`, 200);
  }
  return {
    idToken: result.IdToken,
    ...(typeof result.AccessToken === 'string' ? { accessToken: result.AccessToken } : {}),
    ...(typeof result.RefreshToken === 'string' && result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
    expiresIn: typeof result.ExpiresIn === 'number' && result.ExpiresIn > 0 ? result.ExpiresIn : 3600,
  };
}

/** RespondToAuthChallenge for NEW_PASSWORD_REQUIRED: the person's own password replaces the temporary one; tokens follow. */
export async function respondToNewPasswordChallenge(
  config: AuthConfig,
  answer: { username: string; newPassword: string; session: string },
  fetchFunction: FetchFunction = fetch,
): Promise<AuthenticationResult> {
  const body = await callCognito(
    config,
    'RespondToAuthChallenge',
    { ClientId: config.clientId, ChallengeName: newPasswordRequired, Session: answer.session, ChallengeResponses: { USERNAME: answer.username, NEW_PASSWORD: answer.newPassword } },
    fetchFunction,
  );
  // A pool that requires MFA asks a person who has just chosen a password to set up an authenticator next.
  throwIfChallenged(body, answer.username);
  return readAuthenticationResult(body, 'RespondToAuthChallenge');
}

/** RespondToAuthChallenge for SOFTWARE_TOKEN_MFA: the 6-digit code from the person's authenticator app. */
export async function respondToSoftwareTokenChallenge(
  config: AuthConfig,
  answer: { username: string; code: string; session: string },
  fetchFunction: FetchFunction = fetch,
): Promise<AuthenticationResult> {
  const body = await callCognito(
    config,
    'RespondToAuthChallenge',
    { ClientId: config.clientId, ChallengeName: softwareTokenMfa, Session: answer.session, ChallengeResponses: { USERNAME: answer.username, SOFTWARE_TOKEN_MFA_CODE: answer.code } },
    fetchFunction,
  );
  throwIfChallenged(body, answer.username);
  return readAuthenticationResult(body, 'RespondToAuthChallenge');
}

/** AssociateSoftwareToken on an MFA_SETUP session: the new authenticator's key (base32) and the session to go on with. */
export async function associateSoftwareToken(config: AuthConfig, session: string, fetchFunction: FetchFunction = fetch): Promise<{ secretCode: string; session: string }> {
  const body = await callCognito(config, 'AssociateSoftwareToken', { Session: session }, fetchFunction);
  if (typeof body.SecretCode !== 'string' || !body.SecretCode) throw new CognitoError(invalidResponse, 'AssociateSoftwareToken answered without a secret', 200);
  return { secretCode: body.SecretCode, session: typeof body.Session === 'string' && body.Session ? body.Session : session };
}

/**
 * Sets up an authenticator at sign-in: VerifySoftwareToken with a code it shows (proof the key was taken), then
 * RespondToAuthChallenge for MFA_SETUP, which signs the person in.
 */
export async function completeMfaSetup(
  config: AuthConfig,
  answer: { username: string; code: string; session: string },
  fetchFunction: FetchFunction = fetch,
): Promise<AuthenticationResult> {
  const verified = await callCognito(config, 'VerifySoftwareToken', { Session: answer.session, UserCode: answer.code, FriendlyDeviceName: 'KAMflow console' }, fetchFunction);
  if (verified.Status !== 'SUCCESS') throw new CognitoError('EnableSoftwareTokenMFAException', `VerifySoftwareToken answered ${String(verified.Status)}`, 200);
  const session = typeof verified.Session === 'string' && verified.Session ? verified.Session : answer.session;
  const body = await callCognito(config, 'RespondToAuthChallenge', { ClientId: config.clientId, ChallengeName: mfaSetup, Session: session, ChallengeResponses: { USERNAME: answer.username } }, fetchFunction);
  throwIfChallenged(body, answer.username);
  return readAuthenticationResult(body, 'RespondToAuthChallenge');
}

/** The translation key to show when an MFA code (at sign-in or when setting up an authenticator) was refused. */
export function mfaFailureMessage(error: unknown): string {
  if (!(error instanceof CognitoError)) return 'kamflow.auth.sign_in_failed';
  switch (error.code) {
    case 'CodeMismatchException':
    case 'EnableSoftwareTokenMFAException':
      return 'kamflow.auth.mfa_code_wrong';
    case 'NotAuthorizedException':
    case 'ExpiredCodeException':
      // The challenge session lasts a few minutes and takes a few wrong codes: start again from the password.
      return 'kamflow.auth.mfa_expired';
    default:
      return signInFailureMessage(error);
  }
}

/** The translation key to show when the new password was refused. */
export function newPasswordFailureMessage(error: unknown): string {
  if (!(error instanceof CognitoError)) return 'kamflow.auth.sign_in_failed';
  switch (error.code) {
    case 'InvalidPasswordException':
      return 'kamflow.auth.password_policy';
    case 'NotAuthorizedException':
    case 'CodeMismatchException':
    case 'ExpiredCodeException':
      // The challenge session lasts a few minutes: start again from the temporary password.
      return 'kamflow.auth.challenge_expired';
    case networkFailure:
      return 'kamflow.auth.unreachable';
    default:
      return signInFailureMessage(error);
  }
}

/** RevokeToken: ends the refresh token (and the tokens issued from it) on sign-out. */
export async function revokeToken(config: AuthConfig, refreshToken: string, fetchFunction: FetchFunction = fetch): Promise<void> {
  await callCognito(config, 'RevokeToken', { Token: refreshToken, ClientId: config.clientId }, fetchFunction);
}

/** The translation key to show for a failed sign-in. */
export function signInFailureMessage(error: unknown): string {
  if (!(error instanceof CognitoError)) return 'kamflow.auth.sign_in_failed';
  switch (error.code) {
    case 'NotAuthorizedException':
      // Cognito uses the same exception once it locks an account for too many failed attempts.
      return /attempts exceeded/i.test(error.message) ? 'kamflow.auth.too_many_attempts' : 'kamflow.auth.wrong_credentials';
    case 'UserNotFoundException':
      return 'kamflow.auth.wrong_credentials';
    case 'PasswordResetRequiredException':
      return 'kamflow.auth.password_reset_required';
    case 'UserNotConfirmedException':
      return 'kamflow.auth.not_confirmed';
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
    case 'LimitExceededException':
      return 'kamflow.auth.too_many_attempts';
    case challengeRequired:
      return 'kamflow.auth.challenge_unsupported';
    case networkFailure:
      return 'kamflow.auth.unreachable';
    case 'ResourceNotFoundException':
    case 'InvalidParameterException':
    case 'UnknownOperationException':
      return 'kamflow.auth.misconfigured';
    default:
      return 'kamflow.auth.sign_in_failed';
  }
}
