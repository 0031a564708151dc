import { describe, expect, it } from 'vitest';
import { readIdTokenClaims } from './idToken.ts';
import {
  cognitoJson,
  idTokenFor,
  memoryStorage,
  scriptedFetch,
  testConfig,
  tokensAnswer,
  wrongPassword,
} from './fakeCognito.test-helpers.ts';
import { createAuthSession, loadSession, refreshMarginMs, sessionFromResult, sessionStorageKey, tokenState } from './session.ts';

const start = Date.UTC(2026, 10, 26, 9, 0, 0);
const hour = 3600;
const startSeconds = start / 1000;

function setup(...answers: Parameters<typeof scriptedFetch>) {
  const storage = memoryStorage();
  const cognito = scriptedFetch(...answers);
  let now = start;
  const session = createAuthSession({ config: testConfig, storage, fetch: cognito.fetch, now: () => now });
  return { storage, cognito, session, advanceTo: (ms: number) => void (now = ms) };
}

describe('ID token claims', () => {
  it('reads who signed in, their groups and the expiry, including non-ASCII names', () => {
    const token = idTokenFor('km.wang', { exp: startSeconds + hour, name: '王经理', groups: ['KEY_ACCOUNT_MANAGER'] });
    expect(readIdTokenClaims(token)).toEqual({
      sub: 'sub-km.wang',
      username: 'km.wang',
      groups: ['KEY_ACCOUNT_MANAGER'],
      name: '王经理',
      exp: startSeconds + hour,
    });
  });

  it('gives nothing for something that is not a JWT', () => {
    expect(readIdTokenClaims('opaque')).toBeUndefined();
    expect(readIdTokenClaims('a.%%%.c')).toBeUndefined();
  });
});

describe('when to refresh', () => {
  const session = { idToken: 't', expiresAt: start + hour * 1000 };

  it('uses a token with more than the margin left, refreshes within the margin, and gives up once expired', () => {
    expect(tokenState(session, start)).toBe('fresh');
    expect(tokenState(session, session.expiresAt - refreshMarginMs - 1)).toBe('fresh');
    expect(tokenState(session, session.expiresAt - refreshMarginMs)).toBe('refresh-due');
    expect(tokenState(session, session.expiresAt - 1)).toBe('refresh-due');
    expect(tokenState(session, session.expiresAt)).toBe('expired');
  });

  it('takes the expiry from the token’s exp, and from ExpiresIn when the token has none', () => {
    const exp = startSeconds + 1800;
    expect(sessionFromResult({ idToken: idTokenFor('a', { exp }), expiresIn: 3600 }, start).expiresAt).toBe(exp * 1000);
    expect(sessionFromResult({ idToken: 'opaque', expiresIn: 3600 }, start).expiresAt).toBe(start + 3600_000);
  });
});

describe('the session', () => {
  it('keeps the tokens in the given storage on sign-in and hands out the ID token', async () => {
    const idToken = idTokenFor('km.wang', { exp: startSeconds + hour });
    const { session, storage, cognito } = setup(tokensAnswer(idToken, 'refresh-1'));
    await session.signIn('km.wang', 'Kamflow!2026');

    expect(loadSession(storage)).toEqual({ idToken, refreshToken: 'refresh-1', expiresAt: (startSeconds + hour) * 1000 });
    expect(await session.idToken()).toBe(idToken);
    expect(session.claims()?.username).toBe('km.wang');
    expect(cognito.calls).toHaveLength(1);
  });

  it('stores nothing when the password is wrong', async () => {
    const { session, storage } = setup(wrongPassword());
    await expect(session.signIn('km.wang', 'nope')).rejects.toMatchObject({ code: 'NotAuthorizedException' });
    expect(storage.entries.size).toBe(0);
    expect(await session.idToken()).toBeUndefined();
  });

  it('refreshes once shortly before expiry, for all the requests waiting at that moment, and keeps the refresh token', async () => {
    const first = idTokenFor('km.wang', { exp: startSeconds + hour });
    const second = idTokenFor('km.wang', { exp: startSeconds + 2 * hour });
    const { session, storage, cognito, advanceTo } = setup(tokensAnswer(first, 'refresh-1'), tokensAnswer(second));
    await session.signIn('km.wang', 'pw');

    advanceTo(start + hour * 1000 - refreshMarginMs + 1000);
    const tokens = await Promise.all([session.idToken(), session.idToken(), session.idToken()]);
    expect(tokens).toEqual([second, second, second]);
    expect(cognito.calls).toHaveLength(2);
    expect(cognito.calls[1]?.body).toMatchObject({ AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'refresh-1' } });
    expect(loadSession(storage)).toEqual({ idToken: second, refreshToken: 'refresh-1', expiresAt: (startSeconds + 2 * hour) * 1000 });
    // The new token is fresh: no further refresh.
    expect(await session.idToken()).toBe(second);
    expect(cognito.calls).toHaveLength(2);
  });

  it('ends the session when the refresh token is refused', async () => {
    const first = idTokenFor('km.wang', { exp: startSeconds + hour });
    const { session, storage, advanceTo } = setup(
      tokensAnswer(first, 'refresh-1'),
      cognitoJson(400, { __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' }),
    );
    await session.signIn('km.wang', 'pw');
    advanceTo(start + hour * 1000 - 60_000);
    expect(await session.idToken()).toBeUndefined();
    expect(storage.entries.has(sessionStorageKey)).toBe(false);
  });

  it('keeps using a still-valid token while the identity provider cannot be reached, and retries on the next call', async () => {
    const first = idTokenFor('km.wang', { exp: startSeconds + hour });
    const second = idTokenFor('km.wang', { exp: startSeconds + 2 * hour });
    const { session, advanceTo } = setup(tokensAnswer(first, 'refresh-1'), new TypeError('Failed to fetch'), tokensAnswer(second));
    await session.signIn('km.wang', 'pw');
    advanceTo(start + hour * 1000 - 60_000);
    expect(await session.idToken()).toBe(first);
    expect(await session.idToken()).toBe(second);
  });

  it('has nothing to hand out once the token expired and cannot be refreshed', async () => {
    const first = idTokenFor('km.wang', { exp: startSeconds + hour });
    const { session, advanceTo } = setup(tokensAnswer(first, 'refresh-1'), new TypeError('Failed to fetch'));
    await session.signIn('km.wang', 'pw');
    advanceTo(start + hour * 1000 + 1);
    expect(await session.idToken()).toBeUndefined();
  });

  it('forgets the tokens on sign-out and revokes the refresh token; a failed revocation does not matter', async () => {
    const first = idTokenFor('km.wang', { exp: startSeconds + hour });
    const { session, storage, cognito } = setup(tokensAnswer(first, 'refresh-1'), cognitoJson(400, { __type: 'UnknownOperationException', message: 'no' }));
    await session.signIn('km.wang', 'pw');
    await session.signOut();
    expect(storage.entries.size).toBe(0);
    expect(session.hasSession()).toBe(false);
    expect(cognito.calls[1]?.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.RevokeToken');
    expect(cognito.calls[1]?.body).toEqual({ Token: 'refresh-1', ClientId: 'testclient' });
  });

  it('ignores a malformed stored session', async () => {
    const { session, storage } = setup();
    storage.setItem(sessionStorageKey, '{"idToken": 42}');
    expect(session.hasSession()).toBe(false);
    expect(await session.idToken()).toBeUndefined();
  });
});
