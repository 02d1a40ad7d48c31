import { Chart } from 'cdk8s';
import { IpPool, IpPoolProps, MacvlanStandaloneNetwork } from '../../src';
import { libraryError } from '../support/errors';
import { findObject, synthObjects, testApp, validationErrors } from '../support/synth';

function poolErrors(props: IpPoolProps, more: IpPoolProps[] = []): string[] {
  const app = testApp();
  const chart = new Chart(app, 'c');
  new IpPool(chart, 'pool', { name: 'p0', ...props });
  more.forEach((p, i) => new IpPool(chart, `more${i}`, { name: `p${i + 1}`, ...p }));
  return validationErrors(app);
}

describe('IpPool output', () => {
  test('derives ips from the subnet and excludes the gateway', () => {
    const chart = new Chart(testApp(), 'c');
    new IpPool(chart, 'v4', { name: 'v4', subnet: '10.6.0.0/24', gateway: '10.6.0.1' });
    new IpPool(chart, 'v6', { name: 'v6', subnet: 'fd00:6::/64', gateway: 'fd00:6::1', excludeIps: ['fd00:6::2'] });
    const objects = synthObjects(chart);
    expect(findObject(objects, 'SpiderIPPool', 'v4').spec).toEqual({
      ipVersion: 4, subnet: '10.6.0.0/24', ips: ['10.6.0.1-10.6.0.254'], excludeIPs: ['10.6.0.1'], gateway: '10.6.0.1',
    });
    expect(findObject(objects, 'SpiderIPPool', 'v6').spec).toEqual({
      ipVersion: 6, subnet: 'fd00:6::/64', ips: ['fd00:6::1-fd00:6::ffff'], excludeIPs: ['fd00:6::2', 'fd00:6::1'], gateway: 'fd00:6::1',
    });
  });

  test('keeps user values as given, maps routes and affinities, and records multusName', () => {
    const chart = new Chart(testApp(), 'c');
    const pool = new IpPool(chart, 'p', {
      name: 'vlan100-v4',
      subnet: '172.16.100.0/24',
      ips: ['172.16.100.10-172.16.100.20', '172.16.100.30'],
      excludeIps: ['172.16.100.15'],
      gateway: '172.16.100.1',
      routes: [{ destination: '10.7.0.0/16', gateway: '172.16.100.254' }],
      nodeAffinity: { matchLabels: { 'node-role.kubernetes.io/worker': '' } },
      podAffinity: { matchLabels: { app: 'x' } },
      clusterDefault: true,
    });
    new MacvlanStandaloneNetwork(chart, 'n', { name: 'n100', master: 'bond0.100', pools: [pool] });
    const spec = findObject(synthObjects(chart), 'SpiderIPPool', 'vlan100-v4').spec;
    expect(spec).toEqual({
      ipVersion: 4,
      subnet: '172.16.100.0/24',
      ips: ['172.16.100.10-172.16.100.20', '172.16.100.30'],
      excludeIPs: ['172.16.100.15'],
      gateway: '172.16.100.1',
      routes: [{ dst: '10.7.0.0/16', gw: '172.16.100.254' }],
      multusName: ['kube-system/n100'],
      nodeAffinity: { matchLabels: { 'node-role.kubernetes.io/worker': '' } },
      podAffinity: { matchLabels: { app: 'x' } },
      default: true,
    });
    expect(pool.networks).toEqual(['kube-system/n100']);
    // what users read, without toJson()
    const read = { gateway: pool.gateway, ips: pool.ips, excludeIps: pool.excludeIps, routes: pool.routes, clusterDefault: pool.clusterDefault };
    expect({ ...read, subnet: pool.subnet, ipVersion: pool.ipVersion }).toEqual({
      gateway: '172.16.100.1',
      ips: ['172.16.100.10-172.16.100.20', '172.16.100.30'],
      excludeIps: ['172.16.100.15'],
      routes: [{ destination: '10.7.0.0/16', gateway: '172.16.100.254' }],
      clusterDefault: true,
      subnet: '172.16.100.0/24',
      ipVersion: 4,
    });
  });

  test('accessors of a pool with derived ips: the range and the excluded gateway as synthesized; defaults when unset', () => {
    const chart = new Chart(testApp(), 'c');
    const pool = new IpPool(chart, 'p', { name: 'p', subnet: '10.0.0.0/24', gateway: '10.0.0.1' });
    const spec = findObject(synthObjects(chart), 'SpiderIPPool', 'p').spec;
    expect(pool.ips).toEqual(spec.ips);
    expect(pool.excludeIps).toEqual(['10.0.0.1']);
    expect(pool.excludeIps).toEqual(spec.excludeIPs);
    const bare = new IpPool(chart, 'q', { name: 'q', subnet: 'fd00::/64' });
    expect({ gateway: bare.gateway, excludeIps: bare.excludeIps, routes: bare.routes, clusterDefault: bare.clusterDefault })
      .toEqual({ gateway: undefined, excludeIps: [], routes: [], clusterDefault: false });
  });

  test('a valid pool has no errors', () => {
    expect(poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.10-10.0.0.20'], gateway: '10.0.0.1' })).toEqual([]);
  });
});

describe('IpPool validation (each message names the construct, the value and the fix)', () => {
  test('MV001 non-canonical subnet', () => {
    const errors = poolErrors({ subnet: '10.6.0.1/16', ips: ['10.6.0.10'] });
    expect(errors).toEqual([expect.stringMatching(/^\[c\/pool\] MV001 error: SpiderIPPool "p0" spec\.subnet: "10\.6\.0\.1\/16" has host bits set.*Fix: write "10\.6\.0\.0\/16"/)]);
  });

  test('MV001 unparseable subnet', () => {
    expect(poolErrors({ subnet: '10.6.0.0' }).join('\n')).toMatch(/MV001 error: SpiderIPPool "p0" spec\.subnet: .*10\.6\.0\.0.*Fix: give the subnet in CIDR form/);
  });

  test('MV002 ips outside the subnet', () => {
    expect(poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.1.5-10.0.1.9'] }).join('\n'))
      .toMatch(/MV002 error: SpiderIPPool "p0" spec\.ips\[0\]: "10\.0\.1\.5-10\.0\.1\.9" is not inside subnet 10\.0\.0\.0\/24\. Fix: keep it within 10\.0\.0\.1-10\.0\.0\.254/);
  });

  test('MV002 malformed range and wrong family', () => {
    const errors = poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.9-10.0.0.5', 'fd00::1'] }).join('\n');
    expect(errors).toMatch(/MV002 error: SpiderIPPool "p0" spec\.ips\[0\]: .*10\.0\.0\.9-10\.0\.0\.5/);
    expect(errors).toMatch(/MV002 error: SpiderIPPool "p0" spec\.ips\[1\]: "fd00::1" is IPv6 but the pool is IPv4/);
  });

  test('MV003 excludeIPs outside the subnet', () => {
    expect(poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.5'], excludeIps: ['192.168.0.1'] }).join('\n'))
      .toMatch(/MV003 error: SpiderIPPool "p0" spec\.excludeIPs\[0\]: "192\.168\.0\.1" is not inside subnet 10\.0\.0\.0\/24/);
  });

  test('MV004 gateway outside the subnet', () => {
    expect(poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.5'], gateway: '10.0.1.1' }).join('\n'))
      .toMatch(/MV004 error: SpiderIPPool "p0" spec\.gateway: gateway 10\.0\.1\.1 is outside subnet 10\.0\.0\.0\/24\. Fix: use the router address/);
  });

  test('MV005 gateway allocatable but not excluded', () => {
    expect(poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.1-10.0.0.50'], gateway: '10.0.0.1' }).join('\n'))
      .toMatch(/MV005 error: SpiderIPPool "p0" spec\.gateway: gateway 10\.0\.0\.1 is inside ips and could be handed to a pod\. Fix: add "10\.0\.0\.1" to excludeIPs/);
    expect(poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.1-10.0.0.50'], excludeIps: ['10.0.0.1'], gateway: '10.0.0.1' })).toEqual([]);
  });

  test('MV006 default route (v4 and v6)', () => {
    expect(poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.5'], routes: [{ destination: '0.0.0.0/0', gateway: '10.0.0.1' }] }).join('\n'))
      .toMatch(/MV006 error: SpiderIPPool "p0" spec\.routes\[0\]\.dst: "0\.0\.0\.0\/0" is a default route\. Fix: remove it and set the pool's gateway/);
    expect(poolErrors({ subnet: 'fd00::/64', ips: ['fd00::5'], routes: [{ destination: '::/0', gateway: 'fd00::1' }] }).join('\n')).toMatch(/MV006/);
  });

  test('MV007 duplicate route destinations (compared canonically)', () => {
    expect(poolErrors({
      subnet: '10.0.0.0/24',
      ips: ['10.0.0.5'],
      routes: [{ destination: '10.7.0.0/16', gateway: '10.0.0.1' }, { destination: '10.7.0.0/16', gateway: '10.0.0.2' }],
    }).join('\n')).toMatch(/MV007 error: SpiderIPPool "p0" spec\.routes\[1\]\.dst: destination 10\.7\.0\.0\/16 is already routed by spec\.routes\[0\]/);
  });

  test('MV008 route gateway outside the subnet', () => {
    expect(poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.5'], routes: [{ destination: '10.7.0.0/16', gateway: '10.9.0.1' }] }).join('\n'))
      .toMatch(/MV008 error: SpiderIPPool "p0" spec\.routes\[0\]\.gw: next hop 10\.9\.0\.1 is outside subnet 10\.0\.0\.0\/24/);
  });

  test('MV010 invalid pool name', () => {
    expect(poolErrors({ name: 'Vlan_100', subnet: '10.0.0.0/24', ips: ['10.0.0.5'] }).join('\n'))
      .toMatch(/MV010 error: SpiderIPPool "Vlan_100" metadata\.name: "Vlan_100" .*Fix: use lower-case letters/);
  });

  test('MV011 different subnets that overlap', () => {
    const errors = poolErrors({ subnet: '10.0.0.0/16', ips: ['10.0.0.5'] }, [{ subnet: '10.0.5.0/24', ips: ['10.0.5.5'] }]);
    expect(errors).toEqual([expect.stringMatching(/^\[c\/more0\] MV011 error: SpiderIPPool "p1" spec\.subnet: subnet 10\.0\.5\.0\/24 overlaps subnet 10\.0\.0\.0\/16 of SpiderIPPool "p0"/)]);
  });

  test('MV012 same subnet with intersecting ips; disjoint ips are fine', () => {
    const errors = poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.10-10.0.0.20'] }, [{ subnet: '10.0.0.0/24', ips: ['10.0.0.15-10.0.0.30'] }]);
    expect(errors.join('\n')).toMatch(/MV012 error: SpiderIPPool "p1" spec\.ips: ips 10\.0\.0\.15-10\.0\.0\.20 are also allocatable in SpiderIPPool "p0"/);
    expect(poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.10-10.0.0.20'] }, [{ subnet: '10.0.0.0/24', ips: ['10.0.0.21-10.0.0.30'] }])).toEqual([]);
  });

  test('MV012 sees excluded addresses as not allocatable', () => {
    expect(poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.10-10.0.0.20'], excludeIps: ['10.0.0.20'] },
      [{ subnet: '10.0.0.0/24', ips: ['10.0.0.20-10.0.0.30'] }])).toEqual([]);
  });

  test('MV023 a pool with nothing to allocate, once a network selects it (MV112 warning while nothing does, as lint says)', () => {
    expect(poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.5'], excludeIps: ['10.0.0.5'] })).toEqual([]);
    const app = testApp();
    const chart = new Chart(app, 'c');
    const pool = new IpPool(chart, 'pool', { name: 'p0', subnet: '10.0.0.0/24', ips: ['10.0.0.5'], excludeIps: ['10.0.0.5'] });
    new MacvlanStandaloneNetwork(chart, 'net', { name: 'net', master: 'eth1', pools: [pool] });
    expect(validationErrors(app).join('\n')).toMatch(/MV023 error: SpiderIPPool "p0" spec\.ips: every address in ips is excluded by excludeIPs/);
  });

  test('all problems are reported together', () => {
    const errors = poolErrors({ subnet: '10.0.0.0/24', ips: ['10.1.0.5'], gateway: '10.2.0.1', routes: [{ destination: '0.0.0.0/0', gateway: '10.0.0.1' }] });
    expect(errors.map(e => /MV\d+/.exec(e)![0]).sort()).toEqual(['MV002', 'MV004', 'MV006']);
  });

  test('IPv6 /48 pools are checked without enumerating addresses', () => {
    expect(poolErrors({ subnet: 'fd00:1::/48', gateway: 'fd00:1::1' }, [{ subnet: 'fd00:1::/48', ips: ['fd00:1::ff00-fd00:1::1:ff'] }]).join('\n'))
      .toMatch(/MV012 error: SpiderIPPool "p1" spec\.ips: ips fd00:1::ff00-fd00:1::ffff are also allocatable in SpiderIPPool "p0"/);
  });

  test('MV095 a pool too large for Spiderpool, which enumerates every address (a whole /64)', () => {
    expect(poolErrors({ subnet: 'fd00:1::/64', ips: ['fd00:1::1-fd00:1::ffff:ffff:ffff:ffff'] }).join('\n'))
      .toMatch(/MV095 error: SpiderIPPool "p0" spec\.ips: the pool holds 18446744073709551615 addresses; Spiderpool lists every address/);
    expect(poolErrors({ subnet: 'fd00:1::/64', ips: ['fd00:1::1-fd00:1::10:0'] })).toEqual([]);
  });

  test('MV001 IPv6 subnet not in canonical text (Spiderpool compares the text)', () => {
    expect(poolErrors({ subnet: '2001:DB8::/64', ips: ['2001:db8::5'] }).join('\n'))
      .toMatch(/MV001 error: SpiderIPPool "p0" spec\.subnet: "2001:DB8::\/64" is not written in canonical form\. Fix: write "2001:db8::\/64"/);
  });

  test('MV008 a route destination of the other family', () => {
    expect(poolErrors({ subnet: '10.0.0.0/24', ips: ['10.0.0.5'], routes: [{ destination: 'fd00::/64', gateway: '10.0.0.1' }] }).join('\n'))
      .toMatch(/MV008 error: SpiderIPPool "p0" spec\.routes\[0\]\.dst: destination fd00::\/64 is IPv6 but the pool is IPv4/);
  });
});

describe('untyped input from JavaScript callers', () => {
  function errorsFor(props: any): string {
    const app = testApp();
    const chart = new Chart(app, 'c');
    new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'eth1', pools: [new IpPool(chart, 'p', props)] });
    return validationErrors(app).join('\n');
  }

  test('null is refused like any other wrong value (leaving the prop out means "not set")', () => {
    expect(libraryError(() => errorsFor({ name: 'p', subnet: '172.16.0.0/24', excludeIps: null }))).toEqual({
      message: '[c/p] excludeIps: a list of strings expected by new IpPool(), got null. Fix: pass a list of strings, or leave excludeIps out.',
      problem: 'a list of strings expected by new IpPool(), got null',
      fix: 'pass a list of strings, or leave excludeIps out',
      constructPath: 'c/p',
      field: 'excludeIps',
      ruleId: undefined,
    });
  });

  test('a string where a list belongs is refused at construction, not split into characters', () => {
    expect(libraryError(() => errorsFor({ name: 'p', subnet: '172.16.0.0/24', ips: '172.16.0.10' })))
      .toMatchObject({ field: 'ips', fix: 'pass a list of strings, e.g. ["172.16.0.10"], or leave ips out' });
  });

  test('a prop the pool does not have is refused (it would be dropped), with the likely meant one', () => {
    expect(libraryError(() => errorsFor({ name: 'p', subnet: '172.16.0.0/24', excludeIPs: ['172.16.0.1'] })))
      .toMatchObject({ field: 'excludeIPs', problem: 'IpPoolProps has no "excludeIPs" (new IpPool() would ignore it)', fix: 'use "excludeIps" instead' });
  });
});
