/** IPv4 helpers over the `ip-address` library: parsing, membership, ranges, overlap. No bit math here. */
import { Address4, Address6 } from 'ip-address';

/** A parsed IPv4 network. */
export interface Ipv4Network {
  readonly cidr: string;
  readonly network: string;
  readonly broadcast: string;
  readonly prefix: number;
}

/** True when `text` is a plain dotted-quad IPv4 address (no prefix). */
export function isIpv4(text: string): boolean {
  return typeof text === 'string' && !text.includes('/') && Address4.isValid(text) && new Address4(text).correctForm() === text;
}

/** Parses `a.b.c.d/n` whose address is the network address; undefined when malformed or host bits set. */
export function parseNetwork(text: string): Ipv4Network | undefined {
  if (typeof text !== 'string' || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(text) || !Address4.isValid(text)) return undefined;
  const a = new Address4(text);
  const start = a.startAddress().correctForm();
  if (start !== text.split('/')[0]) return undefined;
  return { cidr: text, network: start, broadcast: a.endAddress().correctForm(), prefix: a.subnetMask };
}

/** The network address a CIDR with host bits set should have been written with (for fix hints). */
export function networkOf(text: string): string | undefined {
  if (typeof text !== 'string' || !Address4.isValid(text) || !text.includes('/')) return undefined;
  const a = new Address4(text);
  return `${a.startAddress().correctForm()}/${a.subnetMask}`;
}

/** True when address `ip` lies inside `net`. */
export function contains(net: Ipv4Network, ip: string): boolean {
  return isIpv4(ip) && new Address4(ip).isInSubnet(new Address4(net.cidr));
}

/** True when two networks share any address. */
export function overlaps(a: Ipv4Network, b: Ipv4Network): boolean {
  const na = new Address4(a.cidr);
  const nb = new Address4(b.cidr);
  return na.isInSubnet(nb) || nb.isInSubnet(na);
}

/** The address `n` after `ip` (n may be 0 or negative); undefined past 255.255.255.255 or below 0.0.0.0. */
export function addOffset(ip: string, n: number): string | undefined {
  const value = new Address4(ip).bigInt() + BigInt(n);
  return value > 0xffffffffn || value < 0n ? undefined : Address4.fromBigInt(value).correctForm();
}

/** Position of `ip` inside `net` (0 = the network address); undefined when outside. */
export function offsetInNetwork(net: Ipv4Network, ip: string): number | undefined {
  if (!contains(net, ip)) return undefined;
  return Number(new Address4(ip).bigInt() - new Address4(net.network).bigInt());
}

/** Numeric order of two addresses. */
export function compareIps(a: string, b: string): number {
  const d = new Address4(a).bigInt() - new Address4(b).bigInt();
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** An inclusive address range `first-last`. */
export interface Ipv4Range {
  readonly first: string;
  readonly last: string;
}

/** Parses `first-last`; undefined when malformed or reversed. */
export function parseRange(text: string): Ipv4Range | undefined {
  if (typeof text !== 'string') return undefined;
  const [first, last, extra] = text.split('-').map((s) => s.trim());
  if (extra !== undefined || !isIpv4(first) || !isIpv4(last) || compareIps(first, last) > 0) return undefined;
  return { first, last };
}

/** True when `ip` is inside the inclusive range. */
export function inRange(range: Ipv4Range, ip: string): boolean {
  return isIpv4(ip) && compareIps(range.first, ip) <= 0 && compareIps(ip, range.last) <= 0;
}

/** Number of addresses in the range. */
export function rangeSize(range: Ipv4Range): number {
  return Number(new Address4(range.last).bigInt() - new Address4(range.first).bigInt()) + 1;
}

/** True when `text` is a plain IPv4 address or an IPv6 address (DNS servers may be either). */
export function isIpAddress(text: string): boolean {
  return isIpv4(text) || (typeof text === 'string' && !text.includes('/') && Address6.isValid(text));
}

/** True when `ip` is the network or the broadcast address of `net` (neither can be given to a host). */
export function isNetworkOrBroadcast(net: Ipv4Network, ip: string): boolean {
  return ip === net.network || ip === net.broadcast;
}

/** Number of addresses in `net`, network and broadcast included. */
export function addressCount(net: Ipv4Network): number {
  return rangeSize({ first: net.network, last: net.broadcast });
}

/**
 * The addresses hosts may use in `net` (network and broadcast excluded); undefined for a /31 or /32, which leave
 * no room for a gateway, a VIP and nodes.
 */
export function hostRange(net: Ipv4Network): Ipv4Range | undefined {
  if (net.prefix > 30) return undefined;
  return { first: addOffset(net.network, 1)!, last: addOffset(net.broadcast, -1)! };
}

/** `first-last` text of a range. */
export function formatRange(range: Ipv4Range): string {
  return `${range.first}-${range.last}`;
}

/** The lowest host address of `net` for which `taken` is false; undefined when every address is taken. */
export function firstFreeAddress(net: Ipv4Network, taken: (ip: string) => boolean): string | undefined {
  const hosts = hostRange(net);
  if (!hosts) return undefined;
  for (let ip: string | undefined = hosts.first; ip && compareIps(ip, hosts.last) <= 0; ip = addOffset(ip, 1)) {
    if (!taken(ip)) return ip;
  }
  return undefined;
}

/**
 * The highest run of `size` consecutive free host addresses of `net` (for suggesting a load-balancer range);
 * undefined when there is none.
 */
export function highestFreeRange(net: Ipv4Network, size: number, taken: (ip: string) => boolean): Ipv4Range | undefined {
  const hosts = hostRange(net);
  if (!hosts || size < 1) return undefined;
  let last: string | undefined;
  let run = 0;
  for (let ip: string | undefined = hosts.last; ip && compareIps(ip, hosts.first) >= 0; ip = addOffset(ip, -1)) {
    if (taken(ip)) {
      run = 0;
      last = undefined;
      continue;
    }
    last ??= ip;
    run += 1;
    if (run === size) return { first: ip, last };
  }
  return undefined;
}
