/**
 * Where KAMflow may send a listener's deliveries. On AWS a callback must reach a public address: a callback naming a
 * loopback, private, link-local or otherwise reserved address would let a subscriber make KAMflow's functions call
 * things only they can reach (the Lambda runtime API on 127.0.0.1, services inside a VPC). The hub checks the name
 * when a subscription is made and every address it resolves to before each delivery (a name may be re-pointed).
 * The local runtime allows them: its listeners run on the same machine.
 */
import { isIP } from 'node:net';

type Range = readonly [network: bigint, prefixLength: number];

const ipv4Reserved: readonly Range[] = [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, instance metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
].map(([address, prefix]) => [ipv4ToBigInt(address as string), prefix as number] as const);

const ipv6Reserved: readonly Range[] = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 of IPv4 addresses
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
].map(([address, prefix]) => [ipv6ToBigInt(address as string), prefix as number] as const);

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(address: string): bigint {
  let text = address.toLowerCase();
  // an embedded IPv4 tail (::ffff:10.0.0.1) becomes two groups
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const value = ipv4ToBigInt(v4[1]);
    text = `${text.slice(0, -v4[1].length)}${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group || '0', 16)), 0n);
}

function inRange(value: bigint, bits: number, [network, prefixLength]: Range): boolean {
  const shift = BigInt(bits - prefixLength);
  return value >> shift === network >> shift;
}

/** True for an IP address a public callback must not use; false for a public address or something that is not an IP. */
export function isReservedAddress(address: string): boolean {
  const unbracketed = address.replace(/^\[(.*)\]$/, '$1');
  const version = isIP(unbracketed);
  if (version === 4) return ipv4Reserved.some((range) => inRange(ipv4ToBigInt(unbracketed), 32, range));
  if (version !== 6) return false;
  const value = ipv6ToBigInt(unbracketed);
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses are their IPv4 address
  if (value >> 32n === 0xffffn || value >> 32n === 0n) {
    const v4 = value & 0xffffffffn;
    if (value >> 32n === 0xffffn || v4 > 1n) return ipv4Reserved.some((range) => inRange(v4, 32, range));
  }
  return ipv6Reserved.some((range) => inRange(value, 128, range));
}

/** Why a callback host may not be used on AWS, or undefined when it may (a public IP or a name to resolve later). */
export function refusedCallbackHost(hostname: string): string | undefined {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return 'must not name this machine (localhost)';
  if (isReservedAddress(name)) return 'must be a public address, not a loopback, private, link-local or reserved one';
  return undefined;
}
