import { ADDRESS_RULE_IDS, lintYaml, yamlObjects } from './helpers';
import { lintManifestSet } from '../../src/rules';

const RESERVED = (name: string, spec: string) => `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderReservedIP
metadata: {name: ${name}}
spec: ${spec}
`;
const POOL = (name: string, spec: string) => `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderIPPool
metadata: {name: ${name}}
spec: ${spec}
`;
const V4_POOL = (name = 'vlan100-v4', ips = '172.16.100.10-172.16.100.200', extra = '') => POOL(name, `{subnet: 172.16.100.0/24, ips: [${ips}], gateway: 172.16.100.1${extra}}`);
const NAD = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata: {name: macvlan-vlan100, namespace: kube-system}
spec:
  config: '${JSON.stringify({ cniVersion: '0.3.1', name: 'macvlan-vlan100', type: 'macvlan', master: 'bond0.100', mode: 'bridge', ipam: { type: 'spiderpool', default_ipv4_ippool: ['vlan100-v4'] } })}'
`;
/** A policy with bond0 and bond0.100 carrying `ipv4` (a flow mapping). */
const NNCP = (name: string, selector: string, ipv4: string, iface = 'bond0.100') => `apiVersion: nmstate.io/v1
kind: NodeNetworkConfigurationPolicy
metadata: {name: ${name}}
spec:
  nodeSelector: ${selector}
  desiredState:
    interfaces:
      - {name: bond0, type: bond, state: up, link-aggregation: {mode: 802.3ad, port: [ens224, ens256]}}
      - {name: ${iface}, type: vlan, state: up, vlan: {base-iface: bond0, id: 100, reorder-headers: true}, ipv4: ${ipv4}}
`;
const ADDR = (ip: string, prefix: unknown = 24) => `{enabled: true, dhcp: false, address: [{ip: ${ip}, prefix-length: ${prefix}}]}`;
const NODE = (n: string) => `{kubernetes.io/hostname: ${n}}`;
const docs = (...parts: string[]) => parts.join('---\n');
const of = (id: string, text: string) => lintYaml(text).filter(f => f.rule === id);

test('the address rules are MV200-MV209', () => {
  expect(ADDRESS_RULE_IDS).toHaveLength(10);
});

describe('SpiderReservedIP objects', () => {
  test('MV200: reversed ranges, spaces, non-strings, a non-list and bad names are what the webhook refuses', () => {
    expect(of('MV200', RESERVED('r', '{ipVersion: 4, ips: [172.16.100.20-172.16.100.2]}')).map(f => f.field)).toEqual(['spec.ips[0]']);
    expect(of('MV200', RESERVED('r', '{ipVersion: 4, ips: ["172.16.100.2 - 172.16.100.5", 7]}')).map(f => f.field)).toEqual(['spec.ips[0]', 'spec.ips[1]']);
    expect(of('MV200', RESERVED('r', '{ipVersion: 4, ips: 172.16.100.2}')).map(f => f.field)).toEqual(['spec.ips']);
    expect(of('MV200', RESERVED('Bad_Name', '{ipVersion: 4, ips: [172.16.100.2]}')).map(f => f.field)).toEqual(['metadata.name']);
    expect(of('MV200', RESERVED('r', '{ipVersion: 6, ips: ["fd00:100::2-fd00:100::9"]}'))).toEqual([]);
  });

  test('MV201: ipVersion 4/6, derivable from ips[0], every entry of that family', () => {
    const [mixed] = of('MV201', RESERVED('r', '{ipVersion: 4, ips: [172.16.100.2, "fd00::2"]}'));
    expect(mixed.field).toBe('spec.ips[1]');
    expect(mixed.message).toContain('ipVersion is 4');
    const [derived] = of('MV201', RESERVED('r', '{ips: ["fd00::2", 172.16.100.2]}'));
    expect(derived.message).toContain('ips[0] makes the object IPv6');
    expect(of('MV201', RESERVED('r', '{ipVersion: 5, ips: [172.16.100.2]}')).map(f => f.field)).toEqual(['spec.ipVersion']);
    expect(of('MV201', RESERVED('r', '{}')).map(f => f.field)).toEqual(['spec.ips']);
    // upstream accepts an empty list when the family is given
    expect(lintYaml(RESERVED('r', '{ipVersion: 4, ips: []}')).filter(f => f.severity === 'error')).toEqual([]);
  });

  test('MV202: more than one entry is stored merged and sorted by the webhook; one entry is stored as written', () => {
    const [f] = of('MV202', RESERVED('r', '{ipVersion: 4, ips: [172.16.100.3, 172.16.100.1-172.16.100.2]}'));
    expect(f.severity).toBe('warning');
    expect(f.fix).toBe('write ips as ["172.16.100.1-172.16.100.3"]');
    expect(of('MV202', RESERVED('r', '{ipVersion: 6, ips: ["FD00::1", "fd00::3"]}'))[0].fix).toBe('write ips as ["fd00::1","fd00::3"]');
    expect(of('MV202', RESERVED('r', '{ipVersion: 6, ips: ["FD00::1"]}'))).toEqual([]);
    expect(of('MV202', RESERVED('r', '{ipVersion: 4, ips: [172.16.100.1, 172.16.100.3-172.16.100.9]}'))).toEqual([]);
  });
});

describe('reserved addresses and pools', () => {
  test('MV203: a pool listing reserved addresses is a warning naming the object and the reduced count', () => {
    const [f] = of('MV203', docs(V4_POOL(), RESERVED('vlan100-reserved-v4', '{ipVersion: 4, ips: [172.16.100.1, 172.16.100.50-172.16.100.51]}')));
    expect(f.severity).toBe('warning');
    expect(f.object.name).toBe('vlan100-v4');
    expect(f.message).toContain('2 address(es) of ips (172.16.100.50-172.16.100.51) are reserved by SpiderReservedIP "vlan100-reserved-v4"');
    expect(f.message).toContain('189 usable addresses, not 191');
    // excluded, or another family: nothing
    expect(of('MV203', docs(V4_POOL('vlan100-v4', '172.16.100.10-172.16.100.200', ', excludeIPs: [172.16.100.50-172.16.100.51]'), RESERVED('x', '{ipVersion: 4, ips: [172.16.100.50-172.16.100.51]}')))).toEqual([]);
    expect(of('MV203', docs(V4_POOL(), RESERVED('x', '{ipVersion: 6, ips: ["fd00::50"]}')))).toEqual([]);
  });

  test('the capacity subtracts reserved addresses (and an unparsable reserved object reserves nothing)', () => {
    const supply = (text: string) => lintManifestSet(yamlObjects(text)).capacity.find(r => r.pool === 'vlan100-v4')!.supply;
    expect(supply(V4_POOL())).toBe(191n);
    expect(supply(docs(V4_POOL(), RESERVED('x', '{ipVersion: 4, ips: [172.16.100.50-172.16.100.59]}')))).toBe(181n);
    expect(supply(docs(V4_POOL(), RESERVED('x', '{ipVersion: 4, ips: [172.16.100.59-172.16.100.50]}')))).toBe(191n);
  });

  test('MV204: another pool\'s gateway or a route next hop allocatable in a pool of the subnet is an error, unless reserved', () => {
    const other = POOL('vlan100-b', '{subnet: 172.16.100.0/24, ips: [172.16.100.1-172.16.100.9], excludeIPs: [172.16.100.9], gateway: 172.16.100.9}');
    const [f] = of('MV204', docs(V4_POOL(), other));
    expect(f.object.name).toBe('vlan100-b');
    expect(f.message).toContain('172.16.100.1 is spec.gateway of SpiderIPPool "vlan100-v4"');
    expect(of('MV204', docs(V4_POOL(), other, RESERVED('gw', '{ipVersion: 4, ips: [172.16.100.1]}')))).toEqual([]);
    const ownRoute = V4_POOL('vlan100-v4', '172.16.100.10-172.16.100.200', ', routes: [{dst: 10.7.0.0/16, gw: 172.16.100.20}]');
    expect(of('MV204', ownRoute)[0].message).toContain('this pool\'s spec.routes[0].gw');
    // the pool's own gateway inside its ips is MV005, not MV204
    expect(of('MV204', V4_POOL('vlan100-v4', '172.16.100.1-172.16.100.200'))).toEqual([]);
  });
});

describe('node addresses', () => {
  test('MV205: a node address allocatable in a pool is an error; excluded or reserved it is not', () => {
    const [f] = of('MV205', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.11')), V4_POOL(), NAD));
    expect(f.field).toBe('spec.desiredState.interfaces[1].ipv4.address[0].ip');
    expect(f.message).toContain('allocatable in SpiderIPPool "vlan100-v4"');
    expect(of('MV205', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.11')), V4_POOL('vlan100-v4', '172.16.100.10-172.16.100.200', ', excludeIPs: [172.16.100.11]')))).toEqual([]);
    expect(of('MV205', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.11')), V4_POOL(), RESERVED('r', '{ips: [172.16.100.11]}')))).toEqual([]);
    // pools of another prefix length are found too
    expect(of('MV205', docs(NNCP('n-a', NODE('worker-a'), ADDR('10.1.2.3', 16)), POOL('wide', '{subnet: 10.1.0.0/16, ips: [10.1.2.0-10.1.2.255]}'), V4_POOL()))).toHaveLength(1);
    // DHCP: nmstate ignores listed addresses
    expect(of('MV205', docs(NNCP('n-a', NODE('worker-a'), '{enabled: true, dhcp: true, address: [{ip: 172.16.100.11, prefix-length: 24}]}'), V4_POOL()))).toEqual([]);
  });

  test('MV206: outside the subnet of the networks on the interface, another prefix length, or not an address', () => {
    const [outside] = of('MV206', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.200.201')), V4_POOL(), NAD));
    expect(outside.message).toContain('outside 172.16.100.0/24');
    const [prefix] = of('MV206', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.201', 16)), V4_POOL(), NAD));
    expect(prefix.field).toBe('spec.desiredState.interfaces[1].ipv4.address[0].prefix-length');
    expect(prefix.fix).toBe('write prefix-length 24');
    expect(of('MV206', NNCP('n-a', NODE('worker-a'), ADDR('not-an-ip')))[0].message).toContain('is not an IP address');
    expect(of('MV206', NNCP('n-a', NODE('worker-a'), ADDR('"fd00::1"')))[0].message).toContain('is IPv6 but is listed under ipv4');
    expect(of('MV206', NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.201', 33)))[0].field).toContain('prefix-length');
    // no network on the interface: nothing to compare with
    expect(of('MV206', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.200.201')), V4_POOL()))).toEqual([]);
  });

  test('MV206 with two pools of one name: the first pool of the name with a subnet gives the interface its subnet', () => {
    const message = (...pools: string[]) => of('MV206', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.200.201')), ...pools, NAD)).map(f => f.message);
    const first = POOL('vlan100-v4', '{subnet: 172.16.100.0/24, ips: [172.16.100.10-172.16.100.20]}');
    const second = POOL('vlan100-v4', '{subnet: 172.16.150.0/24, ips: [172.16.150.10-172.16.150.20]}');
    const noSubnet = POOL('vlan100-v4', '{ipVersion: 4, ips: [172.16.120.10]}');
    expect(message(first, second)).toEqual([expect.stringContaining('outside 172.16.100.0/24,')]);
    expect(message(second, first)).toEqual([expect.stringContaining('outside 172.16.150.0/24,')]);
    // a first pool without a subnet: the next one's
    expect(message(noSubnet, second, first)).toEqual([expect.stringContaining('outside 172.16.150.0/24,')]);
    // the node address inside the first pool's subnet: nothing to report, whatever the later pool's subnet
    expect(of('MV206', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.201')), first, second, NAD))).toEqual([]);
  });

  test('MV206 with two networks on one interface: the subnets of both networks\' pools, in order, each once', () => {
    const nad2 = NAD.replace(/macvlan-vlan100/g, 'macvlan-vlan100-b').replace('"vlan100-v4"]', '"vlan100-b","vlan100-v4"]');
    const other = POOL('vlan100-b', '{subnet: 172.16.150.0/24, ips: [172.16.150.10-172.16.150.20]}');
    const [f] = of('MV206', docs(NNCP('n-a', NODE('worker-a'), ADDR('10.9.9.9')), V4_POOL(), other, NAD, nad2));
    expect(f.message).toContain('is outside 172.16.100.0/24, 172.16.150.0/24,');
  });

  test('MV025 with two pools of one name: the last pool of the name gives its family', () => {
    const v6 = POOL('vlan100-v4', '{subnet: "fd00:100::/64", ips: ["fd00:100::10-fd00:100::20"]}');
    const v4 = V4_POOL();
    expect(of('MV025', docs(v6, v4, NAD))).toEqual([]);
    expect(of('MV025', docs(v4, v6, NAD)).map(f => f.message)).toEqual(['pool "vlan100-v4" is IPv6 but is listed as an IPv4 default pool']);
  });

  test('MV207: one address on two nodes, twice in one policy, or the pools\' gateway', () => {
    const [f] = of('MV207', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.201')), NNCP('n-b', NODE('worker-b'), ADDR('172.16.100.201'))));
    expect(f.object.name).toBe('n-b');
    expect(f.message).toContain('also assigned by spec.desiredState.interfaces[1].ipv4.address[0] of policy n-a');
    const twice = NNCP('n-a', NODE('worker-a'), '{enabled: true, address: [{ip: 172.16.100.201, prefix-length: 24}, {ip: 172.16.100.201, prefix-length: 24}]}');
    expect(of('MV207', twice).map(x => x.field)).toEqual(['spec.desiredState.interfaces[1].ipv4.address[1].ip']);
    expect(of('MV207', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.1')), V4_POOL()))[0].message).toContain('the gateway of SpiderIPPool "vlan100-v4"');
    expect(of('MV207', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.201')), NNCP('n-b', NODE('worker-b'), ADDR('172.16.100.202'))))).toEqual([]);
  });

  test('MV208: a node named by two policies, or by one and a policy whose selector it implies, on one interface', () => {
    const twice = of('MV208', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.201')), NNCP('n-a2', NODE('worker-a'), ADDR('172.16.100.202'))));
    expect(twice.map(f => [f.object.name, f.field])).toEqual([['n-a2', 'spec.desiredState.interfaces[0].name'], ['n-a2', 'spec.desiredState.interfaces[1].name']]);
    const shared = NNCP('shared', '{node-role.kubernetes.io/worker: ""}', '{enabled: false}');
    const pinned = NNCP('n-a', '{kubernetes.io/hostname: worker-a, node-role.kubernetes.io/worker: ""}', ADDR('172.16.100.201'));
    expect(of('MV208', docs(shared, pinned)).map(f => f.object.name)).toEqual(['n-a', 'n-a']);
    // a shared policy the node may not match (a key the pinned policy does not fix): not reported
    expect(of('MV208', docs(NNCP('rack-b', '{rack: b}', '{enabled: false}'), NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.201'))))).toEqual([]);
    // one policy per node: clean
    expect(of('MV208', docs(NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.201')), NNCP('n-b', NODE('worker-b'), ADDR('172.16.100.202'))))).toEqual([]);
    // the same hostname with contradicting selectors never selects one node twice
    expect(of('MV208', docs(NNCP('a', '{kubernetes.io/hostname: w, rack: a}', '{enabled: false}'), NNCP('b', '{kubernetes.io/hostname: w, rack: b}', '{enabled: false}')))).toEqual([]);
  });

  test('MV209: a static address in a policy that does not name one node is a warning, once per policy', () => {
    const found = of('MV209', NNCP('shared', '{node-role.kubernetes.io/worker: ""}', '{enabled: true, address: [{ip: 172.16.100.201, prefix-length: 24}, {ip: 172.16.100.202, prefix-length: 24}]}'));
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('warning');
    expect(found[0].message).toContain('every node it selects gets the same address');
    expect(of('MV209', NNCP('n-a', NODE('worker-a'), ADDR('172.16.100.201')))).toEqual([]);
    expect(of('MV209', NNCP('shared', '{node-role.kubernetes.io/worker: ""}', '{enabled: true, dhcp: true}'))).toEqual([]);
  });
});
