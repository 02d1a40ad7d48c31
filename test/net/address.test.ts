import { formatAddress, IpAddress, maxValue, NetParseError } from '../../src/net';

function err(text: string): string {
  try {
    IpAddress.parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(NetParseError);
    return (e as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('IpAddress.parse IPv4', () => {
  test.each([
    ['0.0.0.0', 0n],
    ['255.255.255.255', 2n ** 32n - 1n],
    ['10.0.0.1', 0x0a000001n],
    ['192.0.2.10', 0xc000020an],
  ])('%s', (text, value) => {
    const ip = IpAddress.parse(text);
    expect(ip.family).toBe(4);
    expect(ip.value).toBe(value);
    expect(ip.toString()).toBe(text);
  });

  test('octet out of range has the exact message', () => {
    expect(err('10.0.0.300')).toBe('"10.0.0.300" is not a valid IPv4 address: octet 4 is 300, expected 0-255');
    expect(err('1.2.3.99999')).toBe('"1.2.3.99999" is not a valid IPv4 address: octet 4 is 99999, expected 0-255');
  });

  test('leading zeros are rejected', () => {
    expect(err('010.0.0.1')).toBe('"010.0.0.1" is not a valid IPv4 address: octet 1 is "010", expected 0-255 without leading zeros');
    expect(err('1.2.3.00')).toMatch(/octet 4 is "00"/);
  });

  test.each([
    ['1.2.3', /has 3 dot-separated parts, expected 4/],
    ['1.2.3.4.5', /has 5 dot-separated parts/],
    ['1..3.4', /octet 2 is empty/],
    ['1.2.3.', /octet 4 is empty/],
    ['1.2.x.4', /octet 3 is "x", expected a decimal number/],
    ['1.2.+3.4', /octet 3 is "\+3"/],
    ['1.2.3.4/24', /octet 4 is "4\/24"/],
  ])('rejects %s', (text, msg) => {
    expect(err(text)).toMatch(msg);
  });
});

describe('IpAddress.parse IPv6', () => {
  test.each([
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    // a single zero group is not compressed
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:db8::1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    // longest run wins
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    // leftmost on tie
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:0:0:1:1:1:0:0', '1::1:1:1:0:0'],
    ['0:0:1:1:1:1:0:0', '::1:1:1:1:0:0'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
    ['fe80::0001:00a0', 'fe80::1:a0'],
    // embedded IPv4
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['0:0:0:0:0:FFFF:0102:0304', '::ffff:1.2.3.4'],
    ['::1.2.3.4', '::102:304'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
  ])('%s -> %s', (text, canonical) => {
    const ip = IpAddress.parse(text);
    expect(ip.family).toBe(6);
    expect(ip.toString()).toBe(canonical);
    expect(IpAddress.parse(canonical).equals(ip)).toBe(true);
  });

  test.each([
    ['fe80::1%eth0', /zone ids .* are not supported/],
    ['[::1]', /brackets are not allowed/],
    [' ::1', /contains whitespace/],
    ['::1\n', /contains whitespace/],
    ['::1\u00a0', /contains whitespace/],
    ['1::2::3', /"::" may appear at most once/],
    [':::', /empty group/],
    [':1::', /empty group before "::"/],
    ['1::2:', /empty group after "::"/],
    ['1:2:3:4:5:6:7', /has 7 groups, expected 8/],
    ['1:2:3:4:5:6:7:8:9', /has 9 groups, expected 8/],
    ['1:2:3:4::5:6:7:8', /has 8 groups plus "::", expected at most 7/],
    ['12345::', /group "12345" is not 1-4 hexadecimal digits/],
    ['g::', /group "g" is not 1-4 hexadecimal digits/],
    ['1.2.3.4::', /embedded IPv4 "1.2.3.4" is only allowed as the last part/],
    ['1:2:3:4:5:6:7:1.2.3.4', /has 9 groups/],
    ['::1.2.3.256', /"::1.2.3.256" is not a valid IPv6 address \(embedded IPv4\): octet 4 is 256/],
    ['::01.2.3.4', /leading zeros/],
  ])('rejects %j', (text, msg) => {
    expect(err(text)).toMatch(msg);
  });
});

describe('IpAddress misc', () => {
  test('generic errors', () => {
    expect(err('')).toBe('"" is not a valid IP address: it is empty; expected an IPv4 address like 192.0.2.1 or an IPv6 address like 2001:db8::1');
    expect(err('localhost')).toMatch(/^"localhost" is not a valid IP address: expected an IPv4 address/);
    expect(err('1')).toMatch(/not a valid IP address/);
  });

  test('tryParse', () => {
    expect(IpAddress.tryParse('10.0.0.1')?.value).toBe(0x0a000001n);
    expect(IpAddress.tryParse('10.0.0.256')).toBeUndefined();
    expect(IpAddress.tryParse('::g')).toBeUndefined();
  });

  test('fromBigInt validates range', () => {
    expect(IpAddress.fromBigInt(4, 0xffffffffn).toString()).toBe('255.255.255.255');
    expect(IpAddress.fromBigInt(6, maxValue(6)).toString()).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(() => IpAddress.fromBigInt(4, 2n ** 32n)).toThrow(NetParseError);
    expect(() => IpAddress.fromBigInt(6, -1n)).toThrow(/expected 0-/);
  });

  test('maxValue and formatAddress', () => {
    expect(maxValue(4)).toBe(4294967295n);
    expect(maxValue(6)).toBe(2n ** 128n - 1n);
    expect(formatAddress(4, 0x7f000001n)).toBe('127.0.0.1');
    expect(formatAddress(6, 1n)).toBe('::1');
    expect(formatAddress(6, 0x20010db8n * 2n ** 96n)).toBe('2001:db8::');
  });

  test('compare and equals: family first, then value', () => {
    const a = IpAddress.parse('255.255.255.255');
    const b = IpAddress.parse('::');
    const c = IpAddress.parse('::1');
    expect(a.compare(b)).toBeLessThan(0);
    expect(b.compare(a)).toBeGreaterThan(0);
    expect(b.compare(c)).toBeLessThan(0);
    expect(c.compare(IpAddress.parse('0::1'))).toBe(0);
    expect(c.equals(IpAddress.parse('0:0::0:1'))).toBe(true);
    // same numeric value, different family
    expect(IpAddress.parse('0.0.0.1').equals(c)).toBe(false);
  });

  test('NetParseError is an Error with a name', () => {
    const e = new NetParseError('x');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('NetParseError');
  });
});
