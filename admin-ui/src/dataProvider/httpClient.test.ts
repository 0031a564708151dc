import { HttpError } from 'react-admin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, forbiddenMessage, signedOutMessage } from './httpClient.ts';

type Seen = { url: string; authorization: string | null };

function stubApi(status: number, body: unknown): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return seen;
}

async function rejectionOf(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof HttpError)) throw new Error(`expected an HttpError, got ${String(error)}`);
  return error;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('API client', () => {
  it('sends the ID token as a bearer token on every call', async () => {
    const seen = stubApi(200, { id: 'km.wang' });
    const client = createApiClient('https://api.example.com/', async () => 'id-token');
    await client('/api/me');
    expect(seen).toEqual([{ url: 'https://api.example.com/api/me', authorization: 'Bearer id-token' }]);
  });

  it('does not call the API without a session, and answers 401 so that react-admin signs out', async () => {
    const seen = stubApi(200, {});
    const error = await rejectionOf(createApiClient('https://api.example.com', async () => undefined)('/api/accounts'));
    expect(seen).toEqual([]);
    expect(error.status).toBe(401);
    expect(error.message).toBe(signedOutMessage);
  });

  it('words a 403 as "no permission" in the console’s language and keeps the API’s body', async () => {
    stubApi(403, { code: 'FORBIDDEN', message: 'you may not make km.li the owner of an account' });
    const error = await rejectionOf(createApiClient('https://api.example.com', async () => 't')('/api/accounts', { method: 'POST', body: {} }));
    expect(error.status).toBe(403);
    expect(error.message).toBe(forbiddenMessage);
    expect(error.body).toMatchObject({ code: 'FORBIDDEN', message: 'you may not make km.li the owner of an account' });
  });

  it('passes a 401 through with its status', async () => {
    stubApi(401, { code: 'UNAUTHORIZED', message: 'token expired' });
    const error = await rejectionOf(createApiClient('https://api.example.com', async () => 'stale')('/api/accounts'));
    expect(error.status).toBe(401);
  });
});
