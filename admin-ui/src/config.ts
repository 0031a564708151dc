/**
 * The console is hosted apart from the API (CloudFront vs API Gateway; locally two ports), so the API base is read at
 * start-up from `config.json` next to index.html, written by whoever deploys the console.
 */
import type { AuthConfig } from './auth/cognitoSession.ts';

export type RuntimeConfig = { apiUrl: string; auth: AuthConfig };

const authKeys = ['region', 'userPoolId', 'clientId', 'endpoint'] as const;

export function readRuntimeConfig(json: unknown): RuntimeConfig {
  if (typeof json !== 'object' || json === null || !('apiUrl' in json) || typeof json.apiUrl !== 'string') {
    throw new Error('config.json must be { "apiUrl": "https://…", "auth": { … } }');
  }
  const auth: unknown = 'auth' in json ? json.auth : undefined;
  if (typeof auth !== 'object' || auth === null || !authKeys.every((key) => typeof (auth as Record<string, unknown>)[key] === 'string')) {
    throw new Error(`config.json needs "auth": { ${authKeys.join(', ')} } (the Cognito user pool)`);
  }
  const authConfig = auth as AuthConfig;
  // Throws on a malformed URL, so a bad deployment fails here rather than on the first request.
  const apiUrl = new URL(json.apiUrl).toString().replace(/\/+$/, '');
  return { apiUrl, auth: { ...authConfig, endpoint: new URL(authConfig.endpoint).toString() } };
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  // Relative to the page, so the console works under any base path.
  const response = await fetch('./config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return readRuntimeConfig(await response.json());
}
