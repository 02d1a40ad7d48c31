import { Cidr, findOverlaps, Interval, IpAddress, IpRange, NetParseError, RangeSet } from '../../src/net';

function err(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(NetParseError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('IpRange', () => {
  test('single address and span', () => {
    const one = IpRange.parse('10.0.0.5');
    expect(one.start).toBe(one.end);
    expect(one.size).toBe(1n);
    expect(one.toString()).toBe('10.0.0.5');
    const span = IpRange.parse('2001:DB8::1-2001:db8::0:ff');
    expect(span.family).toBe(6);
    expect(span.size).toBe(255n);
    expect(span.toString()).toBe('2001:db8::1-2001:db8::ff');
    expect(IpRange.parse('10.0.0.1-10.0.0.1').toString()).toBe('10.0.0.1');
  });

  test('exact messages', () => {
    expect(err(() => IpRange.parse('10.0.0.9-10.0.0.1')))
      .toBe('"10.0.0.9-10.0.0.1" is not a valid IP range: start 10.0.0.9 is after end 10.0.0.1; write the lower address first');
    expect(err(() => IpRange.parse('10.0.0.1-::1')))
      .toBe('"10.0.0.1-::1" is not a valid IP range: start is IPv4 but end is IPv6; both ends must be the same family');
    expect(err(() => IpRange.parse('10.0.0.1-10.0.0.300')))
      .toBe('"10.0.0.1-10.0.0.300" is not a valid IP range: end: "10.0.0.300" is not a valid IPv4 address: octet 4 is 300, expected 0-255');
  });

  test.each([
    ['', /is empty/],
    ['10.0.0.1 - 10.0.0.2', /contains whitespace/],
    ['10.0.0.1-', /end: "" is not a valid IP address/],
    ['-10.0.0.1', /start: "" is not a valid IP address/],
    ['1-2-3', /more than one "-"/],
    ['10.0.0.0/24', /not a valid IPv4 address/],
  ])('rejects %j', (text, msg) => {
    expect(err(() => IpRange.parse(text))).toMatch(msg);
    expect(IpRange.tryParse(text)).toBeUndefined();
  });

  test('of and fromBigInt validate', () => {
    const a = IpAddress.parse('10.0.0.1');
    const b = IpAddress.parse('10.0.0.9');
    expect(IpRange.of(a, b).toString()).toBe('10.0.0.1-10.0.0.9');
    expect(err(() => IpRange.of(b, a))).toMatch(/start is after end/);
    expect(err(() => IpRange.of(a, IpAddress.parse('::1')))).toMatch(/same family/);
    expect(() => IpRange.fromBigInt(4, 0n, 2n ** 32n)).toThrow(NetParseError);
  });

  test('contains and overlaps', () => {
    const r = IpRange.parse('10.0.0.10-10.0.0.20');
    expect(r.contains(IpAddress.parse('10.0.0.10'))).toBe(true);
    expect(r.contains(IpAddress.parse('10.0.0.21'))).toBe(false);
    expect(r.contains(IpAddress.fromBigInt(6, r.start))).toBe(false);
    expect(r.overlaps(IpRange.parse('10.0.0.20-10.0.0.30'))).toBe(true);
    expect(r.overlaps(IpRange.parse('10.0.0.21-10.0.0.30'))).toBe(false);
    expect(r.overlaps(IpRange.fromBigInt(6, r.start, r.end))).toBe(false);
  });
});

describe('RangeSet', () => {
  test('sorts and merges overlapping and adjacent ranges', () => {
    const s = RangeSet.parse(4, ['10.0.0.20', '10.0.0.5-10.0.0.9', '10.0.0.1-10.0.0.4', '10.0.0.8-10.0.0.12', '10.0.0.14']);
    expect(s.toStrings()).toEqual(['10.0.0.1-10.0.0.12', '10.0.0.14', '10.0.0.20']);
    expect(s.size).toBe(14n);
    expect(s.isEmpty).toBe(false);
    expect(Object.isFrozen(s.ranges)).toBe(true);
  });

  test('the shared empty set of a family behaves as an empty set built from no ranges', () => {
    for (const family of [4, 6] as const) {
      const shared = RangeSet.empty(family);
      const built = RangeSet.of(family, []);
      expect(RangeSet.empty(family)).toBe(shared);
      expect([shared.family, shared.isEmpty, shared.size, shared.toStrings(), Object.isFrozen(shared.ranges)])
        .toEqual([built.family, built.isEmpty, built.size, built.toStrings(), true]);
      const some = RangeSet.parse(family, [family === 4 ? '10.0.0.1-10.0.0.9' : 'fd00::1-fd00::9']);
      expect(some.subtract(shared)).toBe(some);
      expect(shared.subtract(some).isEmpty).toBe(true);
      expect(some.intersects(shared) || shared.intersects(some)).toBe(false);
      expect(some.union(shared).toStrings()).toEqual(some.toStrings());
      expect(shared.contains(IpAddress.parse(family === 4 ? '10.0.0.1' : 'fd00::1'))).toBe(false);
    }
    expect(RangeSet.empty(4)).not.toBe(RangeSet.empty(6));
  });

  test('mixed families are rejected', () => {
    expect(err(() => RangeSet.parse(4, ['10.0.0.1', '::1'])))
      .toBe('"::1" is not a valid IPv4 range: it is IPv6, expected IPv4 only');
    expect(err(() => RangeSet.of(6, [IpRange.parse('10.0.0.1-10.0.0.2')])))
      .toBe('cannot add IPv4 range 10.0.0.1-10.0.0.2 to an IPv6 range set; all ranges must be IPv6');
    expect(err(() => RangeSet.of(4, []).union(RangeSet.of(6, [])))).toMatch(/cannot union an IPv4 range set with an IPv6/);
  });

  test('set operations', () => {
    const a = RangeSet.parse(4, ['10.0.0.0-10.0.0.99']);
    const b = RangeSet.parse(4, ['10.0.0.10-10.0.0.19', '10.0.0.50', '10.0.0.90-10.0.0.120']);
    expect(a.intersects(b)).toBe(true);
    expect(a.intersection(b).toStrings()).toEqual(['10.0.0.10-10.0.0.19', '10.0.0.50', '10.0.0.90-10.0.0.99']);
    expect(a.subtract(b).toStrings()).toEqual(['10.0.0.0-10.0.0.9', '10.0.0.20-10.0.0.49', '10.0.0.51-10.0.0.89']);
    expect(b.subtract(a).toStrings()).toEqual(['10.0.0.100-10.0.0.120']);
    expect(a.union(b).toStrings()).toEqual(['10.0.0.0-10.0.0.120']);
    expect(a.subtract(a).isEmpty).toBe(true);
    expect(a.intersects(RangeSet.parse(4, ['10.0.0.100']))).toBe(false);
  });

  test('cross-family operations', () => {
    const v4 = RangeSet.parse(4, ['0.0.0.1-0.0.0.9']);
    const v6 = RangeSet.parse(6, ['::1-::9']);
    expect(v4.intersects(v6)).toBe(false);
    expect(v4.intersection(v6).isEmpty).toBe(true);
    expect(v4.intersection(v6).family).toBe(4);
    expect(v4.subtract(v6).toStrings()).toEqual(v4.toStrings());
    expect(v4.contains(IpAddress.parse('::1'))).toBe(false);
  });

  test('within', () => {
    const s = RangeSet.parse(4, ['10.0.0.10-10.0.0.20', '10.0.0.200']);
    expect(s.within(Cidr.parse('10.0.0.0/24'))).toBe(true);
    expect(s.within(Cidr.parse('10.0.0.0/25'))).toBe(false);
    expect(s.within(Cidr.parse('::/0'))).toBe(false);
    expect(RangeSet.of(4, []).within(Cidr.parse('10.0.0.0/32'))).toBe(true);
  });

  test('huge IPv6 ranges are never enumerated', () => {
    const cidr = Cidr.parse('2001:db8:1::/48');
    const hosts = RangeSet.of(6, [cidr.hostRange()]);
    const reserved = RangeSet.parse(6, ['2001:db8:1::1-2001:db8:1::ff', '2001:db8:1:ffff::-2001:db8:1:ffff:ffff:ffff:ffff:ffff']);
    const free = hosts.subtract(reserved);
    expect(hosts.size).toBe(2n ** 80n - 1n);
    expect(free.size).toBe(2n ** 80n - 1n - 255n - 2n ** 64n);
    expect(free.toStrings()).toEqual(['2001:db8:1::100-2001:db8:1:fffe:ffff:ffff:ffff:ffff']);
    expect(free.within(cidr)).toBe(true);
    expect(free.union(reserved).size).toBe(hosts.size);
    expect(free.intersection(reserved).isEmpty).toBe(true);
    expect(free.contains(IpAddress.parse('2001:db8:1:8000::'))).toBe(true);
    expect(free.contains(IpAddress.parse('2001:db8:1::ff'))).toBe(false);
    const all = RangeSet.of(6, [Cidr.parse('::/0').hostRange(), IpRange.parse('::')]);
    expect(all.size).toBe(2n ** 128n);
  });
});

describe('findOverlaps', () => {
  const iv = (key: string, text: string): Interval<string> => {
    const r = IpRange.parse(text);
    return { family: r.family, start: r.start, end: r.end, key };
  };

  test('reports each overlapping item with the furthest-reaching earlier item', () => {
    const items = [
      iv('c', '10.0.0.50-10.0.0.60'),
      iv('a', '10.0.0.1-10.0.0.100'),
      iv('b', '10.0.0.5-10.0.0.10'),
      iv('d', '10.0.0.101'),
      iv('e', '10.0.0.100-10.0.0.200'),
      iv('f', '::a00:1-::a00:ff'),
    ];
    // sorted: a(.1) b(.5) c(.50) e(.100) d(.101); e extends the reach, so d pairs with e
    expect(findOverlaps(items)).toEqual([['a', 'b'], ['a', 'c'], ['a', 'e'], ['e', 'd']]);
  });

  test('no overlaps and empty input', () => {
    expect(findOverlaps([])).toEqual([]);
    expect(findOverlaps([iv('a', '10.0.0.1'), iv('b', '10.0.0.2')])).toEqual([]);
  });

  test('equal starts keep input order', () => {
    expect(findOverlaps([iv('x', '10.0.0.1-10.0.0.5'), iv('y', '10.0.0.1-10.0.0.9')])).toEqual([['x', 'y']]);
    expect(findOverlaps([iv('y', '10.0.0.1-10.0.0.9'), iv('x', '10.0.0.1-10.0.0.5')])).toEqual([['y', 'x']]);
  });

  test('rejects malformed intervals', () => {
    expect(() => findOverlaps([{ family: 4, start: 5n, end: 1n, key: 'bad' }])).toThrow(/invalid interval for bad/);
  });
});
