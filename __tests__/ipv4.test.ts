import {
  addOffset,
  addressCount,
  compareIps,
  contains,
  firstFreeAddress,
  formatRange,
  highestFreeRange,
  hostRange,
  inRange,
  isIpAddress,
  isIpv4,
  isNetworkOrBroadcast,
  networkOf,
  offsetInNetwork,
  overlaps,
  parseNetwork,
  parseRange,
  rangeSize,
} from '../lib/ipv4';

describe('ipv4', () => {
  test.each(['192.168.10.1', '0.0.0.0', '255.255.255.255'])('defines %s as an IPv4 address', (text) => {
    // GIVEN a dotted quad

    // WHEN
    const ok = isIpv4(text);

    // THEN
    expect(ok).toBe(true);
  });

  test.each(['192.168.10', '192.168.10.256', '192.168.010.1', '192.168.10.1/24', ' 192.168.10.1'])(
    'fails when %p is read as an IPv4 address',
    (text) => {
      // GIVEN something that is not a plain dotted quad

      // WHEN
      const ok = isIpv4(text);

      // THEN
      expect(ok).toBe(false);
    },
  );

  test('defines IPv6 addresses as IP addresses but not names', () => {
    // GIVEN
    const candidates = ['2606:4700:4700::1111', '1.1.1.1', 'dns.home.arpa'];

    // WHEN
    const result = candidates.map(isIpAddress);

    // THEN
    expect(result).toEqual([true, true, false]);
  });

  test('defines a network with its broadcast and host range', () => {
    // GIVEN
    const net = parseNetwork('192.168.10.0/24')!;

    // WHEN
    const hosts = hostRange(net);

    // THEN
    expect(net).toEqual({ cidr: '192.168.10.0/24', network: '192.168.10.0', broadcast: '192.168.10.255', prefix: 24 });
    expect(hosts).toEqual({ first: '192.168.10.1', last: '192.168.10.254' });
    expect(hostRange(parseNetwork('192.168.10.4/31')!)).toBeUndefined();
  });

  test('fails when a CIDR has host bits set, and names the network address', () => {
    // GIVEN
    const text = '192.168.10.5/24';

    // WHEN
    const net = parseNetwork(text);

    // THEN
    expect(net).toBeUndefined();
    expect(networkOf(text)).toBe('192.168.10.0/24');
  });

  test('defines overlap of nested networks only', () => {
    // GIVEN
    const [a, b, c] = ['10.0.0.0/8', '10.244.0.0/16', '192.168.0.0/16'].map((t) => parseNetwork(t)!);

    // WHEN
    const result = [overlaps(a, b), overlaps(b, a), overlaps(a, c)];

    // THEN
    expect(result).toEqual([true, true, false]);
  });

  test('defines offsets in both directions and nothing outside the address space', () => {
    // GIVEN
    const ip = '192.168.10.255';

    // WHEN
    const next = addOffset(ip, 1);

    // THEN
    expect(next).toBe('192.168.11.0');
    expect(addOffset(ip, -255)).toBe('192.168.10.0');
    expect(addOffset('255.255.255.255', 1)).toBeUndefined();
    expect(addOffset('0.0.0.0', -1)).toBeUndefined();
  });

  test('fails when a range is reversed or not first-last', () => {
    // GIVEN
    const texts = ['192.168.10.220-192.168.10.200', '192.168.10.192/27', '192.168.10.1-192.168.10.2-192.168.10.3'];

    // WHEN
    const parsed = texts.map(parseRange);

    // THEN
    expect(parsed).toEqual([undefined, undefined, undefined]);
  });

  test('defines the first free address and the highest free run of a network', () => {
    // GIVEN a /28 whose .1, .2 and .14 are taken
    const net = parseNetwork('10.0.0.0/28')!;
    const taken = (ip: string) => ['10.0.0.1', '10.0.0.2', '10.0.0.14'].includes(ip);

    // WHEN
    const free = firstFreeAddress(net, taken);
    const run = highestFreeRange(net, 4, taken);

    // THEN
    expect(free).toBe('10.0.0.3');
    expect(run).toEqual({ first: '10.0.0.10', last: '10.0.0.13' });
    expect(highestFreeRange(net, 12, taken)).toBeUndefined();
  });

  test('fails when something that is not a string is read as an address', () => {
    // GIVEN a number where a definition expects an address text
    const value = 42 as unknown as string;

    // WHEN
    const result = [isIpv4(value), isIpAddress(value), parseRange(value), networkOf(value)];

    // THEN
    expect(result).toEqual([false, false, undefined, undefined]);
  });

  test('fails when an IPv6 network is read as an IP address', () => {
    // GIVEN a DNS server written with a prefix
    const text = '2001:db8::/32';

    // WHEN
    const ok = isIpAddress(text);

    // THEN
    expect(ok).toBe(false);
  });

  test('defines a network whose octets and prefix have several digits', () => {
    // GIVEN
    const text = '172.16.254.128/25';

    // WHEN
    const net = parseNetwork(text);

    // THEN
    expect(net).toEqual({ cidr: text, network: '172.16.254.128', broadcast: '172.16.254.255', prefix: 25 });
  });

  test.each(['10.0.0.0', '10.0.0', '10.0.0.0/33', 'ten/8'])('fails when %p is parsed as a network', (text) => {
    // GIVEN a text without a prefix, or no network at all

    // WHEN
    const net = parseNetwork(text);

    // THEN
    expect(net).toBeUndefined();
  });

  test.each(['192.168.10.5', '192.168.10.0/33'])('fails when %p is asked for its network address', (text) => {
    // GIVEN an address without a prefix, or an invalid prefix

    // WHEN
    const network = networkOf(text);

    // THEN
    expect(network).toBeUndefined();
  });

  test('defines membership of a network, with its network and broadcast addresses', () => {
    // GIVEN
    const net = parseNetwork('192.168.10.0/24')!;
    const candidates = ['192.168.10.0', '192.168.10.77', '192.168.10.255', '192.168.11.0', '192.168.9.255', '192.168.10.7/32'];

    // WHEN
    const result = candidates.map((ip) => contains(net, ip));

    // THEN
    expect(result).toEqual([true, true, true, false, false, false]);
  });

  test('defines the position of an address in its network', () => {
    // GIVEN
    const net = parseNetwork('10.0.4.0/22')!;

    // WHEN
    const offsets = ['10.0.4.0', '10.0.5.3', '10.0.7.255', '10.0.8.0'].map((ip) => offsetInNetwork(net, ip));

    // THEN
    expect(offsets).toEqual([0, 259, 1023, undefined]);
  });

  test('defines the numeric order of addresses, not the text order', () => {
    // GIVEN
    const pairs: [string, string][] = [
      ['10.0.0.9', '10.0.0.10'],
      ['10.0.0.10', '10.0.0.9'],
      ['10.0.0.10', '10.0.0.10'],
    ];

    // WHEN
    const result = pairs.map(([a, b]) => compareIps(a, b));

    // THEN
    expect(result).toEqual([-1, 1, 0]);
  });

  test('defines the last and first addresses of the address space as reachable offsets', () => {
    // GIVEN the addresses next to the ends of the address space

    // WHEN
    const result = [addOffset('255.255.255.254', 1), addOffset('0.0.0.1', -1), addOffset('10.0.0.7', 0)];

    // THEN
    expect(result).toEqual(['255.255.255.255', '0.0.0.0', '10.0.0.7']);
  });

  test('defines a range written with spaces, and a range of one address', () => {
    // GIVEN
    const texts = ['192.168.10.200 - 192.168.10.220', '192.168.10.200-192.168.10.200'];

    // WHEN
    const parsed = texts.map(parseRange);

    // THEN
    expect(parsed).toEqual([
      { first: '192.168.10.200', last: '192.168.10.220' },
      { first: '192.168.10.200', last: '192.168.10.200' },
    ]);
  });

  test.each(['192.168.10.200', '192.168.10.200-', '-192.168.10.200', '192.168.10.200-192.168.10.x'])('fails when %p is parsed as a range', (text) => {
    // GIVEN a text that lacks an address on one side

    // WHEN
    const range = parseRange(text);

    // THEN
    expect(range).toBeUndefined();
  });

  test('defines membership of an inclusive range, its size and its text', () => {
    // GIVEN
    const range = { first: '192.168.10.200', last: '192.168.10.220' };
    const candidates = ['192.168.10.199', '192.168.10.200', '192.168.10.210', '192.168.10.220', '192.168.10.221', 'nope'];

    // WHEN
    const result = candidates.map((ip) => inRange(range, ip));

    // THEN
    expect(result).toEqual([false, true, true, true, false, false]);
    expect(rangeSize(range)).toBe(21);
    expect(formatRange(range)).toBe('192.168.10.200-192.168.10.220');
  });

  test('defines the network and broadcast addresses as not for hosts, and counts every address', () => {
    // GIVEN
    const net = parseNetwork('192.168.10.0/24')!;

    // WHEN
    const result = ['192.168.10.0', '192.168.10.1', '192.168.10.254', '192.168.10.255'].map((ip) => isNetworkOrBroadcast(net, ip));

    // THEN
    expect(result).toEqual([true, false, false, true]);
    expect(addressCount(net)).toBe(256);
    expect(addressCount(parseNetwork('192.168.10.4/32')!)).toBe(1);
  });

  test('defines the two hosts of a /30 and none of a /32', () => {
    // GIVEN
    const [p30, p32] = ['10.0.0.4/30', '10.0.0.4/32'].map((t) => parseNetwork(t)!);

    // WHEN
    const hosts = [hostRange(p30), hostRange(p32)];

    // THEN
    expect(hosts).toEqual([{ first: '10.0.0.5', last: '10.0.0.6' }, undefined]);
  });

  test('defines the last host as free when it alone is, and nothing free when every host is taken', () => {
    // GIVEN a /29 whose hosts .1 to .5 are taken
    const net = parseNetwork('10.0.0.0/29')!;
    const taken = (ip: string) => ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'].includes(ip);

    // WHEN
    const free = firstFreeAddress(net, taken);

    // THEN
    expect(free).toBe('10.0.0.6');
    expect(firstFreeAddress(net, () => true)).toBeUndefined();
    expect(firstFreeAddress(parseNetwork('10.0.0.0/31')!, () => false)).toBeUndefined();
  });

  test('defines the highest free run down to the first host, and runs of one', () => {
    // GIVEN a /29 whose .4 is taken (hosts .1 to .6)
    const net = parseNetwork('10.0.0.0/29')!;
    const taken = (ip: string) => ip === '10.0.0.4';

    // WHEN
    const runs = [1, 2, 3, 4].map((size) => highestFreeRange(net, size, taken));

    // THEN
    expect(runs).toEqual([
      { first: '10.0.0.6', last: '10.0.0.6' },
      { first: '10.0.0.5', last: '10.0.0.6' },
      { first: '10.0.0.1', last: '10.0.0.3' },
      undefined,
    ]);
    expect(highestFreeRange(net, 0, taken)).toBeUndefined();
    expect(highestFreeRange(parseNetwork('10.0.0.0/31')!, 1, () => false)).toBeUndefined();
  });
});
