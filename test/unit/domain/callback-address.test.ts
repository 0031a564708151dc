import { describe, expect, it } from 'vitest';
import { isReservedAddress, refusedCallbackHost } from '../../../functions/domain/callback-address.ts';

describe('callback addresses on AWS', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255',
    '::1', '::', 'fe80::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '[::1]', '64:ff9b::a00:1',
  ])('refuse the reserved address %s', (address) => {
    expect(isReservedAddress(address)).toBe(true);
    expect(refusedCallbackHost(address)).toBeDefined();
  });

  it.each(['8.8.8.8', '172.32.0.1', '172.15.255.255', '192.169.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '[2001:4860:4860::8888]'])('allow the public address %s', (address) => {
    expect(isReservedAddress(address)).toBe(false);
    expect(refusedCallbackHost(address)).toBeUndefined();
  });

  it('refuse this machine by name, and leave other names to be resolved before each delivery', () => {
    expect(refusedCallbackHost('localhost')).toContain('localhost');
    expect(refusedCallbackHost('api.LOCALHOST.')).toContain('localhost');
    expect(refusedCallbackHost('hooks.example.com')).toBeUndefined();
    expect(isReservedAddress('hooks.example.com')).toBe(false);
  });
});
