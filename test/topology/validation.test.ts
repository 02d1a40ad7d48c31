import * as kplus from 'cdk8s-plus-28';
import { BOND, build, vlan } from './helpers';
import { BondMode, LacpRate, MacvlanMode, VlanOffer, VlanTopology, XmitHashPolicy, HostInterfaces, IpPool, MacvlanStandaloneNetwork, PodNetworks } from '../../src';
import { libraryError } from '../support/errors';
import { validationErrors } from '../support/synth';

/** Builds and returns the constructor error message ('' when it did not throw). */
function thrown(...args: Parameters<typeof build>): string {
  try {
    build(...args);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

/** Builds and returns the synth validation errors. */
function errors(...args: Parameters<typeof build>): string[] {
  return validationErrors(build(...args).app);
}

describe('structural rules throw at construction, all problems in one error', () => {
  test('MV026 VLAN id out of range', () => {
    for (const id of [0, 4095, 1.5]) {
      expect(thrown({ vlans: [vlan(id)] })).toContain(`MV026 error: VlanTopology "chart/topo" vlans[0].id: VLAN id ${id} is not an integer 1-4094. Fix: use 1-4094`);
    }
  });

  test('MV026 duplicate VLAN id', () => {
    expect(thrown({ vlans: [vlan(100), vlan(200), vlan(100)] }))
      .toMatch(/MV026 error: VlanTopology "chart\/topo" vlans\[2\]\.id: VLAN 100 on base-iface "bond0" is already vlans\[0\]\. Fix: give each VLAN once/);
  });

  test('MV026 no VLAN at all', () => {
    expect(thrown({ vlans: [] })).toMatch(/MV026 error: .* vlans: the topology has no VLAN/);
  });

  test('MV027 VLAN sub-interface longer than 15 bytes', () => {
    const msg = thrown({ bond: { ...BOND, name: 'bondfabric01', members: ['ens224'] }, vlans: [vlan(100), vlan(4000)] });
    expect(msg).toContain('MV027 error: VlanTopology "chart/topo" vlans[0].id: VLAN sub-interface "bondfabric01.100" is 16 bytes long; Linux interface names are at most 15 bytes. Fix: shorten the bond name (at most 11 bytes for VLAN 100)');
    expect(msg).toContain('vlans[1].id: VLAN sub-interface "bondfabric01.4000" is 17 bytes long');
    // thrown before any network exists: the NAD master rule (MV015) does not report it again
    expect(msg).not.toContain('MV015');
  });

  test('MV027 bad bond and member names', () => {
    const msg = thrown({ bond: { ...BOND, name: 'bond:0', members: ['ens 224', 'enp175s0f0np0abc'] } });
    expect(msg).toContain('MV027 error: VlanTopology "chart/topo" bond.name: bond name "bond:0" contains ":"');
    expect(msg).toContain('bond.members[0]: port "ens 224" contains whitespace');
    expect(msg).toContain('bond.members[1]: port "enp175s0f0np0abc" is 16 bytes long');
  });

  test('MV028 bond without members, duplicate member, bond as its own member', () => {
    expect(thrown({ bond: { ...BOND, members: [] } })).toContain('MV028 error: VlanTopology "chart/topo" bond.members: the bond has no port (member NIC). Fix: list the host NICs to bond');
    expect(thrown({ bond: { ...BOND, members: ['ens224', 'ens224'] } })).toContain('bond.members[1]: port "ens224" is already bond.members[0]. Fix: list each NIC once');
    expect(thrown({ bond: { ...BOND, members: ['ens224', 'bond0'] } })).toContain('bond.members[1]: port "bond0" is the bond itself');
  });

  test('MV032 overlapping subnets of different VLANs (identical or nested, each family)', () => {
    const msg = thrown({
      vlans: [
        { id: 100, ipv4: { subnet: '10.0.0.0/16', gateway: '10.0.0.1' }, ipv6: { subnet: 'fd00::/48', gateway: 'fd00::1' } },
        { id: 200, ipv4: { subnet: '10.0.5.0/24', gateway: '10.0.5.1' }, ipv6: { subnet: 'fd00::/48', gateway: 'fd00::2' } },
        { id: 300, ipv4: { subnet: '10.1.0.0/24', gateway: '10.1.0.1' } },
      ],
    });
    expect(msg).toContain('MV032 error: VlanTopology "chart/topo" vlans[1].ipv4.subnet: VLAN 200: subnet 10.0.5.0/24 overlaps subnet 10.0.0.0/16 of VLAN 100. Fix: give every VLAN its own, non-overlapping subnet');
    expect(msg).toContain('vlans[1].ipv6.subnet: VLAN 200: subnet fd00::/48 overlaps subnet fd00::/48 of VLAN 100');
    expect(msg).not.toContain('VLAN 300');
  });

  test('MV033 gateway not an IP, or outside its subnet (reported once, not again by both pools)', () => {
    expect(thrown({ vlans: [vlan(100, { ipv4: { subnet: '10.100.0.0/24', gateway: 'switch' } })] }))
      .toContain('MV033 error: VlanTopology "chart/topo" vlans[0].ipv4.gateway: VLAN 100: "switch" is not an IP address. Fix: give the switch VLANIF address as a plain IP');
    const msg = thrown({ vlans: [vlan(100, { offer: VlanOffer.BOTH, ipv4: { subnet: '10.100.0.0/24', gateway: '10.200.0.1' } })] });
    expect(msg).toContain('vlans[0].ipv4.gateway: VLAN 100: gateway 10.200.0.1 is outside subnet 10.100.0.0/24. Fix: use the switch VLANIF address inside 10.100.0.0/24, e.g. 10.100.0.1');
    expect(msg.match(/10\.200\.0\.1/g)).toHaveLength(1);
    expect(msg).not.toContain('MV004');
  });

  test('MV036 malformed address plans', () => {
    const msg = thrown({
      vlans: [
        { id: 10 },
        { id: 20, ipv4: { subnet: '10.20.0.1/24', gateway: '10.20.0.1' } },
        { id: 30, ipv4: { subnet: 'fd00:30::/64', gateway: 'fd00:30::1' } },
        { id: 40, ipv4: { subnet: '10.40.0.0/24', gateway: '10.40.0.1', ips: ['10.40.0.10 - 10.40.0.20'], excludeIps: ['fd00::1'] } },
        { id: 50, ipv4: { subnet: '10.50.0/24', gateway: '10.50.0.1' } },
        { id: 60, offer: VlanOffer.OVERLAY, ipv4: { subnet: '10.60.0.0/24', gateway: '10.60.0.1', standaloneIps: ['10.60.0.5'] } },
      ],
    });
    expect(msg).toContain('MV036 error: VlanTopology "chart/topo" vlans[0]: VLAN 10 has neither ipv4 nor ipv6');
    expect(msg).toContain('vlans[1].ipv4.subnet: VLAN 20: "10.20.0.1/24" has host bits set. Fix: write the network address "10.20.0.0/24"');
    expect(msg).toContain('vlans[2].ipv4.subnet: VLAN 30: "fd00:30::/64" is IPv6 but was given as ipv4. Fix: move it to ipv6');
    expect(msg).toContain('vlans[3].ipv4.ips[0]: VLAN 40: "10.40.0.10 - 10.40.0.20"');
    expect(msg).toContain('vlans[3].ipv4.excludeIps[0]: VLAN 40: "fd00::1" is IPv6, not IPv4');
    expect(msg).toContain('vlans[4].ipv4.subnet: VLAN 50: "10.50.0/24" is not a valid CIDR');
    expect(msg).toContain('vlans[5].ipv4.standaloneIps: VLAN 60 is offered as overlay only, so it has no standalone pool');
    expect(msg.split('\n')[0]).toBe('[chart/topo] VlanTopology "chart/topo" has invalid props:');
  });
});

describe('consistency rules are reported at synth, all together', () => {
  test('a valid topology has none', () => {
    expect(errors()).toEqual([]);
  });

  test('MV029 lacpRate only with 802.3ad', () => {
    expect(errors({ bond: { ...BOND, mode: BondMode.ACTIVE_BACKUP, options: { lacpRate: LacpRate.FAST } } })).toEqual([
      expect.stringContaining('[chart/topo] MV029 error: VlanTopology "chart/topo" bond.options.lacpRate: lacp_rate "fast" only applies to mode 802.3ad, not active-backup. Fix: remove lacp_rate or use mode 802.3ad'),
    ]);
  });

  test('MV029 xmitHashPolicy only with balance-xor, 802.3ad, balance-tlb', () => {
    expect(errors({ bond: { ...BOND, mode: BondMode.ACTIVE_BACKUP, options: { xmitHashPolicy: XmitHashPolicy.LAYER3_4 } } }).join('\n'))
      .toContain('bond.options.xmitHashPolicy: xmit_hash_policy "layer3+4" only applies to modes balance-xor, 802.3ad, balance-tlb, not active-backup');
    expect(errors({ bond: { ...BOND, mode: BondMode.BALANCE_TLB, options: { xmitHashPolicy: XmitHashPolicy.LAYER2_3 } } })).toEqual([]);
  });

  test('MV029 primary must be a member and only with active-backup (or tlb/alb)', () => {
    expect(errors({ bond: { ...BOND, mode: BondMode.ACTIVE_BACKUP, options: { primary: 'ens999' } } }).join('\n'))
      .toContain('bond.options.primary: primary "ens999" is not a port of the bond (ens224, ens256). Fix: name one of the ports');
    expect(errors({ bond: { ...BOND, mode: BondMode.IEEE_802_3AD, options: { primary: 'ens224' } } }).join('\n'))
      .toContain('bond.options.primary: primary "ens224" only applies to modes active-backup, balance-tlb, balance-alb, not 802.3ad');
    expect(errors({ bond: { ...BOND, mode: BondMode.ACTIVE_BACKUP, options: { miimon: 100, primary: 'ens224' } } })).toEqual([]);
  });

  test('MV029 ARP monitoring: not with 802.3ad, needs targets (IPv4), intervals are non-negative integers', () => {
    const all = errors({ bond: { ...BOND, mode: BondMode.IEEE_802_3AD, options: { arpInterval: 200 } } }).join('\n');
    expect(all).toContain('bond.options.arpInterval: ARP monitoring does not work with bond mode 802.3ad. Fix: use miimon instead');
    expect(all).toContain('bond.options.arpIpTargets: arp_interval 200 is set but there is no ARP target');
    expect(errors({ bond: { ...BOND, mode: BondMode.ACTIVE_BACKUP, options: { arpInterval: 200, arpIpTargets: ['fd00::1'] } } }).join('\n'))
      .toContain('bond.options.arpIpTargets: ARP target "fd00::1" is not an IPv4 address');
    expect(errors({ bond: { ...BOND, options: { miimon: -1 } } }).join('\n')).toContain('bond.options.miimon: miimon -1 is not a non-negative integer');
    expect(errors({ bond: { ...BOND, mode: BondMode.ACTIVE_BACKUP, options: { arpInterval: 200, arpIpTargets: ['10.100.0.1'] } } })).toEqual([]);
  });

  test('MV030 miimon and arpInterval together', () => {
    expect(errors({ bond: { ...BOND, mode: BondMode.ACTIVE_BACKUP, options: { miimon: 100, arpInterval: 200, arpIpTargets: ['10.100.0.1'] } } })).toEqual([
      expect.stringContaining('MV030 error: VlanTopology "chart/topo" bond.options: miimon 100 and arp_interval 200 are both set. Fix: keep one link monitor'),
    ]);
  });

  test('MV031 VLAN MTU above the bond MTU, macvlan MTU above the VLAN MTU, MTUs out of range', () => {
    const all = errors({
      bond: { ...BOND, mtu: 1500 },
      vlans: [vlan(100, { mtu: 9000 }), vlan(200, { macvlanMtu: 1600 }), vlan(300, { mtu: 9000, macvlanMtu: 1400 }), vlan(400, { mtu: 40 })],
    }).join('\n');
    expect(all).toContain('MV031 error: VlanTopology "chart/topo" vlans[0].mtu: MTU 9000 of "bond0.100" exceeds the MTU 1500 of its base interface "bond0". Fix: lower the VLAN MTU to at most 1500 or raise the MTU of "bond0"');
    expect(all).toContain('vlans[1].macvlanMtu: VLAN 200: macvlan MTU 1600 exceeds the VLAN MTU 1500. Fix: use at most 1500');
    expect(all).toContain('vlans[3].mtu: MTU 40 of "bond0.400" is not an integer 68-65535');
    expect(all).not.toContain('vlans[2].macvlanMtu');
    const bondMtu = errors({ bond: { ...BOND, mtu: 100000 } }).join('\n');
    expect(bondMtu).toContain('bond.mtu: MTU 100000 of "bond0" is not an integer 68-65535');
    // the VLANs inherit it: reported once, at the bond
    expect(bondMtu).not.toContain('vlans[');
  });

  test('MV079 a mode that is not a BondMode; MV083 a maxUnavailable nmstate cannot read', () => {
    expect(errors({ bond: { ...BOND, mode: 'lacp' as BondMode } })).toEqual([
      expect.stringContaining('MV079 error: VlanTopology "chart/topo" bond.mode: mode "lacp" is not a bonding mode. Fix: use one of balance-rr, active-backup'),
    ]);
    expect(errors({ hostInterfaces: HostInterfaces.nmstate({ maxUnavailable: '3' }) })).toEqual([
      expect.stringContaining('MV083 error: VlanTopology "chart/topo" hostInterfaces.maxUnavailable: maxUnavailable "3" is neither a non-negative integer nor a percentage'),
    ]);
  });

  test('the host policy rules also hold when ifacer or pre-existing interfaces stand in for the policy', () => {
    const bond = { ...BOND, mode: BondMode.ACTIVE_BACKUP, options: { miimon: 100, lacpRate: LacpRate.FAST } };
    for (const hostInterfaces of [HostInterfaces.spiderpoolIfacer(), HostInterfaces.preExisting()]) {
      const built = build({ hostInterfaces, bond });
      expect(validationErrors(built.app)).toEqual([expect.stringContaining('MV029 error: VlanTopology "chart/topo" bond.options.lacpRate: lacp_rate "fast" only applies to mode 802.3ad')]);
      expect(built.topology.hostPolicy).toBeUndefined();
    }
    expect(thrown({ hostInterfaces: HostInterfaces.preExisting(), bond: { ...BOND, members: [] } })).toContain('MV028 error: VlanTopology "chart/topo" bond.members: the bond has no port');
  });

  test('MV034 BOTH with the same name for both networks; two VLANs sharing a pool name', () => {
    const all = errors({
      vlans: [
        vlan(100, { offer: VlanOffer.BOTH, standaloneNetworkName: 'vlan100', overlayNetworkName: 'vlan100' }),
        { id: 200, ipv4: { subnet: '10.200.0.0/24', gateway: '10.200.0.1', standalonePoolName: 'shared' } },
        { id: 300, ipv4: { subnet: '10.201.0.0/24', gateway: '10.201.0.1', standalonePoolName: 'shared' } },
      ],
    }).join('\n');
    expect(all).toContain('MV034 error: VlanTopology "chart/topo" vlans[0].overlayNetworkName: NetworkAttachmentDefinition name "kube-system/vlan100" is also used by vlans[0].standaloneNetworkName. Fix: give each network and pool its own name');
    expect(all).toContain('vlans[2].ipv4.standalonePoolName: SpiderIPPool name "shared" is also used by vlans[1].ipv4.standalonePoolName');
  });

  test('MV035 Spiderpool ifacer: bridge mode only, no bond/VLAN MTU', () => {
    const all = errors({
      hostInterfaces: HostInterfaces.spiderpoolIfacer(),
      bond: { ...BOND, mtu: 9000 },
      vlans: [vlan(100, { macvlanMode: MacvlanMode.VEPA }), vlan(200, { mtu: 9000 })],
    }).join('\n');
    expect(all).toContain('MV035 error: VlanTopology "chart/topo" vlans[0].macvlanMode: VLAN 100: macvlan mode "vepa" with Spiderpool ifacer, which always uses bridge. Fix: use MacvlanMode.BRIDGE');
    expect(all).toContain('vlans[1].mtu: VLAN 200: MTU 9000 cannot be set by Spiderpool ifacer');
    expect(all).toContain('bond.mtu: bond MTU 9000 cannot be set by Spiderpool ifacer');
    // the same props are fine with nmstate
    expect(errors({ bond: { ...BOND, mtu: 9000 }, vlans: [vlan(100, { macvlanMode: MacvlanMode.VEPA }), vlan(200, { mtu: 9000 })] })).toEqual([]);
  });

  test('all consistency problems of a topology come in one report', () => {
    const all = errors({
      bond: { ...BOND, mode: BondMode.ACTIVE_BACKUP, options: { lacpRate: LacpRate.SLOW, primary: 'eth9' } },
      vlans: [vlan(100, { mtu: 9000 })],
    });
    expect(all.map(l => /MV\d+/.exec(l)![0]).sort()).toEqual(['MV029', 'MV029', 'MV031']);
  });

  test('a gateway inside user-given ips is reported once, by the pool that holds it (IpPool MV005)', () => {
    const all = errors({ vlans: [vlan(100, { offer: VlanOffer.BOTH, ipv4: { subnet: '10.100.0.0/24', gateway: '10.100.0.1', ips: ['10.100.0.1-10.100.0.100'] } })] });
    expect(all).toEqual([expect.stringContaining('MV005 error: SpiderIPPool "vlan100-standalone-v4" spec.gateway: gateway 10.100.0.1 is inside ips')]);
  });
});

describe('accessors and workloads', () => {
  test('asking for a network the VLAN does not offer names the VLAN and the fix', () => {
    const { topology } = build({ vlans: [vlan(100), vlan(200, { offer: VlanOffer.OVERLAY })] });
    expect(() => topology.overlayNetwork(100)).toThrow('[chart/topo] vlanId: VLAN 100 is offered as standalone only, so it has no overlay network. Fix: set offer: VlanOffer.OVERLAY or VlanOffer.BOTH on VLAN 100, or use topology.standaloneNetwork(100).');
    expect(() => topology.standaloneNetwork(200)).toThrow(/VLAN 200 is offered as overlay only, so it has no standalone network/);
    expect(() => topology.standaloneNetwork(300)).toThrow('[chart/topo] vlanId: VLAN 300 is not part of this topology (VLANs: 100, 200). Fix: use one of those ids or add VLAN 300 to vlans.');
    expect(libraryError(() => topology.standaloneNetwork('100' as any))).toMatchObject({ constructPath: 'chart/topo', field: 'vlanId', problem: 'a finite number expected by VlanTopology.standaloneNetwork(), got "100"' });
  });

  test('workloads and the diagram come from what PodNetworks sets attach (no manual registration)', () => {
    const { chart, topology } = build({ vlans: [vlan(100, { offer: VlanOffer.BOTH }), vlan(200, { offer: VlanOffer.STANDALONE })] });
    expect(topology.workloads).toEqual([]);
    expect(topology.renderMermaid()).not.toContain('subgraph workloads');
    const web = new kplus.Deployment(chart, 'web', { metadata: { name: 'web', namespace: 'shop' }, containers: [{ image: 'nginx' }] });
    PodNetworks.standalone(topology.standaloneNetwork(200), topology.standaloneNetwork(100)).applyTo(web);
    const agent = new kplus.DaemonSet(chart, 'agent', { containers: [{ image: 'nginx' }] });
    PodNetworks.overlay(topology.overlayNetwork(100)).attach(topology.overlayNetwork(100), { interfaceName: 'data0' }).applyTo(agent);
    // a network outside the topology is not the topology's workload
    const other = new MacvlanStandaloneNetwork(chart, 'other', { master: 'eth9' });
    PodNetworks.standalone(other).applyTo(new kplus.Pod(chart, 'stray', { containers: [{ image: 'nginx' }] }));

    expect(topology.workloads).toEqual([
      { kind: 'Deployment', name: 'web', namespace: 'shop', constructPath: 'chart/web', interfaceName: 'net1', vlanId: 100, offer: VlanOffer.STANDALONE },
      { kind: 'DaemonSet', name: agent.name, constructPath: 'chart/agent', interfaceName: 'net1', vlanId: 100, offer: VlanOffer.OVERLAY },
      { kind: 'DaemonSet', name: agent.name, constructPath: 'chart/agent', interfaceName: 'data0', vlanId: 100, offer: VlanOffer.OVERLAY },
      { kind: 'Deployment', name: 'web', namespace: 'shop', constructPath: 'chart/web', interfaceName: 'eth0', vlanId: 200, offer: VlanOffer.STANDALONE },
    ]);
    const mmd = topology.renderMermaid();
    // one node per workload, fed by the pools of each of its NICs
    expect(mmd).toContain('    wl_chart_web["Deployment shop/web<br/>net1: VLAN 100 standalone<br/>eth0: VLAN 200 standalone"]\n');
    for (const edge of ['pool_vlan100_standalone_v4 --> wl_chart_web', 'pool_vlan200_standalone_v6 --> wl_chart_web', 'pool_vlan100_overlay_v4 --> wl_chart_agent']) {
      expect(mmd).toContain(`  ${edge}\n`);
    }
    expect(mmd.match(/--> wl_chart_agent\n/g)).toHaveLength(2); // v4 and v6 pool once each, for both NICs
    expect(mmd).not.toContain('pool_vlan100_overlay_v4 --> wl_chart_web');
    expect(mmd).not.toContain('stray');
  });

  test('a NIC without pools (static IPAM) is drawn from its network', () => {
    const { chart, topology } = build({ vlans: [vlan(100, { offer: VlanOffer.STANDALONE })] });
    const pool = new IpPool(chart, 'own', { name: 'own', subnet: '10.9.0.0/24' });
    PodNetworks.standalone(topology.standaloneNetwork(100)).configurePrimary({ pools: [pool] })
      .applyTo(new kplus.Pod(chart, 'p', { containers: [{ image: 'nginx' }] }));
    // its own pool is not one of the topology's (not drawn): the edge comes from the network
    expect(topology.renderMermaid()).toContain('  net_kube_system_macvlan_standalone_vlan100 --> wl_chart_p\n');
  });
});

describe('the host policy object', () => {
  test('MV083 an invalid policy name', () => {
    const b = build({ hostInterfaces: HostInterfaces.nmstate({ policyName: 'Bond0_VLANs' }) });
    expect(validationErrors(b.app).join('\n')).toMatch(/MV083 error: VlanTopology "chart\/topo" hostInterfaces\.policyName: policy name "Bond0_VLANs" .*Fix: use lower-case letters/);
  });

  test('MV097 two topologies writing the same policy (same bond, default name)', () => {
    const b = build();
    new VlanTopology(b.chart, 'again', { bond: BOND, vlans: [vlan(300)] });
    expect(validationErrors(b.app).join('\n')).toMatch(/MV097 error: VlanTopology "chart\/again" metadata\.name: NodeNetworkConfigurationPolicy "bond0-vlans" is also defined by chart\/topo \(NodeNetworkConfigurationPolicy\)/);
  });

  test('macvlanMtu 0 means inherit, as for the CNI plugin', () => {
    const b = build({ vlans: [vlan(100, { macvlanMtu: 0 })] });
    expect(validationErrors(b.app)).toEqual([]);
  });
});

describe('scope', () => {
  test('the NodeNetworkConfigurationPolicy is cluster-scoped: no chart namespace', () => {
    const { Chart, Testing } = jest.requireActual('cdk8s');
    const app = Testing.app();
    const chart = new Chart(app, 'ns-chart', { namespace: 'team' });
    new VlanTopology(chart, 'topo', { bond: BOND, vlans: [vlan(100)] });
    const nncp = Testing.synth(chart).find((o: any) => o.kind === 'NodeNetworkConfigurationPolicy');
    expect(nncp.metadata).toEqual({ name: 'bond0-vlans' });
  });
});
