/**
 * Switch configuration text for a two-rack example (each rack an MLAG pair, VLANs 100 and 200, VLAN 100
 * dual-stack), held line by line against the command forms of the vendor documents each renderer cites
 * (src/topology/switch-config/sources.ts: the id in brackets is the document).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import {
  BondMode, FirstHopRedundancy, SwitchConfig, SwitchPlan, SwitchRedundancy, SwitchVendor, SwitchesProps, VlanOffer, VlanTopology,
} from '../../src';
import { renderSwitchConfigs } from '../../src/topology/switch-config/render';
import { SOURCES } from '../../src/topology/switch-config/sources';
import { renderSwitchPlanMarkdown } from '../../src/topology/switch-plan-markdown';
import { libraryError } from '../support/errors';
import { testApp } from '../support/synth';

/** One rack as its own topology (per-rack subnets: layer 3 between racks). */
function rack(name: string, octet: number, switches: Partial<SwitchesProps> = {}): VlanTopology {
  const chart = new Chart(testApp(), 'c');
  return new VlanTopology(chart, name, {
    bond: { members: ['ens224', 'ens256'], mode: BondMode.IEEE_802_3AD, mtu: 9000 },
    nodeSelector: { 'topology.kubernetes.io/zone': name },
    vlans: [
      {
        id: 100,
        offer: VlanOffer.BOTH,
        ipv4: { subnet: `10.${octet}.100.0/24`, gateway: `10.${octet}.100.1` },
        ipv6: { subnet: `fd00:${octet}:100::/64`, gateway: `fd00:${octet}:100::1` },
      },
      { id: 200, ipv4: { subnet: `10.${octet}.200.0/24`, gateway: `10.${octet}.200.1` } },
    ],
    switches: {
      names: [`${name}-tor1`, `${name}-tor2`],
      peerLink: { ports: ['Ethernet1/49', 'Ethernet1/50'], keepaliveAddresses: [`192.0.2.${octet * 4 + 1}/30`, `192.0.2.${octet * 4 + 2}/30`] },
      nodes: [
        { node: `${name}-worker-1`, ports: ['Ethernet1/1', 'Ethernet1/1'] },
        { node: `${name}-worker-2`, ports: ['Ethernet1/2', 'Ethernet1/2'] },
      ],
      ...switches,
    },
  });
}

const PLAN: SwitchPlan = { racks: [rack('rack-a', 1).switchPlan().racks[0], rack('rack-b', 2).switchPlan().racks[0]] };

function configs(vendor: SwitchVendor, plan: SwitchPlan = PLAN): Map<string, string[]> {
  return new Map(renderSwitchConfigs(plan, vendor).map(c => [c.switchName, c.text.split('\n')]));
}

/** The lines of the block that starts with `head` (up to the next separator line). */
function block(lines: readonly string[], head: string, separator: string): string[] {
  const i = lines.indexOf(head);
  expect({ head, found: i >= 0 }).toEqual({ head, found: true });
  const end = lines.indexOf(separator, i + 1);
  return lines.slice(i, end < 0 ? undefined : end);
}

describe('sources', () => {
  const dir = path.join(__dirname, '..', '..', 'src', 'topology', 'switch-config');
  test.each([['huawei-vrp.ts', 'VRP'], ['cisco-nxos.ts', 'NXOS'], ['arista-eos.ts', 'EOS']])('%s cites only listed documents, and every %s document', (file, prefix) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const cited = new Set([...text.matchAll(/\[([A-Z0-9]+(?:-[A-Z0-9]+)+)\]/g)].map(m => m[1]));
    const listed = Object.values(SOURCES).filter(src => src.id.startsWith(`${prefix}-`)).map(src => src.id);
    expect([...cited].sort()).toEqual([...listed].sort());
    for (const src of Object.values(SOURCES)) expect(src.url).toMatch(/^https?:\/\/[^\s]+$/);
  });
});

describe('every switch of both racks, in plan order, with a file name', () => {
  test.each([SwitchVendor.huaweiVrp(), SwitchVendor.ciscoNxos({ firstHopRedundancy: FirstHopRedundancy.HSRP }), SwitchVendor.aristaEos()]
    .map(v => [v.name, v] as [string, SwitchVendor]))('%s', (_name, vendor) => {
    const out: SwitchConfig[] = renderSwitchConfigs(PLAN, vendor);
    expect(out.map(c => [c.rack, c.switchName, c.fileName])).toEqual([
      ['rack-a', 'rack-a-tor1', `rack-a-tor1.${vendor.name}.cfg`],
      ['rack-a', 'rack-a-tor2', `rack-a-tor2.${vendor.name}.cfg`],
      ['rack-b', 'rack-b-tor1', `rack-b-tor1.${vendor.name}.cfg`],
      ['rack-b', 'rack-b-tor2', `rack-b-tor2.${vendor.name}.cfg`],
    ]);
    // deterministic
    expect(renderSwitchConfigs(PLAN, vendor).map(c => c.text)).toEqual(out.map(c => c.text));
  });
});

describe('Huawei VRP', () => {
  const cfg = configs(SwitchVendor.huaweiVrp());
  const a1 = cfg.get('rack-a-tor1')!;
  const a2 = cfg.get('rack-a-tor2')!;
  const b1 = cfg.get('rack-b-tor1')!;

  test('header names the documents', () => {
    expect(a1).toContain(`#   [VRP-DFS] ${SOURCES.vrpDfsGroup.title}: ${SOURCES.vrpDfsGroup.url}`);
    expect(a1).toContain(`#   [VRP-MLAG] ${SOURCES.vrpMlag.title}: ${SOURCES.vrpMlag.url}`);
  });

  test('[VRP-VLANIF] vlan batch; [VRP-MLAG] V-STP; [VRP-DFS] dfs-group 1 with source ip ... peer ...', () => {
    expect(a1).toContain('sysname rack-a-tor1');
    expect(a1).toContain('vlan batch 100 200');
    expect(a1).toEqual(expect.arrayContaining(['stp mode rstp', 'stp v-stp enable']));
    expect(block(a1, 'dfs-group 1', '#')).toEqual(['dfs-group 1', ' priority 150', ' source ip 192.0.2.5 peer 192.0.2.6']);
    expect(block(a2, 'dfs-group 1', '#')).toEqual(['dfs-group 1', ' priority 100', ' source ip 192.0.2.6 peer 192.0.2.5']);
  });

  test('[VRP-LAG] Eth-Trunk in lacp-static mode, trunk allow-pass, [VRP-MLAG] peer-link 1 and dfs-group 1 m-lag', () => {
    expect(block(a1, 'interface Eth-Trunk1', '#')).toEqual([
      'interface Eth-Trunk1', ' description peer-link to rack-a-tor2', ' port link-type trunk', ' port trunk allow-pass vlan 100 200',
      ' mode lacp-static', ' peer-link 1',
    ]);
    expect(block(a1, 'interface Eth-Trunk10', '#')).toEqual([
      'interface Eth-Trunk10', ' description rack-a-worker-1 bond0', ' port link-type trunk', ' port trunk allow-pass vlan 100 200',
      ' mode lacp-static', ' dfs-group 1 m-lag 10',
    ]);
    expect(block(a2, 'interface Ethernet1/2', '#')).toEqual(['interface Ethernet1/2', ' description rack-a-worker-2 ens256', ' eth-trunk 11']);
    expect(block(a1, 'interface Ethernet1/49', '#')).toEqual(['interface Ethernet1/49', ' description peer-link member to rack-a-tor2', ' eth-trunk 1']);
  });

  test('[VRP-VLANIF] real address; [VRP-VRRP] vrrp vrid virtual-ip / priority; [VRP-VRRP6] link-local first, then the global virtual address', () => {
    expect(block(a1, 'interface Vlanif100', '#')).toEqual([
      'interface Vlanif100', ' mtu 9000',
      ' ip address 10.1.100.2 24', ' vrrp vrid 1 virtual-ip 10.1.100.1', ' vrrp vrid 1 priority 110',
      ' ipv6 enable', ' ipv6 address fd00:1:100::2/64',
      ' vrrp6 vrid 1 virtual-ip FE80::1 link-local', ' vrrp6 vrid 1 virtual-ip fd00:1:100::1', ' vrrp6 vrid 1 priority 110',
    ]);
    expect(block(a2, 'interface Vlanif200', '#')).toEqual([
      'interface Vlanif200', ' mtu 9000', ' ip address 10.1.200.3 24', ' vrrp vrid 1 virtual-ip 10.1.200.1', ' vrrp vrid 1 priority 100',
    ]);
    // rack B has its own subnets
    expect(b1).toContain(' vrrp vrid 1 virtual-ip 10.2.100.1');
    expect(a1[a1.length - 2]).toBe('return');
  });
});

describe('Cisco NX-OS', () => {
  const cfg = configs(SwitchVendor.ciscoNxos({ firstHopRedundancy: FirstHopRedundancy.HSRP }));
  const a1 = cfg.get('rack-a-tor1')!;
  const a2 = cfg.get('rack-a-tor2')!;

  test('[NXOS-VPC] features, vpc domain; [NXOS-KEEPALIVE] peer-keepalive in the management VRF', () => {
    expect(a1).toEqual(expect.arrayContaining(['hostname rack-a-tor1', 'feature lacp', 'feature vpc', 'feature interface-vlan', 'feature hsrp', 'vlan 100,200']));
    expect(block(a1, 'vpc domain 1', '!')).toEqual(['vpc domain 1', '  peer-keepalive destination 192.0.2.6 source 192.0.2.5 vrf management']);
    expect(block(a2, 'vpc domain 1', '!')).toEqual(['vpc domain 1', '  peer-keepalive destination 192.0.2.5 source 192.0.2.6 vrf management']);
  });

  test('[NXOS-VPC] peer link and vPC member port channels, trunk, allowed VLANs, jumbo MTU, channel-group mode active', () => {
    expect(block(a1, 'interface port-channel1', '!')).toEqual([
      'interface port-channel1', '  description peer-link to rack-a-tor2', '  switchport', '  switchport mode trunk',
      '  switchport trunk allowed vlan 100,200', '  mtu 9216', '  vpc peer-link',
    ]);
    expect(block(a1, 'interface port-channel11', '!')).toEqual([
      'interface port-channel11', '  description rack-a-worker-2 bond0', '  switchport', '  switchport mode trunk',
      '  switchport trunk allowed vlan 100,200', '  mtu 9216', '  vpc 11',
    ]);
    expect(block(a1, 'interface Ethernet1/1', '!')).toContain('  channel-group 10 mode active');
    expect(block(a1, 'interface Ethernet1/50', '!')).toContain('  channel-group 1 mode active');
  });

  test('[NXOS-HSRP] hsrp version 2, [NXOS-HSRP-CMD] hsrp <group> / priority / preempt / ip, IPv6 group with "hsrp <group> ipv6"', () => {
    expect(block(a1, 'interface Vlan100', '!')).toEqual([
      'interface Vlan100', '  no shutdown', '  mtu 9000', '  ip address 10.1.100.2/24', '  ipv6 address fd00:1:100::2/64', '  hsrp version 2',
      '  hsrp 1', '    priority 110', '    preempt', '    ip 10.1.100.1',
      '  hsrp 1 ipv6', '    priority 110', '    preempt', '    ip fd00:1:100::1',
    ]);
    expect(block(a2, 'interface Vlan200', '!')).toEqual([
      'interface Vlan200', '  no shutdown', '  mtu 9000', '  ip address 10.1.200.3/24', '  hsrp version 2',
      '  hsrp 1', '    priority 100', '    preempt', '    ip 10.1.200.1',
    ]);
  });

  test('[NXOS-VRRP] vrrp <group> / address / priority / no shutdown on an IPv4-only rack', () => {
    const r = rack('rack-c', 3, {}).switchPlan().racks[0];
    const v4Only = r.vlans.map(v => ({ ...v, vlanInterfaces: v.vlanInterfaces.filter(i => i.ipVersion === 4) }));
    const plan: SwitchPlan = { racks: [{ ...r, vlans: v4Only }] };
    const c1 = configs(SwitchVendor.ciscoNxos(), plan).get('rack-c-tor1')!;
    expect(c1).toContain('feature vrrp');
    expect(block(c1, 'interface Vlan100', '!')).toEqual([
      'interface Vlan100', '  no shutdown', '  mtu 9000', '  ip address 10.3.100.2/24',
      '  vrrp 1', '    address 10.3.100.1', '    priority 110', '    no shutdown',
    ]);
  });

  test('VRRP with IPv6 gateways is refused with the HSRP fix (NX-OS VRRP is IPv4 only)', () => {
    const err = libraryError(() => rack('rack-a', 1).switchConfig(SwitchVendor.ciscoNxos()));
    expect(err.constructPath).toBe('c/rack-a');
    expect(err.problem).toMatch(/NX-OS VRRP \(version 2\) is IPv4 only/);
    expect(err.fix).toMatch(/FirstHopRedundancy\.HSRP/);
  });
});

describe('Arista EOS', () => {
  const vrrp = configs(SwitchVendor.aristaEos());
  const varp = configs(SwitchVendor.aristaEos({ firstHopRedundancy: FirstHopRedundancy.VARP }));
  const a1 = vrrp.get('rack-a-tor1')!;
  const a2 = vrrp.get('rack-a-tor2')!;

  test('[EOS-MLAG] peer VLAN in a trunk group, spanning tree off, peer-link port channel, mlag configuration', () => {
    expect(block(a1, 'vlan 4094', '!')).toEqual(['vlan 4094', '   name mlag-peer', '   trunk group mlag-peer']);
    expect(a1).toContain('no spanning-tree vlan-id 4094');
    expect(block(a1, 'interface Port-Channel1', '!')).toEqual([
      'interface Port-Channel1', '   description peer-link to rack-a-tor2', '   switchport mode trunk',
      '   switchport trunk allowed vlan 100,200,4094', '   switchport trunk group mlag-peer',
    ]);
    expect(block(a1, 'interface Vlan4094', '!')).toEqual(['interface Vlan4094', '   description mlag peer', '   no autostate', '   ip address 192.0.2.5/30']);
    expect(block(a2, 'mlag configuration', '!')).toEqual([
      'mlag configuration', '   domain-id rack-a-1', '   local-interface Vlan4094', '   peer-address 192.0.2.5', '   peer-link Port-Channel1',
    ]);
  });

  test('[EOS-MLAG] node port channels with "mlag <id>", members with channel-group mode active', () => {
    expect(block(a1, 'interface Port-Channel10', '!')).toEqual([
      'interface Port-Channel10', '   description rack-a-worker-1 bond0', '   switchport mode trunk', '   switchport trunk allowed vlan 100,200', '   mlag 10',
    ]);
    expect(block(a2, 'interface Ethernet1/1', '!')).toEqual(['interface Ethernet1/1', '   description rack-a-worker-1 ens256', '   channel-group 10 mode active']);
  });

  test('[EOS-VRRP-VARP] VRRP: vrrp <id> ipv4 / ipv6 and one priority-level per virtual router', () => {
    expect(block(a1, 'interface Vlan100', '!')).toEqual([
      'interface Vlan100', '   mtu 9000', '   ip address 10.1.100.2/24', '   vrrp 1 ipv4 10.1.100.1',
      '   ipv6 address fd00:1:100::2/64', '   vrrp 1 ipv6 fd00:1:100::1', '   vrrp 1 priority-level 110',
    ]);
    expect(a1).toEqual(expect.arrayContaining(['ip routing', 'ipv6 unicast-routing']));
  });

  test('[EOS-VRRP-VARP] VARP: ip / ipv6 virtual-router address and one virtual MAC', () => {
    const v1 = varp.get('rack-b-tor2')!;
    expect(v1).toContain('ip virtual-router mac-address 02:1c:73:00:00:01');
    expect(block(v1, 'interface Vlan100', '!')).toEqual([
      'interface Vlan100', '   mtu 9000', '   ip address 10.2.100.3/24', '   ip virtual-router address 10.2.100.1',
      '   ipv6 address fd00:2:100::3/64', '   ipv6 virtual-router address fd00:2:100::1',
    ]);
  });
});

describe('what a vendor cannot express is refused', () => {
  test('HSRP on Huawei VRP and Arista EOS, VARP on NX-OS', () => {
    const hsrp = rack('rack-a', 1, { firstHopRedundancy: FirstHopRedundancy.HSRP });
    expect(libraryError(() => hsrp.switchConfig(SwitchVendor.huaweiVrp())).problem).toMatch(/HSRP is not available on Huawei VRP/);
    expect(libraryError(() => hsrp.switchConfig(SwitchVendor.aristaEos())).problem).toMatch(/HSRP is not available on Arista EOS/);
    expect(libraryError(() => rack('rack-a', 1).switchConfig(SwitchVendor.ciscoNxos({ firstHopRedundancy: FirstHopRedundancy.VARP }))).problem)
      .toMatch(/VARP is not available on Cisco NX-OS/);
  });

  test('Arista refuses an MLAG peer VLAN that is one of the rack\'s VLANs (Huawei and Cisco do not use it)', () => {
    const clash = rack('rack-a', 1, { peerLink: { ports: ['Ethernet1/49'], peerVlan: 200 } });
    const err = libraryError(() => clash.switchConfig(SwitchVendor.aristaEos()));
    expect(err.problem).toMatch(/the MLAG peer VLAN 200 is one of the rack's VLANs/);
    expect(clash.switchConfig(SwitchVendor.huaweiVrp())).toHaveLength(2);
  });

  test('a stack renders one Huawei configuration with members on both switches; NX-OS and EOS refuse it', () => {
    const stack = rack('rack-s', 4, {
      names: ['stack-1', 'stack-2'],
      redundancy: SwitchRedundancy.STACK,
      peerLink: undefined,
      nodes: [{ node: 'w1', ports: ['10GE1/0/1', '10GE2/0/1'] }],
    });
    const out = stack.switchConfig(SwitchVendor.huaweiVrp());
    expect(out.map(c => c.switchName)).toEqual(['stack-1']);
    const lines = out[0].text.split('\n');
    expect(block(lines, 'interface 10GE2/0/1', '#')).toEqual(['interface 10GE2/0/1', ' description w1 ens256', ' eth-trunk 10']);
    expect(block(lines, 'interface Eth-Trunk10', '#')).not.toContain(' dfs-group 1 m-lag 10');
    expect(lines).toContain(' ip address 10.4.100.1 24');
    expect(lines.some(l => !l.startsWith('#') && l.includes('vrrp'))).toBe(false);
    expect(libraryError(() => stack.switchConfig(SwitchVendor.ciscoNxos())).problem).toMatch(/Nexus switches do not stack/);
    expect(libraryError(() => stack.switchConfig(SwitchVendor.aristaEos())).problem).toMatch(/Arista switches do not stack/);
  });

  test('a vendor that is not a SwitchVendor, and bad options, are shape errors', () => {
    expect(libraryError(() => rack('rack-a', 1).switchConfig('eos' as unknown as SwitchVendor)).field).toBe('vendor');
    expect(libraryError(() => SwitchVendor.aristaEos({ firstHopRedundancy: 'glbp' as FirstHopRedundancy })).field).toBe('options.firstHopRedundancy');
  });
});

describe('the Markdown plan of two racks', () => {
  const md = renderSwitchPlanMarkdown(PLAN, 'two racks');
  test('one set of sections per rack, each with its pair, peer link and gateways', () => {
    expect(md).toContain('## Rack `rack-a`\n');
    expect(md).toContain('## Rack `rack-b`\n');
    expect(md).toContain('## Rack `rack-b`: Peer link');
    expect(md).toContain('Switches `rack-b-tor1` and `rack-b-tor2` form an MLAG pair');
    expect(md).toContain('| 100 | bond0.100 | 9000 | IPv6 | fd00:2:100::1/64 | fd00:2:100::2/64 (priority 110) | fd00:2:100::3/64 (priority 100) |');
    expect(md).toContain('Applies to nodes matching `topology.kubernetes.io/zone=rack-a`.');
  });
});

describe('VLAN lists', () => {
  const many = new VlanTopology(new Chart(testApp(), 'c'), 'f', {
    bond: { members: ['ens224', 'ens256'], mode: BondMode.IEEE_802_3AD },
    vlans: [100, 101, 102, 103, 200, 201, 300].map(id => ({ id, ipv4: { subnet: `10.${id - 99}.0.0/24`, gateway: `10.${id - 99}.0.1` } })),
  });

  test('consecutive ids become ranges: "a-b" on NX-OS and EOS, "a to b" on VRP [VRP-LAG]', () => {
    expect(many.switchConfig(SwitchVendor.ciscoNxos())[0].text.split('\n')).toContain('vlan 100-103,200,201,300');
    expect(many.switchConfig(SwitchVendor.aristaEos())[0].text).toContain('! node ports: none listed (SwitchesProps.nodes); give each node\'s ens224, ens256 ports one LACP port channel per node, trunk, allowed VLANs 100-103,200,201,300');
    expect(many.switchConfig(SwitchVendor.huaweiVrp())[0].text.split('\n')).toContain('vlan batch 100 to 103 200 201 300');
  });
});

describe('one switch (the seed topology)', () => {
  const one = new VlanTopology(new Chart(testApp(), 'c'), 'fabric', {
    bond: { members: ['ens224', 'ens256'], mode: BondMode.ACTIVE_BACKUP, options: { miimon: 100 } },
    vlans: [{ id: 100, ipv4: { subnet: '192.168.100.0/24', gateway: '192.168.100.1' } }],
    switches: { names: ['tor'], nodes: [{ node: 'w1', ports: ['Ethernet1/1', 'Ethernet1/2'] }] },
  });

  test('the VLAN interface address is the gateway, no first-hop protocol; independent trunk ports for active-backup', () => {
    const vrp = one.switchConfig(SwitchVendor.huaweiVrp())[0].text.split('\n');
    expect(block(vrp, 'interface Vlanif100', '#')).toEqual(['interface Vlanif100', ' mtu 1500', ' ip address 192.168.100.1 24']);
    expect(block(vrp, 'interface Ethernet1/2', '#')).toEqual(['interface Ethernet1/2', ' description w1 ens256', ' port link-type trunk', ' port trunk allow-pass vlan 100']);
    expect(vrp.some(l => l.startsWith('interface Eth-Trunk'))).toBe(false);
    const nxos = one.switchConfig(SwitchVendor.ciscoNxos())[0].text.split('\n');
    expect(nxos).not.toContain('feature vpc');
    expect(block(nxos, 'interface Vlan100', '!')).toEqual(['interface Vlan100', '  no shutdown', '  mtu 1500', '  ip address 192.168.100.1/24']);
    const eos = one.switchConfig(SwitchVendor.aristaEos())[0].text.split('\n');
    expect(block(eos, 'interface Ethernet1/1', '!')).toEqual(['interface Ethernet1/1', '   description w1 ens224', '   switchport mode trunk', '   switchport trunk allowed vlan 100']);
    expect(eos).not.toContain('mlag configuration');
  });

  test('no nodes listed: the node ports are described in a comment', () => {
    const t = new VlanTopology(new Chart(testApp(), 'c'), 'f', {
      bond: { members: ['ens224', 'ens256'], mode: BondMode.IEEE_802_3AD },
      vlans: [{ id: 100, ipv4: { subnet: '192.168.100.0/24', gateway: '192.168.100.1' } }],
    });
    const text = t.switchConfig(SwitchVendor.aristaEos())[0].text;
    expect(text).toContain('! node ports: none listed (SwitchesProps.nodes); give each node\'s ens224, ens256 ports one LACP port channel per node, trunk, allowed VLANs 100');
  });
});
