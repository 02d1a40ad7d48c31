import { Cidr, IpAddress, IpRange, NetParseError } from '../../src/net';

function err(text: string): string {
  try {
    Cidr.parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(NetParseError);
    return (e as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('Cidr.parse', () => {
  test('canonical IPv4', () => {
    const c = Cidr.parse('192.0.2.0/24');
    expect(c.family).toBe(4);
    expect(c.prefix).toBe(24);
    expect(c.isCanonical).toBe(true);
    expect(c.first).toBe(0xc0000200n);
    expect(c.last).toBe(0xc00002ffn);
    expect(c.size).toBe(256n);
    expect(c.toString()).toBe('192.0.2.0/24');
  });

  test('non-canonical keeps the address as written', () => {
    const c = Cidr.parse('10.1.2.3/8');
    expect(c.isCanonical).toBe(false);
    expect(c.address.toString()).toBe('10.1.2.3');
    expect(c.toString()).toBe('10.0.0.0/8');
    expect(IpAddress.fromBigInt(4, c.last).toString()).toBe('10.255.255.255');
  });

  test('IPv6', () => {
    const c = Cidr.parse('2001:DB8::1/64');
    expect(c.family).toBe(6);
    expect(c.isCanonical).toBe(false);
    expect(c.toString()).toBe('2001:db8::/64');
    expect(c.size).toBe(2n ** 64n);
    expect(Cidr.parse('::/0').size).toBe(2n ** 128n);
    expect(Cidr.parse('::1/128').size).toBe(1n);
    expect(Cidr.parse('0.0.0.0/0').last).toBe(2n ** 32n - 1n);
  });

  test('exact messages', () => {
    expect(err('10.0.0.0')).toBe('"10.0.0.0" is not a valid CIDR: the "/prefix" is missing; expected "address/prefix" such as 192.0.2.0/24 or 2001:db8::/64');
    expect(err('10.0.0.0/33')).toBe('"10.0.0.0/33" is not a valid CIDR: prefix length 33 is too large, expected 0-32 for IPv4');
    expect(err('10.0.0.0/08')).toBe('"10.0.0.0/08" is not a valid CIDR: prefix length "08" has a leading zero, expected 0-32 for IPv4 without leading zeros');
    expect(err('10.0.0.256/24')).toBe('"10.0.0.256/24" is not a valid CIDR: "10.0.0.256" is not a valid IPv4 address: octet 4 is 256, expected 0-255');
  });

  test.each([
    ['::/129', /prefix length 129 is too large, expected 0-128 for IPv6/],
    ['::/00', /leading zero/],
    ['1.2.3.4/', /prefix length after "\/" is empty/],
    ['1.2.3.4/+8', /prefix length "\+8" is not a decimal number/],
    ['1.2.3.4/ 8', /is not a decimal number/],
    ['1.2.3.4/-1', /is not a decimal number/],
    ['1.2.3.4/99999999999999999999', /too large/],
    ['1.2.3.4/8/8', /more than one "\/"/],
    ['/8', /not a valid IP address: it is empty/],
    ['', /is empty/],
    ['fe80::/10%eth0', /not a decimal number/],
    ['fe80::%eth0/10', /zone ids/],
  ])('rejects %j', (text, msg) => {
    expect(err(text)).toMatch(msg);
    expect(Cidr.tryParse(text)).toBeUndefined();
  });

  test('prefix 0 is accepted', () => {
    expect(Cidr.tryParse('0.0.0.0/0')?.prefix).toBe(0);
    expect(Cidr.tryParse('1.2.3.4/0')?.toString()).toBe('0.0.0.0/0');
  });
});

describe('Cidr relations', () => {
  const c = Cidr.parse('10.0.0.0/24');

  test('contains', () => {
    expect(c.contains(IpAddress.parse('10.0.0.0'))).toBe(true);
    expect(c.contains(IpAddress.parse('10.0.0.255'))).toBe(true);
    expect(c.contains(IpAddress.parse('10.0.1.0'))).toBe(false);
    expect(c.contains(IpAddress.parse('::a00:1'))).toBe(false);
  });

  test('containsRange', () => {
    expect(c.containsRange(IpRange.parse('10.0.0.10-10.0.0.20'))).toBe(true);
    expect(c.containsRange(IpRange.parse('10.0.0.10-10.0.1.20'))).toBe(false);
    expect(c.containsRange(IpRange.parse('::a00:a-::a00:14'))).toBe(false);
  });

  test('overlaps', () => {
    expect(c.overlaps(Cidr.parse('10.0.0.128/25'))).toBe(true);
    expect(c.overlaps(Cidr.parse('10.0.0.0/8'))).toBe(true);
    expect(c.overlaps(Cidr.parse('10.0.1.0/24'))).toBe(false);
    expect(Cidr.parse('::/0').overlaps(Cidr.parse('0.0.0.0/0'))).toBe(false);
  });
});

describe('Cidr.hostRange', () => {
  test.each([
    ['10.0.0.0/24', '10.0.0.1-10.0.0.254'],
    ['10.0.0.0/30', '10.0.0.1-10.0.0.2'],
    ['10.0.0.0/31', '10.0.0.0-10.0.0.1'],
    ['10.0.0.7/32', '10.0.0.7'],
    ['2001:db8::/64', '2001:db8::1-2001:db8::ffff:ffff:ffff:ffff'],
    ['2001:db8::/126', '2001:db8::1-2001:db8::3'],
    ['2001:db8::/127', '2001:db8::-2001:db8::1'],
    ['2001:db8::5/128', '2001:db8::5'],
  ])('%s -> %s', (cidr, range) => {
    expect(Cidr.parse(cidr).hostRange().toString()).toBe(range);
  });
});
