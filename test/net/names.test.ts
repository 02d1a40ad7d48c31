import {
  byteLength,
  checkDns1123Label,
  checkDns1123Subdomain,
  checkInterfaceName,
  checkMacAddress,
  checkUnicastMacPrefix,
} from '../../src/net';

describe('byteLength', () => {
  test.each([
    ['', 0],
    ['eth0', 4],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['\ud800', 3],
  ])('%j is %d bytes', (s, n) => {
    expect(byteLength(s)).toBe(n);
    expect(byteLength(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
});

describe('checkInterfaceName', () => {
  test.each(['eth0', 'bond0.100', 'a', 'x'.repeat(15), 'é'.repeat(7) + 'a', '😀😀😀x', 'ens1f0-macvlan', '...', 'net_é'])('accepts %j', (name) => {
    expect(checkInterfaceName(name)).toBeUndefined();
  });

  test('length is measured in bytes', () => {
    expect(checkInterfaceName('x'.repeat(16))).toBe('is 16 bytes long; Linux interface names are at most 15 bytes');
    expect(checkInterfaceName('x'.repeat(17))).toBe('is 17 bytes long; Linux interface names are at most 15 bytes');
    // 8 characters but 16 bytes
    expect(checkInterfaceName('é'.repeat(8))).toBe('is 16 bytes long; Linux interface names are at most 15 bytes');
    // 4 characters but 16 bytes
    expect(checkInterfaceName('😀'.repeat(4))).toBe('is 16 bytes long; Linux interface names are at most 15 bytes');
    expect(checkInterfaceName('abcdefghijklmn€')).toBe('is 17 bytes long; Linux interface names are at most 15 bytes');
  });

  test.each([
    ['', 'is empty; Linux interface names must be 1-15 bytes long'],
    ['.', 'is ".", which Linux does not allow as an interface name'],
    ['..', 'is "..", which Linux does not allow as an interface name'],
    ['eth/0', 'contains "/", which Linux does not allow in interface names'],
    ['eth0:1', 'contains ":", which Linux does not allow in interface names (it marks legacy aliases)'],
    ['eth 0', 'contains whitespace, which Linux does not allow in interface names'],
    ['eth\t0', 'contains whitespace, which Linux does not allow in interface names'],
    ['eth\u00a00', 'contains whitespace, which Linux does not allow in interface names'],
    ['eth\u20280', 'contains whitespace, which Linux does not allow in interface names'],
    ['eth\u30000', 'contains whitespace, which Linux does not allow in interface names'],
    ['eth\u00000', 'contains a NUL character, which Linux does not allow in interface names'],
  ])('rejects %j', (name, msg) => {
    expect(checkInterfaceName(name)).toBe(msg);
  });
});

describe('checkDns1123Label', () => {
  test.each(['a', '0', 'macvlan-conf', 'a1-b2', 'x'.repeat(63), '1abc'])('accepts %j', (name) => {
    expect(checkDns1123Label(name)).toBeUndefined();
  });

  test.each([
    ['', 'is empty; a DNS-1123 label must be 1-63 characters'],
    ['x'.repeat(64), 'is 64 characters long; a DNS-1123 label is at most 63 characters'],
    ['Macvlan', 'contains "M" at position 1 (upper-case letters are not allowed); a DNS-1123 label may only contain lower-case letters a-z, digits 0-9 and "-"'],
    ['a_b', 'contains "_" at position 2; a DNS-1123 label may only contain lower-case letters a-z, digits 0-9 and "-"'],
    ['a.b', 'contains "." at position 2; a DNS-1123 label may only contain lower-case letters a-z, digits 0-9 and "-"'],
    ['-ab', 'starts with "-"; a DNS-1123 label must start and end with a lower-case letter or digit'],
    ['ab-', 'ends with "-"; a DNS-1123 label must start and end with a lower-case letter or digit'],
    ['ńet', 'contains "ń" at position 1; a DNS-1123 label may only contain lower-case letters a-z, digits 0-9 and "-"'],
  ])('rejects %j', (name, msg) => {
    expect(checkDns1123Label(name)).toBe(msg);
  });
});

describe('checkDns1123Subdomain', () => {
  const label63 = 'x'.repeat(63);
  // Kubernetes limits only the total length (IsDNS1123Subdomain): a 64+ character part is fine.
  test.each(['a', 'kube-system', 'a.b.c', 'net.example.com', [label63, label63, label63, 'x'.repeat(61)].join('.'), `a.${'x'.repeat(64)}`, 'x'.repeat(253)])('accepts %j', (name) => {
    expect(checkDns1123Subdomain(name)).toBeUndefined();
  });

  test.each([
    ['', 'is empty; a DNS-1123 subdomain must be 1-253 characters'],
    [[label63, label63, label63, 'x'.repeat(62)].join('.'), 'is 254 characters long; a DNS-1123 subdomain is at most 253 characters'],
    ['a..b', 'has part 2 "" which is empty; each dot-separated part must have 1 or more characters'],
    ['.a', 'has part 1 "" which is empty; each dot-separated part must have 1 or more characters'],
    ['a.', 'has part 2 "" which is empty; each dot-separated part must have 1 or more characters'],
    ['a.B', 'has part 2 "B" which contains "B" at position 1 (upper-case letters are not allowed); each dot-separated part may only contain lower-case letters a-z, digits 0-9 and "-"'],
    ['a.-b', 'has part 2 "-b" which starts with "-"; each dot-separated part must start and end with a lower-case letter or digit'],
  ])('rejects %j', (name, msg) => {
    expect(checkDns1123Subdomain(name)).toBe(msg);
  });
});

describe('checkMacAddress', () => {
  test.each(['02:42:ac:11:00:02', '02:42:AC:11:00:02', 'ff:ff:ff:ff:ff:ff'])('accepts %j', (mac) => {
    expect(checkMacAddress(mac)).toBeUndefined();
  });

  const expected = 'expected six two-digit hex octets separated by ":", e.g. 02:42:ac:11:00:02';
  test.each([
    ['', `has 1 ":"-separated parts; ${expected}`],
    ['02:42:ac:11:00', `has 5 ":"-separated parts; ${expected}`],
    ['02:42:ac:11:00:02:03', `has 7 ":"-separated parts; ${expected}`],
    ['02-42-ac-11-00-02', `has 1 ":"-separated parts; ${expected}`],
    ['02:42:ac:11:0:02', `has octet 5 "0" which is not two hex digits; ${expected}`],
    ['02:42:ag:11:00:02', `has octet 3 "ag" which is not two hex digits; ${expected}`],
    ['02:42:ac:11:00:02 ', `has octet 6 "02 " which is not two hex digits; ${expected}`],
  ])('rejects %j', (mac, msg) => {
    expect(checkMacAddress(mac)).toBe(msg);
  });
});

describe('checkUnicastMacPrefix (Spiderpool coordinator podMACPrefix: exactly two octets)', () => {
  test.each(['0a:1b', '0A:1B', '00:00', 'fe:ff'])('accepts %j', (p) => {
    expect(checkUnicastMacPrefix(p)).toBeUndefined();
  });

  const expected = 'expected two two-digit hex octets separated by ":", e.g. 0a:1b';
  test.each([
    ['', `has 1 ":"-separated part; ${expected}`],
    ['02', `has 1 ":"-separated part; ${expected}`],
    ['0a:', `has octet 2 "" which is empty; ${expected}`],
    ['0a:1b:2c', `has 3 ":"-separated parts; ${expected}`],
    ['a:1b', `has octet 1 "a" which is not two hex digits; ${expected}`],
    ['0g:00', `has octet 1 "0g" which is not two hex digits; ${expected}`],
    ['01:00', 'has first octet "01" with the multicast (group) bit set; the first octet of a unicast prefix must be even, e.g. 02 or 0a'],
    ['FF:00', 'has first octet "FF" with the multicast (group) bit set; the first octet of a unicast prefix must be even, e.g. 02 or 0a'],
  ])('rejects %j', (p, msg) => {
    expect(checkUnicastMacPrefix(p)).toBe(msg);
  });
});
