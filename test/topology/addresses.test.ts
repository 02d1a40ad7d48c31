import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { BOND, build, vlan } from './helpers';
import {
  AddressCapacity, HostInterfaces, MacvlanErrors, NodeAddresses, NodeAddressingKind, PodNetworks, ReservedIps, VlanOffer, VlanTopology, Warnings,
} from '../../src';
import { lintManifests } from '../../src/rules';
import { libraryError } from '../support/errors';
import { findObject, synthObjects, testApp, validationErrors } from '../support/synth';

process.env.CDK8S_MACVLAN_QUIET = '1';

const V4 = (extra: object = {}) => ({ subnet: '10.100.0.0/24', gateway: '10.100.0.1', ...extra });
const V6 = (extra: object = {}) => ({ subnet: 'fd00:100::/64', gateway: 'fd00:100::1', ...extra });

/** The constructor's MacvlanError message ('' when it did not throw). */
function thrown(fn: () => unknown): string {
  try {
    fn();
    return '';
  } catch (e) {
    expect(MacvlanErrors.details(e)).toBeDefined();
    return (e as Error).message;
  }
}

describe('reserved addresses on a VlanTopology', () => {
  test('one SpiderReservedIP per VLAN and family: the gateway and reservedIps, merged and sorted', () => {
    const built = build({
      vlans: [{ id: 100, offer: VlanOffer.BOTH, ipv4: V4({ reservedIps: ['10.100.0.3', '10.100.0.2', '10.100.0.250-10.100.0.254'] }), ipv6: V6({ reservedIpName: 'v100-res6' }) }],
    });
    const objects = synthObjects(built.chart);
    expect(findObject(objects, 'SpiderReservedIP', 'vlan100-reserved-v4').spec).toEqual({ ipVersion: 4, ips: ['10.100.0.1-10.100.0.3', '10.100.0.250-10.100.0.254'] });
    expect(findObject(objects, 'SpiderReservedIP', 'v100-res6').spec).toEqual({ ipVersion: 6, ips: ['fd00:100::1'] });
    expect(built.topology.reservedIps.map(r => r.name)).toEqual(['vlan100-reserved-v4', 'v100-res6']);
    // the derived halves leave the reserved addresses out (and stay even)
    expect(findObject(objects, 'SpiderIPPool', 'vlan100-standalone-v4').spec.ips).toEqual(['10.100.0.4-10.100.0.126']);
    expect(findObject(objects, 'SpiderIPPool', 'vlan100-overlay-v4').spec.ips).toEqual(['10.100.0.127-10.100.0.249']);
    expect(validationErrors(built.app)).toEqual([]);
    expect(Warnings.of(built.topology.pools[0]).recorded).toEqual([]);
    // lint reads the synthesized objects the same way: no finding at all
    expect(lintManifests(objects).flatMap(r => r.findings)).toEqual([]);
  });

  test('an MLAG pair: both switches\' real addresses and the virtual gateway are reserved and kept out of the pools', () => {
    const built = build({
      switches: { names: ['tor-a', 'tor-b'], peerLink: { ports: ['Ethernet1/49', 'Ethernet1/50'] }, gatewayAddresses: [{ vlanId: 100, ipv4: ['10.100.0.253', '10.100.0.254'] }] },
      vlans: [{ id: 100, offer: VlanOffer.BOTH, ipv4: V4({ reservedIps: ['10.100.0.10'] }) }],
    });
    const objects = synthObjects(built.chart);
    expect(findObject(objects, 'SpiderReservedIP', 'vlan100-reserved-v4').spec.ips).toEqual(['10.100.0.1', '10.100.0.10', '10.100.0.253-10.100.0.254']);
    const standalone = findObject(objects, 'SpiderIPPool', 'vlan100-standalone-v4').spec.ips;
    const overlay = findObject(objects, 'SpiderIPPool', 'vlan100-overlay-v4').spec.ips;
    expect([...standalone, ...overlay]).toEqual(['10.100.0.2-10.100.0.9', '10.100.0.11-10.100.0.127', '10.100.0.128-10.100.0.252']);
    const plan = built.topology.switchPlan().racks[0].vlans[0].vlanInterfaces[0];
    expect(plan.switchAddresses.map(a => a.address)).toEqual(['10.100.0.253', '10.100.0.254']);
    expect(validationErrors(built.app)).toEqual([]);
    // default real addresses (the first host addresses that are not the gateway) are kept out the same way
    const defaults = build({ switches: { names: ['tor-a', 'tor-b'], peerLink: { ports: ['Ethernet1/49', 'Ethernet1/50'] } }, vlans: [{ id: 100, ipv4: V4() }] });
    const real = defaults.topology.switchPlan().racks[0].vlans[0].vlanInterfaces[0].switchAddresses.map(a => a.address);
    const res = findObject(synthObjects(defaults.chart), 'SpiderReservedIP', 'vlan100-reserved-v4').spec.ips;
    expect(res).toEqual(['10.100.0.1-10.100.0.3']);
    expect(real).toEqual(['10.100.0.2', '10.100.0.3']);
  });

  test('one offer with derived ips: the reserved addresses are left out; without reservedIps nothing changes', () => {
    const one = build({ vlans: [{ id: 100, ipv4: V4({ reservedIps: ['10.100.0.10'] }) }] });
    expect(findObject(synthObjects(one.chart), 'SpiderIPPool', 'vlan100-standalone-v4').spec.ips).toEqual(['10.100.0.2-10.100.0.9', '10.100.0.11-10.100.0.254']);
    const plain = build({ vlans: [{ id: 100, ipv4: V4() }] });
    expect(findObject(synthObjects(plain.chart), 'SpiderIPPool', 'vlan100-standalone-v4').spec).toMatchObject({ ips: ['10.100.0.1-10.100.0.254'], excludeIPs: ['10.100.0.1'] });
  });

  test('a pool\'s own list that includes a reserved address: MV203 warning on the pool, acknowledgeable; capacity counts without it', () => {
    const built = build({ vlans: [{ id: 100, ipv4: V4({ reservedIps: ['10.100.0.15'], standaloneIps: ['10.100.0.10-10.100.0.19'] }) }] });
    synthObjects(built.chart);
    const pool = built.topology.pools[0];
    expect(Warnings.of(pool).recorded).toEqual([expect.stringMatching(/^MV203 warning: SpiderIPPool "vlan100-standalone-v4" spec\.ips: 1 address\(es\) of ips \(10\.100\.0\.15\) are reserved by SpiderReservedIP "vlan100-reserved-v4"/)]);
    expect(AddressCapacity.report(built.app).find(r => r.pool === 'vlan100-standalone-v4')!.supply).toBe(9);

    const acked = build({ vlans: [{ id: 100, ipv4: V4({ reservedIps: ['10.100.0.15'], standaloneIps: ['10.100.0.10-10.100.0.19'] }) }] });
    Warnings.of(acked.topology).acknowledge('MV203', 'the pool lists the whole block on purpose');
    synthObjects(acked.chart);
    expect(Warnings.of(acked.topology.pools[0]).recorded).toEqual([]);
  });

  test('reservedIps outside the subnet or of the other family throw MV036 with the prop path', () => {
    expect(thrown(() => build({ vlans: [{ id: 100, ipv4: V4({ reservedIps: ['10.200.0.5'] }) }] })))
      .toContain('MV036 error: VlanTopology "chart/topo" vlans[0].ipv4.reservedIps[0]: VLAN 100: reserved "10.200.0.5" is outside subnet 10.100.0.0/24');
    expect(thrown(() => build({ vlans: [{ id: 100, ipv4: V4({ reservedIps: ['fd00::5'] }) }] }))).toContain('vlans[0].ipv4.reservedIps[0]: VLAN 100: "fd00::5" is IPv6, not IPv4');
    expect(libraryError(() => build({ vlans: [{ id: 100, ipv4: V4({ reservedIps: '10.100.0.5' }) } as any] })).field).toBe('vlans[0].ipv4.reservedIps');
  });

  test('a reservedIpName used twice is MV034', () => {
    expect(validationErrors(build({ vlans: [vlan(100, { ipv4: V4({ reservedIpName: 'r' }) }), vlan(200, { ipv4: { subnet: '10.200.0.0/24', gateway: '10.200.0.1', reservedIpName: 'r' } })] }).app).join('\n'))
      .toContain('MV034 error: VlanTopology "chart/topo" vlans[1].ipv4.reservedIpName: SpiderReservedIP name "r" is also used by vlans[0].ipv4.reservedIpName');
  });
});

describe('ReservedIps', () => {
  const chart = () => new Chart(testApp(), 'c');

  test('writes ipVersion (from the first entry when not given) and the ips as given', () => {
    const c = chart();
    const r = new ReservedIps(c, 'r', { name: 'infra-v6', ips: ['fd00:100::5'] });
    expect(r.ipVersion).toBe(6);
    expect(r.ips).toEqual(['fd00:100::5']);
    expect(Testing.synth(c)).toEqual([{ apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderReservedIP', metadata: { name: 'infra-v6' }, spec: { ipVersion: 6, ips: ['fd00:100::5'] } }]);
  });

  test('the object\'s rules run at synth: MV200 and MV201 fail it, MV202 is a warning', () => {
    const c = chart();
    new ReservedIps(c, 'bad', { name: 'bad', ips: ['10.0.0.9-10.0.0.1'] });
    new ReservedIps(c, 'mixed', { name: 'mixed', ipVersion: 4, ips: ['10.0.0.1', 'fd00::1'] });
    const unmerged = new ReservedIps(c, 'unmerged', { name: 'unmerged', ips: ['10.0.0.2', '10.0.0.1'] });
    const errors = validationErrors(c.node.root as any);
    expect(errors.some(l => l.includes('MV200 error: SpiderReservedIP "bad" spec.ips[0]'))).toBe(true);
    expect(errors.some(l => l.includes('MV201 error: SpiderReservedIP "mixed" spec.ips[1]'))).toBe(true);
    expect(Warnings.of(unmerged).recorded).toEqual([expect.stringContaining('MV202 warning: SpiderReservedIP "unmerged" spec.ips')]);
  });

  test('no ipVersion written when it cannot be derived (the rules report it; nothing is guessed)', () => {
    const c = chart();
    const r = new ReservedIps(c, 'r', { ips: [] });
    expect(r.ipVersion).toBeUndefined();
    expect(r.toJson().spec).toEqual({ ips: [] });
    expect(validationErrors(c.node.root as any)).toEqual([expect.stringContaining('MV201 error: SpiderReservedIP')]);
  });

  test('bad props are the library\'s error', () => {
    expect(libraryError(() => new ReservedIps(chart(), 'r', { ips: '10.0.0.1' } as any)).field).toBe('ips');
    expect(libraryError(() => new ReservedIps(chart(), 'r', { ips: [], extra: 1 } as any)).message).toContain('extra');
  });

  test('a hand-written reserved object shrinks the topology\'s capacity (reserved addresses are cluster-wide)', () => {
    const built = build({ vlans: [{ id: 100, ipv4: V4({ ips: ['10.100.0.10-10.100.0.19'] }) }] });
    new ReservedIps(built.chart, 'infra', { name: 'infra', ips: ['10.100.0.10-10.100.0.11'] });
    expect(built.topology.capacityReport()[0].supply).toBe(8);
  });
});

describe('node addresses', () => {
  const perNode = (addresses: { [node: string]: string }) => NodeAddresses.perNode(addresses);

  test('static: one policy per node with the whole desired state, its addresses, stable names and selectors', () => {
    const built = build({
      nodeSelector: { 'node-role.kubernetes.io/worker': '' },
      vlans: [
        vlan(100, { ipv4: V4({ nodeAddresses: perNode({ 'worker-b': '10.100.0.12', 'worker-a': '10.100.0.11/24' }) }), ipv6: V6({ nodeAddresses: perNode({ 'worker-a': 'fd00:100::11' }) }) }),
        vlan(200),
      ],
    });
    const objects = synthObjects(built.chart);
    const policies = objects.filter(o => o.kind === 'NodeNetworkConfigurationPolicy');
    expect(policies.map(p => [p.metadata.name, p.spec.nodeSelector])).toEqual([
      ['bond0-vlans-worker-a', { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/hostname': 'worker-a' }],
      ['bond0-vlans-worker-b', { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/hostname': 'worker-b' }],
    ]);
    expect(built.topology.hostPolicy).toBeUndefined();
    expect(built.topology.hostPolicies.map(p => p.name)).toEqual(['bond0-vlans-worker-a', 'bond0-vlans-worker-b']);
    const [a, b] = policies.map(p => p.spec.desiredState.interfaces);
    expect(a.map((i: any) => i.name)).toEqual(['bond0', 'bond0.100', 'bond0.200']);
    expect(a[1].ipv4).toEqual({ enabled: true, dhcp: false, address: [{ 'ip': '10.100.0.11', 'prefix-length': 24 }] });
    expect(a[1].ipv6).toEqual({ enabled: true, dhcp: false, autoconf: false, address: [{ 'ip': 'fd00:100::11', 'prefix-length': 64 }] });
    expect(b[1].ipv6).toEqual({ enabled: false }); // worker-b has no IPv6 address on VLAN 100
    expect(a[2].ipv4).toEqual({ enabled: false });
    // the bond and VLAN part is the same in every node's policy
    expect(a[0]).toEqual(b[0]);
    expect({ ...a[1], ipv4: 0, ipv6: 0 }).toEqual({ ...b[1], ipv4: 0, ipv6: 0 });
    // the derived pool ranges leave the node addresses out
    expect(findObject(objects, 'SpiderIPPool', 'vlan100-standalone-v4').spec.ips).toEqual(['10.100.0.2-10.100.0.10', '10.100.0.13-10.100.0.254']);
    expect(validationErrors(built.app)).toEqual([]);
    expect(lintManifests(objects).flatMap(r => r.findings)).toEqual([]);
    expect(built.topology.renderMermaid()).toContain('Host (nmstate, one policy per node: 2)');
  });

  test('DHCP: one shared policy, DHCP without the lease\'s gateway and DNS', () => {
    const dhcp = NodeAddresses.dhcp();
    const built = build({ vlans: [vlan(100, { ipv4: V4({ nodeAddresses: dhcp }), ipv6: V6({ nodeAddresses: dhcp }) })] });
    const [policy] = synthObjects(built.chart).filter(o => o.kind === 'NodeNetworkConfigurationPolicy');
    expect(policy.metadata.name).toBe('bond0-vlans');
    expect(policy.spec.desiredState.interfaces[1].ipv4).toEqual({ 'enabled': true, 'dhcp': true, 'auto-dns': false, 'auto-gateway': false });
    expect(policy.spec.desiredState.interfaces[1].ipv6).toEqual({ 'enabled': true, 'dhcp': true, 'autoconf': false, 'auto-dns': false, 'auto-gateway': false });
    expect(built.topology.hostPolicy?.name).toBe('bond0-vlans');
    expect(NodeAddresses.dhcp().kind).toBe(NodeAddressingKind.DHCP);
  });

  test('a pool list that includes a node address fails synth with MV205 (two hosts, one address)', () => {
    const built = build({ vlans: [{ id: 100, ipv4: V4({ standaloneIps: ['10.100.0.10-10.100.0.20'], nodeAddresses: perNode({ 'worker-a': '10.100.0.11' }) }) }] });
    expect(validationErrors(built.app)).toEqual([expect.stringContaining('MV205 error: VlanTopology "chart/topo" spec.desiredState.interfaces[1].ipv4.address[0].ip: 10.100.0.11 on bond0.100 is allocatable in SpiderIPPool "vlan100-standalone-v4"')]);
  });

  test('MV206, MV207, MV208 problems of the list throw at construction with the prop path', () => {
    const v = (nodeAddresses: NodeAddresses) => ({ vlans: [{ id: 100, ipv4: V4({ nodeAddresses }) }] });
    expect(thrown(() => build(v(perNode({ 'worker-a': '10.200.0.11' }))))).toContain('MV206 error: VlanTopology "chart/topo" vlans[0].ipv4.nodeAddresses[worker-a]: VLAN 100: node address 10.200.0.11 is outside subnet 10.100.0.0/24');
    expect(thrown(() => build(v(perNode({ 'worker-a': '10.100.0.11/16' }))))).toContain('has prefix length 16, but the VLAN subnet is 10.100.0.0/24. Fix: write "10.100.0.11/24"');
    expect(thrown(() => build(v(perNode({ 'worker-a': '10.100.0.x' }))))).toContain('"10.100.0.x" is not an address or address/prefix');
    expect(thrown(() => build(v(perNode({ 'worker-a': 'fd00:100::5' }))))).toContain('"fd00:100::5" is IPv6, not IPv4');
    expect(thrown(() => build(v(perNode({}))))).toContain('NodeAddresses.perNode() lists no node');
    expect(thrown(() => build(v(perNode({ 'worker-a': '10.100.0.11', 'worker-b': '10.100.0.11' })))))
      .toContain('MV207 error: VlanTopology "chart/topo" vlans[0].ipv4.nodeAddresses[worker-b]: VLAN 100: node address 10.100.0.11 is also the address of node worker-a');
    expect(thrown(() => build(v(perNode({ 'worker-a': '10.100.0.1' }))))).toContain('node address 10.100.0.1 is the VLAN\'s gateway');
    expect(thrown(() => build(v(perNode({ Worker_A: '10.100.0.11' }))))).toContain('MV208 error: VlanTopology "chart/topo" vlans[0].ipv4.nodeAddresses[Worker_A]: VLAN 100: node "Worker_A"');
    expect(thrown(() => build(v(perNode({ ['n'.repeat(64)]: '10.100.0.11' }))))).toContain('is 64 characters long');
  });

  test('what cannot carry node addresses throws the library\'s error', () => {
    const v = { vlans: [{ id: 100, ipv4: V4({ nodeAddresses: NodeAddresses.perNode({ 'worker-a': '10.100.0.11' }) }) }] };
    expect(libraryError(() => build({ ...v, hostInterfaces: HostInterfaces.preExisting() }))).toMatchObject({ field: 'vlans[0].ipv4.nodeAddresses' });
    expect(libraryError(() => build({ ...v, hostInterfaces: HostInterfaces.spiderpoolIfacer() })).problem).toContain('created by Spiderpool ifacer');
    expect(libraryError(() => build({ ...v, nodeSelector: { 'kubernetes.io/hostname': 'worker-a' } })).field).toBe('nodeSelector[kubernetes.io/hostname]');
    expect(libraryError(() => build({ ...v, hostInterfaces: HostInterfaces.nmstate({ policyName: 'p'.repeat(250) }) }))).toMatchObject({ ruleId: 'MV083', field: 'hostInterfaces.policyName' });
    expect(libraryError(() => NodeAddresses.perNode({ 'worker-a': 11 } as any)).field).toBe('addresses["worker-a"]');
    expect(libraryError(() => build({ vlans: [{ id: 100, ipv4: V4({ nodeAddresses: { kind: 'static', addresses: {} } }) }] } as any)).problem).toContain('NodeAddresses');
  });

  test('placeWorkload keeps the pods on the nodes with static addresses (their policies create the interfaces): no MV172', () => {
    const built = build({
      nodeSelector: { 'node-role.kubernetes.io/worker': '' },
      vlans: [{ id: 100, ipv4: V4({ nodeAddresses: perNode({ 'worker-b': '10.100.0.12', 'worker-a': '10.100.0.11' }) }) }],
    });
    const web = new kplus.Deployment(built.chart, 'web', { containers: [{ image: 'nginx' }] });
    PodNetworks.standalone(built.topology.standaloneNetwork(100)).applyTo(web);
    built.topology.placeWorkload(web);
    const spec = findObject(synthObjects(built.chart), 'Deployment', 'chart-web-c88df7b1').spec.template.spec;
    expect(spec.nodeSelector).toEqual({ 'node-role.kubernetes.io/worker': '' });
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-a', 'worker-b'] }] },
    ]);
    expect(validationErrors(built.app)).toEqual([]);
    expect(lintManifests(synthObjects(built.chart)).flatMap(r => r.findings).map(f => f.rule)).toEqual([]);
    const attracted = new kplus.Deployment(built.chart, 'attracted', { containers: [{ image: 'nginx' }] });
    attracted.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('disk', 'ssd')));
    expect(libraryError(() => built.topology.placeWorkload(attracted)).problem).toMatch(/ORs the terms/);
  });

  test('MV197: a declared node (nodeCount, the switch plan\'s nodes) that no perNode list names gets no interfaces', () => {
    const v = { vlans: [{ id: 100, ipv4: V4({ nodeAddresses: perNode({ 'worker-a': '10.100.0.11', 'worker-b': '10.100.0.12' }) }) }] };
    expect(libraryError(() => build({ ...v, nodeCount: 3 }))).toMatchObject({ ruleId: 'MV197', field: 'nodeCount' });
    expect(thrown(() => build({ ...v, nodeCount: 3 }))).toContain('the topology has 3 nodes, but NodeAddresses.perNode() lists 2 (worker-a, worker-b)');
    expect(libraryError(() => build({ ...v, switches: { names: ['tor'], nodes: [{ node: 'worker-a', ports: ['Eth1', 'Eth1'] }, { node: 'worker-c', ports: ['Eth2', 'Eth2'] }] } })))
      .toMatchObject({ ruleId: 'MV197', field: 'switches.nodes[1].node' });
    expect(() => build({ ...v, nodeCount: 2, switches: { names: ['tor'], nodes: [{ node: 'worker-a', ports: ['Eth1', 'Eth1'] }] } })).not.toThrow();
    // DHCP: one policy for every node, nothing to list
    expect(() => build({ vlans: [{ id: 100, ipv4: V4({ nodeAddresses: NodeAddresses.dhcp() }) }], nodeCount: 5 })).not.toThrow();
  });

  test('a node address that is a switch\'s own address on the VLAN (an MLAG pair\'s real address): MV207 at synth', () => {
    const built = build({
      switches: { names: ['tor-a', 'tor-b'], peerLink: { ports: ['Ethernet1/49'] } },
      vlans: [{ id: 100, ipv4: V4({ nodeAddresses: perNode({ 'worker-a': '10.100.0.3', 'worker-b': '10.100.0.12' }) }) }],
    });
    expect(validationErrors(built.app)).toEqual([expect.stringContaining(
      'MV207 error: VlanTopology "chart/topo" vlans[0].ipv4.nodeAddresses[worker-a]: VLAN 100: node address 10.100.0.3 of node worker-a is switch tor-b\'s own address on the VLAN')]);
  });

  test('two topologies giving one node the same interfaces: MV208 at synth', () => {
    const app = testApp();
    const chart = new Chart(app, 'chart');
    const props = (id: number, ip: string) => ({ bond: BOND, vlans: [{ id, ipv4: { subnet: `10.${id}.0.0/24`, gateway: `10.${id}.0.1`, nodeAddresses: NodeAddresses.perNode({ 'worker-a': ip }) } }] });
    new VlanTopology(chart, 'one', props(100, '10.100.0.11'));
    new VlanTopology(chart, 'two', { ...props(200, '10.200.0.11'), hostInterfaces: HostInterfaces.nmstate({ policyName: 'other' }) });
    const errors = validationErrors(app);
    expect(errors.filter(l => l.includes('MV208'))).toEqual([expect.stringContaining('MV208 error: VlanTopology "chart/two" spec.desiredState.interfaces[0].name: node worker-a is also selected by policy bond0-vlans-worker-a, which configures bond0 too')]);
  });
});
