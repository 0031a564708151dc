/**
 * The one place the console talks HTTP: `fetchUtils.fetchJson` against the API base from config.json, with the signed-in
 * person's ID token as `Authorization: Bearer …`, and every failure turned into a react-admin `HttpError` whose message
 * is the API's own `message` (a 403 says "no permission" in the console's language; a 401 makes react-admin sign out).
 */
import { fetchUtils, HttpError } from 'react-admin';
import { readApiErrorBody, toFormErrors, type IssueFieldMapper } from './apiErrors.ts';

export type ApiRequest = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Set on creates: maps API issue paths to form inputs so that validation errors appear on the fields. */
  formFields?: IssueFieldMapper;
};

export type ApiResponse = { status: number; headers: Headers; json: unknown };

export type ApiClient = (path: string, request?: ApiRequest) => Promise<ApiResponse>;

/** Translation key shown when the API cannot be reached at all (network down, CORS refused, wrong apiUrl). */
export const networkErrorMessage = 'kamflow.errors.network';

/** Translation key shown when the API refuses the signed-in person (403). */
export const forbiddenMessage = 'kamflow.errors.forbidden';
/** Translation key for a call made without a usable session (react-admin then signs out). */
export const signedOutMessage = 'kamflow.auth.session_expired';

/** The ID token of the signed-in person, refreshed when due; undefined when nobody is signed in. */
export type TokenSource = () => Promise<string | undefined>;

export function createApiClient(apiUrl: string, token: TokenSource): ApiClient {
  const base = apiUrl.replace(/\/+$/, '');
  return async (path, request = {}) => {
    const url = new URL(base + path);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    }
    const headers = new Headers({ Accept: 'application/json', ...request.headers });
    const bearer = await token();
    // Every route the console calls needs a person: without a token the answer would be 401, so save the round trip.
    if (!bearer) throw new HttpError(signedOutMessage, 401, { code: 'UNAUTHORIZED', message: signedOutMessage });
    headers.set('Authorization', `Bearer ${bearer}`);
    try {
      const response = await fetchUtils.fetchJson(url.toString(), {
        method: request.method ?? 'GET',
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const json: unknown = response.json;
      return { status: response.status, headers: response.headers, json };
    } catch (error: unknown) {
      throw toConsoleError(error, request.formFields);
    }
  };
}

function toConsoleError(error: unknown, formFields: IssueFieldMapper | undefined): unknown {
  if (error instanceof HttpError) {
    const status: number = error.status;
    const body = readApiErrorBody(error.body as unknown);
    if (status === 403) return new HttpError(forbiddenMessage, status, body ?? { code: 'FORBIDDEN', message: error.message });
    if (!body) return new HttpError(error.message || `HTTP ${status}`, status, { code: 'HTTP_ERROR', message: error.message });
    const errors = formFields ? toFormErrors(body, formFields) : undefined;
    return new HttpError(body.message, status, { ...body, ...(errors ? { errors } : {}) });
  }
  // Aborted queries (react-query cancelling a stale request) must stay AbortErrors.
  if (error instanceof DOMException && error.name === 'AbortError') return error;
  return new HttpError(networkErrorMessage, 0, { code: 'NETWORK', message: networkErrorMessage });
}
