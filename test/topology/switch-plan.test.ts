/** The switch plan model: one switch, an MLAG pair, a stack; structural errors; rules MV210-MV214. */
import { BOND, build, vlan } from './helpers';
import { BondMode, FirstHopRedundancy, SwitchRedundancy, SwitchesProps, VlanOffer } from '../../src';
import { libraryError } from '../support/errors';
import { synthObjects, validationErrors } from '../support/synth';

const PAIR: SwitchesProps = {
  names: ['tor-a', 'tor-b'],
  peerLink: { ports: ['Ethernet1/49', 'Ethernet1/50'] },
  nodes: [
    { node: 'worker-1', ports: ['Ethernet1/1', 'Ethernet1/1'] },
    { node: 'worker-2', ports: ['Ethernet1/2', 'Ethernet1/2'] },
  ],
};

/** The rule ids of the synth errors. */
function errorIds(switches: SwitchesProps, extra: Parameters<typeof build>[0] = {}): string[] {
  const { app } = build({ switches, ...extra });
  return validationErrors(app).map(l => /\b(MV\d{3}) error\b/.exec(l)?.[1] ?? l);
}

describe('MLAG pair plan', () => {
  const rack = build({ switches: PAIR }).topology.switchPlan().racks[0];

  test('members alternate over the switches; one port channel per node spanning both', () => {
    expect(rack.redundancy).toBe(SwitchRedundancy.MLAG);
    expect(rack.switches).toEqual([{ name: 'tor-a', cabledNics: ['ens224'] }, { name: 'tor-b', cabledNics: ['ens256'] }]);
    expect(rack.memberLinks).toEqual([{ nic: 'ens224', switchName: 'tor-a' }, { nic: 'ens256', switchName: 'tor-b' }]);
    expect(rack.portChannels).toEqual([
      { node: 'worker-1', id: 10, ports: [{ nic: 'ens224', switchName: 'tor-a', port: 'Ethernet1/1' }, { nic: 'ens256', switchName: 'tor-b', port: 'Ethernet1/1' }] },
      { node: 'worker-2', id: 11, ports: [{ nic: 'ens224', switchName: 'tor-a', port: 'Ethernet1/2' }, { nic: 'ens256', switchName: 'tor-b', port: 'Ethernet1/2' }] },
    ]);
  });

  test('peer link defaults: every VLAN, channel 1, domain 1, peer VLAN 4094, link-local keepalive', () => {
    expect(rack.peerLink).toEqual({
      ports: ['Ethernet1/49', 'Ethernet1/50'],
      portChannelId: 1,
      allowedVlans: [100, 200],
      domainId: 1,
      peerVlan: 4094,
      keepalive: [
        { switchName: 'tor-a', address: '169.254.0.1', cidr: '169.254.0.1/30' },
        { switchName: 'tor-b', address: '169.254.0.2', cidr: '169.254.0.2/30' },
      ],
    });
  });

  test('gateways: the virtual address is the pools\' gateway, real addresses default to the next host addresses, VRRP group 1', () => {
    expect(rack.firstHop).toEqual({ protocol: FirstHopRedundancy.VRRP, groupId: 1 });
    const v100 = rack.vlans[0];
    expect(v100.vlanInterfaces.map(i => [i.cidr, i.switchAddresses])).toEqual([
      ['10.100.0.1/24', [
        { switchName: 'tor-a', address: '10.100.0.2', cidr: '10.100.0.2/24', priority: 110 },
        { switchName: 'tor-b', address: '10.100.0.3', cidr: '10.100.0.3/24', priority: 100 },
      ]],
      ['fd00:64::1/64', [
        { switchName: 'tor-a', address: 'fd00:64::2', cidr: 'fd00:64::2/64', priority: 110 },
        { switchName: 'tor-b', address: 'fd00:64::3', cidr: 'fd00:64::3/64', priority: 100 },
      ]],
    ]);
  });

  test('a valid pair synthesizes clean', () => {
    expect(errorIds(PAIR)).toEqual([]);
  });

  test('explicit cabling, addresses, HSRP group and ids are kept', () => {
    const r = build({
      switches: {
        ...PAIR,
        cabling: { ens224: 'tor-b', ens256: 'tor-a' },
        firstHopRedundancy: FirstHopRedundancy.HSRP,
        firstHopGroupId: 100,
        firstPortChannelId: 20,
        gatewayAddresses: [{ vlanId: 200, ipv4: ['10.200.0.253', '10.200.0.254'] }],
      },
    }).topology.switchPlan().racks[0];
    expect(r.switches.map(s => s.cabledNics)).toEqual([['ens256'], ['ens224']]);
    expect(r.portChannels.map(p => p.id)).toEqual([20, 21]);
    expect(r.portChannels[0].ports.map(p => p.switchName)).toEqual(['tor-b', 'tor-a']);
    expect(r.firstHop).toEqual({ protocol: FirstHopRedundancy.HSRP, groupId: 100 });
    expect(r.vlans[1].vlanInterfaces[0].switchAddresses.map(a => a.address)).toEqual(['10.200.0.253', '10.200.0.254']);
  });

  test('a gateway at the start of the subnet is skipped by the defaults', () => {
    const r = build({
      switches: PAIR,
      vlans: [{ id: 100, ipv4: { subnet: '10.1.0.0/24', gateway: '10.1.0.2' } }],
    }).topology.switchPlan().racks[0];
    expect(r.vlans[0].vlanInterfaces[0].switchAddresses.map(a => a.address)).toEqual(['10.1.0.1', '10.1.0.3']);
  });

  test('markdown: switch per NIC, node ports, peer link, virtual and real addresses', () => {
    const md = build({ switches: PAIR }).topology.renderSwitchPlanMarkdown();
    expect(md).toContain('Switches `tor-a` and `tor-b` form an MLAG pair');
    expect(md).toContain('| ens224 | tor-a | trunk (802.1Q) | LACP port channel (Eth-Trunk in LACP mode), one per node across both switches | 100, 200 | 1500 |');
    expect(md).toContain('| worker-1 | 10 | tor-a Ethernet1/1 | tor-b Ethernet1/1 |');
    expect(md).toContain('| Ethernet1/49, Ethernet1/50 | 1 | 100, 200 | 1 | 4094 | tor-a 169.254.0.1/30, tor-b 169.254.0.2/30 |');
    expect(md).toContain('First-hop redundancy: VRRP, group 1 on every VLAN.');
    expect(md).toContain('| 100 | bond0.100 | 1500 | IPv4 | 10.100.0.1/24 | 10.100.0.2/24 (priority 110) | 10.100.0.3/24 (priority 100) |');
  });

  test('markdown and plan: the reserved addresses per VLAN and family (virtual gateway, each switch\'s own, reservedIps, the SpiderReservedIP)', () => {
    const built = build({
      switches: PAIR,
      vlans: [
        { id: 100, ipv4: { subnet: '10.100.0.0/24', gateway: '10.100.0.1', reservedIps: ['10.100.0.7', '10.100.0.5-10.100.0.6'] }, ipv6: { subnet: 'fd00:100::/64', gateway: 'fd00:100::1' } },
        { id: 200, ipv4: { subnet: '10.200.0.0/24', gateway: '10.200.0.1', reservedIpName: 'infra-200' } },
      ],
    });
    const vi = built.topology.switchPlan().racks[0].vlans[0].vlanInterfaces[0];
    expect([vi.reservedIps, vi.reservedIpName]).toEqual([['10.100.0.5-10.100.0.7'], 'vlan100-reserved-v4']);
    const md = built.topology.renderSwitchPlanMarkdown();
    expect(md).toContain('## Reserved addresses');
    expect(md).toContain('| 100 | IPv4 | 10.100.0.1 (virtual) | 10.100.0.2 (tor-a), 10.100.0.3 (tor-b) | 10.100.0.5-10.100.0.7 | vlan100-reserved-v4 |');
    expect(md).toContain('| 100 | IPv6 | fd00:100::1 (virtual) | fd00:100::2 (tor-a), fd00:100::3 (tor-b) | - | vlan100-reserved-v6 |');
    expect(md).toContain('| 200 | IPv4 | 10.200.0.1 (virtual) | 10.200.0.2 (tor-a), 10.200.0.3 (tor-b) | - | infra-200 |');
    // what the table says is what the SpiderReservedIP objects hold
    const reserved = synthObjects(built.chart).filter(o => o.kind === 'SpiderReservedIP').map(o => [o.metadata.name, o.spec.ips]);
    expect(reserved).toEqual([
      ['vlan100-reserved-v4', ['10.100.0.1-10.100.0.3', '10.100.0.5-10.100.0.7']],
      ['vlan100-reserved-v6', ['fd00:100::1-fd00:100::3']],
      ['infra-200', ['10.200.0.1-10.200.0.3']],
    ]);
    // one switch: the gateway is the switch's own address
    expect(build({ vlans: [{ id: 100, ipv4: { subnet: '10.100.0.0/24', gateway: '10.100.0.1' } }] }).topology.renderSwitchPlanMarkdown())
      .toContain('| 100 | IPv4 | 10.100.0.1 (switch) | - | - | vlan100-reserved-v4 |');
  });
});

describe('stack and single switch', () => {
  test('a stack has members on both switches, one address per VLAN (the gateway), no peer link, no first hop', () => {
    const r = build({ switches: { names: ['stack-1', 'stack-2'], redundancy: SwitchRedundancy.STACK } }).topology.switchPlan().racks[0];
    expect(r.redundancy).toBe(SwitchRedundancy.STACK);
    expect(r.peerLink).toBeUndefined();
    expect(r.firstHop).toBeUndefined();
    expect(r.vlans[0].vlanInterfaces[0].switchAddresses).toEqual([{ switchName: 'stack-1', address: '10.100.0.1', cidr: '10.100.0.1/24' }]);
  });

  test('one named switch', () => {
    const r = build({ switches: { names: ['tor'] } }).topology.switchPlan().racks[0];
    expect(r.switches).toEqual([{ name: 'tor', cabledNics: ['ens224', 'ens256'] }]);
    expect(r.redundancy).toBeUndefined();
  });
});

describe('structural errors throw the library error', () => {
  test.each<[string, SwitchesProps, string, RegExp]>([
    ['three switches', { names: ['a', 'b', 'c'] }, 'switches.names', /one switch or a redundant pair, got 3/],
    ['MLAG without peer link', { names: ['a', 'b'] }, 'switches.peerLink', /an MLAG pair needs its peer link/],
    ['peer link on one switch', { names: ['a'], peerLink: { ports: ['e1'] } }, 'switches.peerLink', /one switch has no peer link/],
    ['first hop on a stack', { names: ['a', 'b'], redundancy: SwitchRedundancy.STACK, firstHopRedundancy: FirstHopRedundancy.VRRP }, 'switches.firstHopRedundancy', /a stack \(one logical switch\) owns the gateway/],
    ['cabling to an unknown switch', { ...PAIR, cabling: { ens224: 'tor-a', ens256: 'tor-c' } }, 'switches.cabling[ens256]', /switch "tor-c" is not in names/],
    ['cabling of a non-member', { ...PAIR, cabling: { ens224: 'tor-a', ens256: 'tor-b', eth9: 'tor-a' } }, 'switches.cabling[eth9]', /"eth9" is not a bond member/],
    ['wrong port count', { ...PAIR, nodes: [{ node: 'w1', ports: ['e1'] }] }, 'switches.nodes[0].ports', /lists 1 port\(s\) for 2 bond member/],
    ['addresses of an unknown VLAN', { ...PAIR, gatewayAddresses: [{ vlanId: 300, ipv4: ['10.0.0.2', '10.0.0.3'] }] }, 'switches.gatewayAddresses[0].vlanId', /VLAN 300 is not a VLAN of this rack/],
    ['one address for two switches', { ...PAIR, gatewayAddresses: [{ vlanId: 100, ipv4: ['10.100.0.2'] }] }, 'switches.gatewayAddresses[0].ipv4', /1 address\(es\) for 2 switches/],
    ['bad host name', { names: ['tor a'] }, 'switches.names[0]', /"tor a" is not a switch host name/],
  ])('%s', (_name, switches, field, message) => {
    const err = libraryError(() => build({ switches }));
    expect(err.field).toBe(field);
    expect(err.problem).toMatch(message);
    expect(err.constructPath).toBe('chart/topo');
  });

  test('several problems are reported together', () => {
    const err = libraryError(() => build({ switches: { names: ['a', 'a'], cabling: { ens224: 'x' } } }));
    expect(err.field).toBe('switches');
    expect(err.problem).toContain('both switches are named "a"');
    expect(err.problem).toContain('bond member "ens256" is not listed');
  });

  test('an unknown redundancy kind is a shape error', () => {
    const err = libraryError(() => build({ switches: { names: ['a', 'b'], redundancy: 'vpc' as SwitchRedundancy } }));
    expect(err.field).toBe('switches.redundancy');
  });
});

describe('rules at synth', () => {
  test('MV210: a pair with a one-member bond', () => {
    const { app } = build({ switches: { ...PAIR, nodes: undefined }, bond: { ...BOND, members: ['ens224'] } });
    const errors = validationErrors(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/MV210 error: .* bond\.members: the redundant pair "tor-a" and "tor-b" gets one bond member \(ens224\)/);
  });

  test('MV210: every member cabled to one switch', () => {
    expect(errorIds({ ...PAIR, nodes: undefined, cabling: { ens224: 'tor-a', ens256: 'tor-a' } })).toEqual(['MV210']);
  });

  test('MV211: a peer link carrying no VLAN, or missing one', () => {
    expect(errorIds({ ...PAIR, peerLink: { ports: ['Ethernet1/49'], allowedVlans: [] } })).toEqual(['MV211']);
    const { app } = build({ switches: { ...PAIR, peerLink: { ports: ['Ethernet1/49'], allowedVlans: [100] } } });
    expect(validationErrors(app).join('\n')).toMatch(/MV211 error: .* switches\.peerLink\.allowedVlans: the peer link does not carry VLAN 200/);
  });

  test('MV212: a real address equal to the virtual gateway, outside the subnet, duplicated; group out of range', () => {
    expect(errorIds({ ...PAIR, gatewayAddresses: [{ vlanId: 100, ipv4: ['10.100.0.1', '10.100.0.3'] }] })).toEqual(['MV212']);
    expect(errorIds({ ...PAIR, gatewayAddresses: [{ vlanId: 100, ipv4: ['10.100.0.255', '10.100.0.3'] }] })).toEqual(['MV212']);
    expect(errorIds({ ...PAIR, gatewayAddresses: [{ vlanId: 100, ipv6: ['fd00:64::5', 'fd00:64::5'] }] })).toEqual(['MV212']);
    expect(errorIds({ ...PAIR, gatewayAddresses: [{ vlanId: 100, ipv4: ['nope', '10.100.0.3'] }] })).toEqual(['MV212']);
    expect(errorIds({ ...PAIR, firstHopGroupId: 256 })).toEqual(['MV212']);
    expect(errorIds({ ...PAIR, firstHopGroupId: 256, firstHopRedundancy: FirstHopRedundancy.HSRP })).toEqual([]);
    const { app } = build({ switches: { ...PAIR, gatewayAddresses: [{ vlanId: 100, ipv4: ['10.100.0.1', '10.100.0.3'] }] } });
    expect(validationErrors(app)[0]).toMatch(/switches\.gatewayAddresses\[vlan 100\]\.ipv4: switch "tor-a" address 10\.100\.0\.1 on VLAN 100 is the virtual gateway itself/);
  });

  test('MV212: a subnet too small for a virtual gateway and two switch addresses', () => {
    const ids = errorIds(PAIR, {
      vlans: [{ id: 100, offer: VlanOffer.STANDALONE, ipv4: { subnet: '10.1.0.0/30', gateway: '10.1.0.1', ips: ['10.1.0.2'] } }],
    });
    expect(ids).toContain('MV212');
  });

  test('MV213: a node reusing the peer link\'s port channel or a port', () => {
    expect(errorIds({ ...PAIR, nodes: [{ node: 'w1', ports: ['Ethernet1/1', 'Ethernet1/1'], portChannelId: 1 }] })).toEqual(['MV213']);
    expect(errorIds({ ...PAIR, nodes: [{ node: 'w1', ports: ['Ethernet1/49', 'Ethernet1/1'] }] })).toEqual(['MV213']);
    expect(errorIds({ ...PAIR, nodes: [{ node: 'w1', ports: ['e1', 'e1'] }, { node: 'w1', ports: ['e2', 'e2'] }] })).toEqual(['MV213']);
  });

  test('MV214: peer VLAN not a VLAN id, keepalive overlapping a VLAN subnet or split, bad domain', () => {
    expect(errorIds({ ...PAIR, peerLink: { ports: ['Ethernet1/49'], peerVlan: 5000 } })).toEqual(['MV214']);
    // only Arista uses the peer VLAN: one of the rack's VLANs is refused by the EOS configuration, not by a rule
    expect(errorIds({ ...PAIR, peerLink: { ports: ['Ethernet1/49'], peerVlan: 100 } })).toEqual([]);
    expect(errorIds({ ...PAIR, peerLink: { ports: ['Ethernet1/49'], keepaliveAddresses: ['10.100.0.250/30', '10.100.0.249/30'] } })).toEqual(['MV214', 'MV214']);
    expect(errorIds({ ...PAIR, peerLink: { ports: ['Ethernet1/49'], keepaliveAddresses: ['169.254.0.1/30', '169.254.1.2/30'] } })).toEqual(['MV214']);
    expect(errorIds({ ...PAIR, peerLink: { ports: ['Ethernet1/49'], domainId: 0 } })).toEqual(['MV214']);
  });

  test('a bond without LACP still gets a plan (independent ports)', () => {
    const r = build({ switches: PAIR, bond: { ...BOND, mode: BondMode.ACTIVE_BACKUP, options: { miimon: 100 } } }).topology.switchPlan().racks[0];
    expect(r.aggregation).toBe('none');
  });

  test('vlan helper sanity', () => {
    expect(vlan(100).ipv4!.gateway).toBe('10.100.0.1');
  });
});
