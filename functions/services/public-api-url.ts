/**
 * The public API's base URL, for the callback URLs activation requests carry. Locally it is PUBLIC_API_URL. On AWS the
 * workflow is deployed before the API (the API starts its executions), so the URL cannot be in the task function's
 * configuration: the API stack writes it to the SSM parameter named by PUBLIC_API_URL_PARAMETER, read here through
 * Powertools Parameters and cached.
 */
import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import { optionalEnv } from '../commons/env.ts';

const configuredUrl = optionalEnv('PUBLIC_API_URL');
const parameterName = optionalEnv('PUBLIC_API_URL_PARAMETER');

/** The URL changes only when the API is replaced; five minutes of cache spares a call per activation. */
const cacheSeconds = 300;

export async function publicApiUrl(): Promise<string> {
  if (configuredUrl) return configuredUrl.replace(/\/$/, '');
  if (!parameterName) throw new Error('Set PUBLIC_API_URL or PUBLIC_API_URL_PARAMETER');
  const url = await getParameter(parameterName, { maxAge: cacheSeconds });
  if (typeof url !== 'string' || !/^https:\/\//.test(url)) throw new Error(`SSM parameter ${parameterName} holds no https URL`);
  return url.replace(/\/$/, '');
}
