import { describe, expect, it } from 'vitest';
import { authenticatorUri, groupedKey, typedCode } from './authenticatorKey.ts';

describe('authenticator key', () => {
  it('builds the otpauth URI authenticator apps read, with Cognito’s TOTP settings', () => {
    const uri = new URL(authenticatorUri('km.wang', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/KAMflow:km.wang');
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', issuer: 'KAMflow', algorithm: 'SHA1', digits: '6', period: '30' });
  });

  it('escapes a user name that is not URI-safe', () => {
    expect(authenticatorUri('李 伟/北区', 'ABCD')).toBe('otpauth://totp/KAMflow:%E6%9D%8E%20%E4%BC%9F%2F%E5%8C%97%E5%8C%BA?secret=ABCD&issuer=KAMflow&algorithm=SHA1&digits=6&period=30');
  });

  it('groups the key by four for typing, and reads a typed code without separators', () => {
    expect(groupedKey('JBSWY3DPEHPK3PXPJB')).toBe('JBSW Y3DP EHPK 3PXP JB');
    expect(groupedKey('ABCD')).toBe('ABCD');
    expect(typedCode(' 123 456 ')).toBe('123456');
    expect(typedCode('123-456')).toBe('123456');
  });
});
