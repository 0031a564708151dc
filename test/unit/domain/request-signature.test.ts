import { describe, expect, it } from 'vitest';
import { signRequest, verifySignature } from '../../../functions/domain/request-signature.ts';

const secret = 'a-shared-secret-of-some-length';
const request = { method: 'POST', path: '/provisioning/v1/orders/ord_1/stages/ACTIVATION/callbacks', systemId: 'nms-north', timestamp: '1790000000', nonce: 'n0nce-0123456789abcdef', body: '{"status":"PROGRESS"}' };

describe('signed provisioning requests', () => {
  it('accepts the signature made with the shared secret', () => {
    expect(verifySignature(request, signRequest(request, secret), secret, 1790000010)).toEqual({ valid: true });
  });

  it.each([
    ['another body', { ...request, body: '{"status":"COMPLETED"}' }],
    ['another path', { ...request, path: '/provisioning/v1/orders/ord_2/stages/ACTIVATION/callbacks' }],
    ['another method', { ...request, method: 'PUT' }],
    ['another nonce', { ...request, nonce: 'another-nonce-0123456789' }],
    // The replay window is keyed by system and nonce: the system must be signed, or a copy under another name is new.
    ['another system id', { ...request, systemId: 'nms-south' }],
  ])('refuses a signature over %s', (_label, tampered) => {
    expect(verifySignature(tampered, signRequest(request, secret), secret, 1790000010)).toMatchObject({ valid: false, reason: 'signature does not match' });
  });

  it('refuses another secret, an old or future timestamp and malformed headers', () => {
    expect(verifySignature(request, signRequest(request, 'another-secret'), secret, 1790000010).valid).toBe(false);
    expect(verifySignature(request, signRequest(request, secret), secret, 1790000000 + 301)).toMatchObject({ valid: false, reason: 'request is too old or from the future' });
    expect(verifySignature(request, signRequest(request, secret), secret, 1790000000 - 301).valid).toBe(false);
    expect(verifySignature({ ...request, timestamp: 'yesterday' }, 'x', secret, 1790000000).valid).toBe(false);
    expect(verifySignature({ ...request, nonce: 'short' }, signRequest({ ...request, nonce: 'short' }, secret), secret, 1790000000).valid).toBe(false);
    expect(verifySignature(request, 'zz', secret, 1790000000)).toMatchObject({ valid: false, reason: 'signature header must be 64 hex characters' });
  });
});
