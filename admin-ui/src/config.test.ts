import { describe, expect, it } from 'vitest';
import { ConfigError, readRuntimeConfig } from './config.ts';

const auth = { region: 'us-east-1', userPoolId: 'us-east-1_abc', clientId: 'client', endpoint: 'https://cognito-idp.us-east-1.amazonaws.com/' };

function problemOf(json: unknown): string | undefined {
  try {
    readRuntimeConfig(json);
    return undefined;
  } catch (error) {
    return error instanceof ConfigError ? error.problem : `not a ConfigError: ${String(error)}`;
  }
}

describe('config.json', () => {
  it('reads the API address and the sign-in settings', () => {
    expect(readRuntimeConfig({ apiUrl: 'https://api.example.com/prod/', auth })).toEqual({ apiUrl: 'https://api.example.com/prod', auth });
  });

  it('names what is wrong: no API address, no auth block, an incomplete one', () => {
    expect(problemOf({ auth })).toBe('api_url');
    expect(problemOf({ apiUrl: 'not a url', auth })).toBe('api_url');
    expect(problemOf({ apiUrl: 'https://api.example.com' })).toBe('auth_missing');
    expect(problemOf({ apiUrl: 'https://api.example.com', auth: { ...auth, clientId: '' } })).toBe('auth_incomplete');
    expect(problemOf({ apiUrl: 'https://api.example.com', auth: { ...auth, endpoint: 'cognito' } })).toBe('auth_incomplete');
    expect(problemOf({ apiUrl: 'https://api.example.com', auth: 'yes' })).toBe('auth_incomplete');
  });
});
