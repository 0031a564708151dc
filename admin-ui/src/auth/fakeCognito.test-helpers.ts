/** Test doubles for the auth unit tests: unsigned JWTs, an in-memory Storage, and a scripted Cognito endpoint. */
import type { AuthConfig, FetchFunction } from './cognito.ts';
import type { KeyValueStorage } from './session.ts';

export const testConfig: AuthConfig = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_test',
  clientId: 'testclient',
  endpoint: 'https://cognito-idp.us-east-1.amazonaws.com/',
};

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** A JWT-shaped token with these claims (the console never verifies signatures). */
export function unsignedJwt(claims: Record<string, unknown>): string {
  return `${base64Url(JSON.stringify({ alg: 'RS256', kid: 'test' }))}.${base64Url(JSON.stringify(claims))}.c2lnbmF0dXJl`;
}

export function idTokenFor(username: string, options: { exp: number; groups?: string[]; name?: string }): string {
  return unsignedJwt({
    sub: `sub-${username}`,
    'cognito:username': username,
    'cognito:groups': options.groups ?? ['KEY_ACCOUNT_MANAGER'],
    name: options.name ?? username,
    token_use: 'id',
    exp: options.exp,
  });
}

export function memoryStorage(): KeyValueStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

export type RecordedCall = { url: string; headers: Record<string, string>; body: Record<string, unknown> };

/** A fetch that records each Cognito call and answers with the next scripted response (or throws a scripted error). */
export function scriptedFetch(...answers: (Response | Error | ((call: RecordedCall) => Response))[]) {
  const calls: RecordedCall[] = [];
  const fetchFunction: FetchFunction = async (input, init) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const call = { url: input, headers, body: JSON.parse(String(init.body)) as Record<string, unknown> };
    calls.push(call);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected call ${headers['x-amz-target'] ?? ''}`);
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(call) : answer;
  };
  return { fetch: fetchFunction, calls };
}

export function cognitoJson(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/x-amz-json-1.1' } });
}

export function tokensAnswer(idToken: string, refreshToken?: string): Response {
  return cognitoJson(200, {
    ChallengeParameters: {},
    AuthenticationResult: {
      IdToken: idToken,
      AccessToken: 'access',
      ...(refreshToken ? { RefreshToken: refreshToken } : {}),
      ExpiresIn: 3600,
      TokenType: 'Bearer',
    },
  });
}

export const wrongPassword = () => cognitoJson(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
