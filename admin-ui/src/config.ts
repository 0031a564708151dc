/**
 * The console is hosted apart from the API (CloudFront vs API Gateway; locally two ports), so the API base and the
 * sign-in settings (the Cognito user pool, or the local identity provider) are read at start-up from `config.json`
 * next to index.html, written by whoever deploys the console:
 * `{ "apiUrl": "https://…", "auth": { "region", "userPoolId", "clientId", "endpoint" } }`.
 */
import type { AuthConfig } from './auth/cognito.ts';

export type RuntimeConfig = { apiUrl: string; auth: AuthConfig };

/** What is wrong with config.json; the start-up page words each problem in both languages (`kamflow.app.config_problem`). */
export type ConfigProblem = 'unreadable' | 'api_url' | 'auth_missing' | 'auth_incomplete';

export class ConfigError extends Error {
  constructor(
    readonly problem: ConfigProblem,
    detail: string,
  ) {
    super(detail);
    this.name = 'ConfigError';
  }
}

const authKeys = ['region', 'userPoolId', 'clientId', 'endpoint'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An absolute http(s) URL, or undefined. */
function httpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function readRuntimeConfig(json: unknown): RuntimeConfig {
  const apiUrl = isRecord(json) && typeof json.apiUrl === 'string' ? httpUrl(json.apiUrl) : undefined;
  // A bad deployment fails here rather than on the first request.
  if (!isRecord(json) || !apiUrl) throw new ConfigError('api_url', 'config.json needs "apiUrl": an absolute http(s) URL');
  const auth = json.auth;
  if (auth === undefined || auth === null) throw new ConfigError('auth_missing', 'config.json has no "auth" block');
  const missing = isRecord(auth) ? authKeys.filter((key) => typeof auth[key] !== 'string' || auth[key] === '') : [...authKeys];
  const endpoint = isRecord(auth) && typeof auth.endpoint === 'string' ? httpUrl(auth.endpoint) : undefined;
  if (!isRecord(auth) || missing.length > 0 || !endpoint) {
    const problems = [...missing.map((key) => `auth.${key}`), ...(missing.includes('endpoint') || endpoint ? [] : ['auth.endpoint (not an http(s) URL)'])];
    throw new ConfigError('auth_incomplete', `config.json "auth" lacks ${problems.join(', ')}`);
  }
  return {
    apiUrl: apiUrl.toString().replace(/\/+$/, ''),
    auth: { region: String(auth.region), userPoolId: String(auth.userPoolId), clientId: String(auth.clientId), endpoint: endpoint.toString() },
  };
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  // Relative to the page, so the console works under any base path.
  let json: unknown;
  try {
    const response = await fetch('./config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    json = await response.json();
  } catch (error) {
    throw new ConfigError('unreadable', `config.json: ${error instanceof Error ? error.message : String(error)}`);
  }
  return readRuntimeConfig(json);
}
