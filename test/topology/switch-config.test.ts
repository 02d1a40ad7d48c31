/**
 * Switch configuration text for a two-rack example (each rack an MLAG pair, VLANs 100 and 200, VLAN 100
 * dual-stack), held line by line against the command forms of src/topology/switch-config/sources.ts
 * (COMMAND_FORMS: each form with the vendor page, generator template or parser rule showing it; the id in
 * brackets is the document), and every line of every rendered configuration held to one of those forms.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import {
  BondMode, FirstHopRedundancy, SwitchConfig, SwitchPlan, SwitchRedundancy, SwitchVendor, SwitchesProps, VlanOffer, VlanTopology,
} from '../../src';
import { ipv4Mask } from '../../src/topology/switch-config/common';
import { renderSwitchConfigs } from '../../src/topology/switch-config/render';
import { COMMAND_FORMS, SOURCES, sourcesOf } from '../../src/topology/switch-config/sources';
import { SwitchPortAggregation } from '../../src/topology/switch-plan';
import { renderSwitchPlanMarkdown } from '../../src/topology/switch-plan-markdown';
import { libraryError } from '../support/errors';
import { testApp } from '../support/synth';

/** VRRP on the M-LAG pairs asked for explicitly (the plan's default VRRP is refused on Huawei M-LAG). */
const HUAWEI_VRRP = SwitchVendor.huaweiVrp({ firstHopRedundancy: FirstHopRedundancy.VRRP });

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

type Prefix = 'VRP' | 'NXOS' | 'EOS';
const PREFIX: { [vendor: string]: Prefix } = { 'huawei-vrp': 'VRP', 'cisco-nxos': 'NXOS', 'arista-eos': 'EOS' };

/** A command form of sources.ts as a whole-line pattern. */
function formPattern(prefix: Prefix, form: string): RegExp {
  const ipv4 = '\\d{1,3}(?:\\.\\d{1,3}){3}';
  const ipv6 = '[0-9a-fA-F]*:[0-9a-fA-F:]*';
  const holes: { [hole: string]: string } = {
    '<n>': '\\d+',
    '<name>': '\\S+',
    '<text>': '\\S.*',
    '<iface>': '\\S+',
    '<hex>': '[0-9A-F]+',
    '<vlans>': prefix === 'VRP' ? '\\d+(?: to \\d+)?(?: \\d+(?: to \\d+)?)*' : '\\d+(?:-\\d+)?(?:,\\d+(?:-\\d+)?)*',
    '<ipv4>': ipv4,
    '<mask>': ipv4,
    '<ipv4/len>': `${ipv4}/\\d{1,2}`,
    '<ipv6>': ipv6,
    '<ipv6/len>': `${ipv6}/\\d{1,3}`,
    '<mac>': prefix === 'VRP' ? '[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}' : '[0-9a-f]{2}(?::[0-9a-f]{2}){5}',
  };
  const source = form.split(/(<[a-z0-9/]+>)/).map(part => {
    if (/^<[a-z0-9/]+>$/.test(part)) {
      expect({ form, part, known: part in holes }).toEqual({ form, part, known: true });
      return holes[part];
    }
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('');
  return new RegExp(`^${source}$`);
}

/** The command lines of a configuration text (not its comments, separators or final newline). */
function commandLines(prefix: Prefix, text: string): string[] {
  const comment = prefix === 'VRP' ? '#' : '!';
  return text.split('\n').filter(l => l !== '' && !l.startsWith(comment));
}

describe('sources', () => {
  const dir = path.join(__dirname, '..', '..', 'src', 'topology', 'switch-config');
  test.each([['huawei-vrp.ts', 'VRP'], ['cisco-nxos.ts', 'NXOS'], ['arista-eos.ts', 'EOS']] as [string, Prefix][])('%s cites only listed %s documents', (file, prefix) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const cited = [...text.matchAll(/\[([A-Z0-9]+(?:-[A-Z0-9]+)+)\]/g)].map(m => m[1]);
    const listed = sourcesOf(prefix).map(src => src.id);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter(id => !listed.includes(id))).toEqual([]);
  });

  test.each(['VRP', 'NXOS', 'EOS'] as Prefix[])('every %s form names evidence from listed documents, at most once per form', prefix => {
    const listed = sourcesOf(prefix).map(src => src.id);
    for (const { form, evidence } of COMMAND_FORMS[prefix]) {
      expect({ form, evidence: evidence.length > 0 }).toEqual({ form, evidence: true });
      for (const e of evidence) expect({ form, source: e.split(' ')[0], listed: listed.includes(e.split(' ')[0]) }).toEqual({ form, source: e.split(' ')[0], listed: true });
    }
    const forms = COMMAND_FORMS[prefix].map(f => f.form);
    expect(forms.filter((f, i) => forms.indexOf(f) !== i)).toEqual([]);
  });

  test('every document is a URL; a repository file or folder is pinned to a commit', () => {
    for (const src of Object.values(SOURCES)) {
      expect(src.url).toMatch(/^https?:\/\/[^\s]+$/);
      if (src.url.startsWith('https://github.com/')) expect(src.url).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/(tree|blob)\/[0-9a-f]{40}(\/|$)/);
    }
  });
});

describe('every switch of both racks, in plan order, with a file name', () => {
  test.each([HUAWEI_VRRP, SwitchVendor.ciscoNxos({ firstHopRedundancy: FirstHopRedundancy.HSRP }), SwitchVendor.aristaEos()]
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
  test('an M-LAG pair with the plan\'s default VRRP is refused (documented as not supported on M-LAG); asked for, it is written', () => {
    const err = libraryError(() => renderSwitchConfigs(PLAN, SwitchVendor.huaweiVrp()));
    expect(err.field).toBe('switchConfig(Huawei VRP)');
    expect(err.problem).toMatch(/rack "rack-a": the plan gives the M-LAG pair VRRP gateways, which CloudEngine V300R023C00 documents as not supported on M-LAG/);
    expect(err.fix).toMatch(/firstHopRedundancy: FirstHopRedundancy.VARP/);
    expect(renderSwitchConfigs(PLAN, HUAWEI_VRRP)).toHaveLength(4);
  });

  const cfg = configs(HUAWEI_VRRP);
  const a1 = cfg.get('rack-a-tor1')!;
  const a2 = cfg.get('rack-a-tor2')!;
  const b1 = cfg.get('rack-b-tor1')!;

  test('header names the documents, the V200R019 DFS form, and VRRP on M-LAG as unverified', () => {
    expect(a1).toContain(`#   [VRP-DFS] ${SOURCES.vrpDfsGroup.title}: ${SOURCES.vrpDfsGroup.url}`);
    expect(a1).toContain(`#   [VRP-MLAG-EX4] ${SOURCES.vrpMlagExample.title}: ${SOURCES.vrpMlagExample.url}`);
    expect(a1.filter(l => l.startsWith('# Note: '))).toEqual([
      expect.stringMatching(/^# Note: the DFS group's "source ip <own> peer <peer>" is the V200R019 form \[VRP-DFS\]; V300R023C00 writes it "dual-active detection source ip/),
      expect.stringMatching(/^# Note: VRRP\/VRRP6 gateways on an M-LAG pair are UNVERIFIED: .*\[VRP-MLAG-VRRP\]\. SwitchVendor\.huaweiVrp\(\{ firstHopRedundancy: FirstHopRedundancy\.VARP \}\)/),
    ]);
  });

  test('[VRP-CMD] vlan batch; V-STP; dfs-group 1 with [VRP-DFS] source ip ... peer ..., in the order of the configuration scripts [VRP-MLAG-EX4]', () => {
    expect(a1).toContain('sysname rack-a-tor1');
    expect(a1).toContain('vlan batch 100 200');
    expect(a1).toEqual(expect.arrayContaining(['stp mode rstp', 'stp v-stp enable']));
    const order = ['sysname rack-a-tor1', 'dfs-group 1', 'vlan batch 100 200', 'stp v-stp enable', 'interface Vlanif100', 'interface Eth-Trunk1'].map(l => a1.indexOf(l));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(block(a1, 'dfs-group 1', '#')).toEqual(['dfs-group 1', ' priority 150', ' source ip 192.0.2.5 peer 192.0.2.6']);
    expect(block(a2, 'dfs-group 1', '#')).toEqual(['dfs-group 1', ' priority 100', ' source ip 192.0.2.6 peer 192.0.2.5']);
  });

  test('[VRP-CMD] Eth-Trunk in lacp-static mode, trunk allow-pass, dfs-group 1 m-lag; the peer-link takes no VLAN list (it joins every VLAN)', () => {
    expect(block(a1, 'interface Eth-Trunk1', '#')).toEqual(['interface Eth-Trunk1', ' description peer-link to rack-a-tor2', ' mode lacp-static', ' peer-link 1']);
    expect(block(a1, 'interface Eth-Trunk10', '#')).toEqual([
      'interface Eth-Trunk10', ' description rack-a-worker-1 bond0', ' port link-type trunk', ' port trunk allow-pass vlan 100 200',
      ' mode lacp-static', ' dfs-group 1 m-lag 10',
    ]);
    expect(block(a2, 'interface Ethernet1/2', '#')).toEqual(['interface Ethernet1/2', ' description rack-a-worker-2 ens256', ' eth-trunk 11']);
    expect(block(a1, 'interface Ethernet1/49', '#')).toEqual(['interface Ethernet1/49', ' description peer-link member to rack-a-tor2', ' eth-trunk 1']);
  });

  test('[VRP-CMD] real address with its mask; vrrp vrid virtual-ip / priority; vrrp6 link-local first, then the global virtual address', () => {
    expect(block(a1, 'interface Vlanif100', '#')).toEqual([
      'interface Vlanif100', ' mtu 9000',
      ' ip address 10.1.100.2 255.255.255.0', ' vrrp vrid 1 virtual-ip 10.1.100.1', ' vrrp vrid 1 priority 110',
      ' ipv6 enable', ' ipv6 address fd00:1:100::2/64',
      ' vrrp6 vrid 1 virtual-ip FE80::1 link-local', ' vrrp6 vrid 1 virtual-ip fd00:1:100::1', ' vrrp6 vrid 1 priority 110',
    ]);
    expect(block(a2, 'interface Vlanif200', '#')).toEqual([
      'interface Vlanif200', ' mtu 9000', ' ip address 10.1.200.3 255.255.255.0', ' vrrp vrid 1 virtual-ip 10.1.200.1', ' vrrp vrid 1 priority 100',
    ]);
    // rack B has its own subnets
    expect(b1).toContain(' vrrp vrid 1 virtual-ip 10.2.100.1');
    expect(a1[a1.length - 2]).toBe('return');
  });

  test('the IPv4 mask of "ip address <ipv4> <mask>" for any prefix length', () => {
    expect([0, 1, 8, 20, 24, 30, 31, 32].map(ipv4Mask)).toEqual([
      '0.0.0.0', '128.0.0.0', '255.0.0.0', '255.255.240.0', '255.255.255.0', '255.255.255.252', '255.255.255.254', '255.255.255.255',
    ]);
  });

  test('VARP: the M-LAG dual-active gateway, the gateway address and one virtual MAC on both switches [VRP-MLAG-EX4] [VRP-MLAG-EX6]', () => {
    const dual = configs(SwitchVendor.huaweiVrp({ firstHopRedundancy: FirstHopRedundancy.VARP }));
    for (const name of ['rack-a-tor1', 'rack-a-tor2']) {
      const lines = dual.get(name)!;
      expect(block(lines, 'interface Vlanif100', '#')).toEqual([
        'interface Vlanif100', ' mtu 9000', ' ip address 10.1.100.1 255.255.255.0', ' ipv6 enable', ' ipv6 address fd00:1:100::1/64', ' mac-address 0000-5e00-0101',
      ]);
      expect(block(lines, 'interface Vlanif200', '#')).toEqual(['interface Vlanif200', ' mtu 9000', ' ip address 10.1.200.1 255.255.255.0', ' mac-address 0000-5e00-0101']);
      expect(lines.some(l => l.includes('UNVERIFIED'))).toBe(false);
      expect(lines.some(l => l.includes('vrrp'))).toBe(false);
    }
    expect(libraryError(() => SwitchVendor.huaweiVrp({ firstHopRedundancy: 'glbp' as FirstHopRedundancy })).field).toBe('options.firstHopRedundancy');
  });
});

describe('Cisco NX-OS', () => {
  const cfg = configs(SwitchVendor.ciscoNxos({ firstHopRedundancy: FirstHopRedundancy.HSRP }));
  const a1 = cfg.get('rack-a-tor1')!;
  const a2 = cfg.get('rack-a-tor2')!;

  test('features, vpc domain, peer-keepalive in the management VRF [NXOS-ANSIBLE]; the mgmt0 addresses are left to the operator', () => {
    expect(a1.filter(l => l.startsWith('! Note: '))).toEqual([expect.stringContaining('mgmt0 addresses in VRF management')]);
    expect(a1).toEqual(expect.arrayContaining(['hostname rack-a-tor1', 'feature lacp', 'feature vpc', 'feature interface-vlan', 'feature hsrp', 'vlan 100,200']));
    expect(block(a1, 'vpc domain 1', '!')).toEqual(['vpc domain 1', '  peer-keepalive destination 192.0.2.6 source 192.0.2.5 vrf management']);
    expect(block(a2, 'vpc domain 1', '!')).toEqual(['vpc domain 1', '  peer-keepalive destination 192.0.2.5 source 192.0.2.6 vrf management']);
  });

  test('peer link and vPC member port channels, trunk, allowed VLANs, jumbo MTU 9216, channel-group mode active', () => {
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

  test('[NXOS-GRAMMAR] hsrp version 2, hsrp <group> / priority / preempt / ip, IPv6 group "hsrp <group> ipv6" with ip autoconfig and the global virtual address [NXOS-CONFIGS]', () => {
    expect(block(a1, 'interface Vlan100', '!')).toEqual([
      'interface Vlan100', '  no shutdown', '  mtu 9000', '  ip address 10.1.100.2/24', '  ipv6 address fd00:1:100::2/64', '  hsrp version 2',
      '  hsrp 1', '    priority 110', '    preempt', '    ip 10.1.100.1',
      '  hsrp 1 ipv6', '    priority 110', '    preempt', '    ip autoconfig', '    ip fd00:1:100::1',
    ]);
    expect(block(a2, 'interface Vlan200', '!')).toEqual([
      'interface Vlan200', '  no shutdown', '  mtu 9000', '  ip address 10.1.200.3/24', '  hsrp version 2',
      '  hsrp 1', '    priority 100', '    preempt', '    ip 10.1.200.1',
    ]);
  });

  test('[NXOS-ANSIBLE] vrrp <group> / address / priority / no shutdown on an IPv4-only rack', () => {
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

  test('[EOS-AVD-MLAG] peer VLAN in a trunk group, spanning tree off, peer-link port channel, mlag configuration', () => {
    expect(block(a1, 'vlan 4094', '!')).toEqual(['vlan 4094', '   name mlag-peer', '   trunk group mlag-peer']);
    expect(a1).toContain('no spanning-tree vlan-id 4094');
    expect(block(a1, 'interface Port-Channel1', '!')).toEqual([
      'interface Port-Channel1', '   description peer-link to rack-a-tor2', '   switchport trunk allowed vlan 100,200,4094',
      '   switchport mode trunk', '   switchport trunk group mlag-peer',
    ]);
    expect(block(a1, 'interface Vlan4094', '!')).toEqual(['interface Vlan4094', '   description mlag peer', '   no autostate', '   ip address 192.0.2.5/30']);
    expect(block(a2, 'mlag configuration', '!')).toEqual([
      'mlag configuration', '   domain-id rack-a-1', '   local-interface Vlan4094', '   peer-address 192.0.2.5', '   peer-link Port-Channel1',
    ]);
  });

  test('[EOS-AVD] node port channels with "mlag <id>", members with channel-group mode active', () => {
    expect(block(a1, 'interface Port-Channel10', '!')).toEqual([
      'interface Port-Channel10', '   description rack-a-worker-1 bond0', '   switchport trunk allowed vlan 100,200', '   switchport mode trunk', '   mlag 10',
    ]);
    expect(block(a2, 'interface Ethernet1/1', '!')).toEqual(['interface Ethernet1/1', '   description rack-a-worker-1 ens256', '   channel-group 10 mode active']);
  });

  test('[EOS-AVD] VRRP: one priority-level per virtual router, then vrrp <id> ipv4 / ipv6 (one VRID for both families)', () => {
    expect(block(a1, 'interface Vlan100', '!')).toEqual([
      'interface Vlan100', '   mtu 9000', '   ip address 10.1.100.2/24', '   ipv6 address fd00:1:100::2/64',
      '   vrrp 1 priority-level 110', '   vrrp 1 ipv4 10.1.100.1', '   vrrp 1 ipv6 fd00:1:100::1',
    ]);
    expect(block(a2, 'interface Vlan200', '!')).toEqual(['interface Vlan200', '   mtu 9000', '   ip address 10.1.200.3/24', '   vrrp 1 priority-level 100', '   vrrp 1 ipv4 10.1.200.1']);
    expect(a1).toEqual(expect.arrayContaining(['ip routing', 'ipv6 unicast-routing']));
  });

  test('[EOS-AVD] VARP: ip / ipv6 virtual-router address and one virtual MAC', () => {
    const v1 = varp.get('rack-b-tor2')!;
    expect(v1).toContain('ip virtual-router mac-address 02:1c:73:00:00:01');
    expect(block(v1, 'interface Vlan100', '!')).toEqual([
      'interface Vlan100', '   mtu 9000', '   ip address 10.2.100.3/24', '   ipv6 address fd00:2:100::3/64',
      '   ip virtual-router address 10.2.100.1', '   ipv6 virtual-router address fd00:2:100::1',
    ]);
  });
});

describe('what a vendor cannot express is refused', () => {
  test('HSRP on Huawei VRP and Arista EOS, VARP on NX-OS', () => {
    expect(libraryError(() => rack('rack-a', 1).switchConfig(SwitchVendor.huaweiVrp({ firstHopRedundancy: FirstHopRedundancy.HSRP }))).fix)
      .toMatch(/FirstHopRedundancy\.VRRP, FirstHopRedundancy\.VARP/);
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
    expect(clash.switchConfig(HUAWEI_VRRP)).toHaveLength(2);
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
    expect(lines).toContain(' ip address 10.4.100.1 255.255.255.0');
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

  test('consecutive ids become ranges: "a-b" on NX-OS and EOS, "a to b" on VRP', () => {
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
    expect(block(vrp, 'interface Vlanif100', '#')).toEqual(['interface Vlanif100', ' mtu 1500', ' ip address 192.168.100.1 255.255.255.0']);
    expect(block(vrp, 'interface Ethernet1/2', '#')).toEqual(['interface Ethernet1/2', ' description w1 ens256', ' port link-type trunk', ' port trunk allow-pass vlan 100']);
    expect(vrp.some(l => l.startsWith('interface Eth-Trunk'))).toBe(false);
    const nxos = one.switchConfig(SwitchVendor.ciscoNxos())[0].text.split('\n');
    expect(nxos).not.toContain('feature vpc');
    expect(block(nxos, 'interface Vlan100', '!')).toEqual(['interface Vlan100', '  no shutdown', '  mtu 1500', '  ip address 192.168.100.1/24']);
    const eos = one.switchConfig(SwitchVendor.aristaEos())[0].text.split('\n');
    expect(block(eos, 'interface Ethernet1/1', '!')).toEqual(['interface Ethernet1/1', '   description w1 ens224', '   switchport trunk allowed vlan 100', '   switchport mode trunk']);
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

describe('every line of every configuration is an evidenced command form (COMMAND_FORMS)', () => {
  const r = PLAN.racks[0];
  const v4Only: SwitchPlan = {
    racks: PLAN.racks.map(k => ({ ...k, vlans: k.vlans.map(v => ({ ...v, vlanInterfaces: v.vlanInterfaces.filter(i => i.ipVersion === 4) })) })),
  };
  const staticLag: SwitchPlan = { racks: [{ ...r, aggregation: SwitchPortAggregation.STATIC }] };
  const single = new VlanTopology(new Chart(testApp(), 'c'), 'one', {
    bond: { members: ['ens224', 'ens256'], mode: BondMode.ACTIVE_BACKUP, options: { miimon: 100 } },
    vlans: [{ id: 100, ipv4: { subnet: '192.168.100.0/24', gateway: '192.168.100.1' } }],
    switches: { names: ['tor'], nodes: [{ node: 'w1', ports: ['Ethernet1/1', 'Ethernet1/2'] }] },
  }).switchPlan();
  const stack = rack('rack-s', 4, { names: ['stack-1', 'stack-2'], redundancy: SwitchRedundancy.STACK, peerLink: undefined, nodes: [{ node: 'w1', ports: ['10GE1/0/1', '10GE2/0/1'] }] }).switchPlan();
  const corpus: [string, SwitchVendor, SwitchPlan][] = [
    ['VRRP', HUAWEI_VRRP, PLAN],
    ['dual-active gateway', SwitchVendor.huaweiVrp({ firstHopRedundancy: FirstHopRedundancy.VARP }), PLAN],
    ['static Eth-Trunk', HUAWEI_VRRP, staticLag],
    ['one switch', SwitchVendor.huaweiVrp(), single],
    ['stack', SwitchVendor.huaweiVrp(), stack],
    ['HSRP', SwitchVendor.ciscoNxos({ firstHopRedundancy: FirstHopRedundancy.HSRP }), PLAN],
    ['VRRP (IPv4)', SwitchVendor.ciscoNxos(), v4Only],
    ['static port channel', SwitchVendor.ciscoNxos({ firstHopRedundancy: FirstHopRedundancy.HSRP }), staticLag],
    ['one switch', SwitchVendor.ciscoNxos(), single],
    ['VRRP', SwitchVendor.aristaEos(), PLAN],
    ['VARP', SwitchVendor.aristaEos({ firstHopRedundancy: FirstHopRedundancy.VARP }), PLAN],
    ['static port channel', SwitchVendor.aristaEos(), staticLag],
    ['one switch', SwitchVendor.aristaEos(), single],
  ];
  const rendered = corpus.flatMap(([what, vendor, plan]) => renderSwitchConfigs(plan, vendor).map(c => ({ what, prefix: PREFIX[c.vendor], c })));
  const patterns = (prefix: Prefix): { form: string; pattern: RegExp }[] =>
    COMMAND_FORMS[prefix].map(f => ({ form: f.form, pattern: formPattern(prefix, f.form) }));

  test.each(['VRP', 'NXOS', 'EOS'] as Prefix[])('%s: no line without a form, no form without a line', prefix => {
    const forms = patterns(prefix);
    const used = new Set<string>();
    const unmatched: string[] = [];
    for (const { what, c } of rendered.filter(x => x.prefix === prefix)) {
      for (const line of commandLines(prefix, c.text)) {
        const hit = forms.filter(f => f.pattern.test(line));
        if (hit.length === 0) unmatched.push(`${what} ${c.switchName}: ${JSON.stringify(line)}`);
        for (const f of hit) used.add(f.form);
      }
    }
    expect(unmatched).toEqual([]);
    expect(forms.map(f => f.form).filter(f => !used.has(f))).toEqual([]);
  });

  test.each(['VRP', 'NXOS', 'EOS'] as Prefix[])('%s: every listed document backs a form or a comment of the text', prefix => {
    const byForms = new Set(COMMAND_FORMS[prefix].flatMap(f => f.evidence.map(e => e.split(' ')[0])));
    const inComments = new Set(rendered.filter(x => x.prefix === prefix)
      .flatMap(x => x.c.text.split('\n').filter(l => !/^[#!]\s+\[[A-Z0-9-]+\] /.test(l)))
      .flatMap(l => [...l.matchAll(/\[([A-Z0-9]+(?:-[A-Z0-9]+)+)\]/g)].map(m => m[1])));
    expect(sourcesOf(prefix).map(s => s.id).filter(id => !byForms.has(id) && !inComments.has(id))).toEqual([]);
  });

  test('a line the table does not hold is caught (the check can fail)', () => {
    const forms = patterns('EOS');
    expect(forms.some(f => f.pattern.test('   vrrp 1 ip 10.0.0.1'))).toBe(false);
    expect(forms.some(f => f.pattern.test('   vrrp 1 ipv4 10.0.0.1'))).toBe(true);
    expect(patterns('VRP').some(f => f.pattern.test(' ip address 10.0.0.1 24'))).toBe(false);
  });
});
