import {
  addOffset,
  firstFreeAddress,
  highestFreeRange,
  hostRange,
  isIpAddress,
  isIpv4,
  networkOf,
  overlaps,
  parseNetwork,
  parseRange,
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
});
