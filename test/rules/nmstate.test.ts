import { ApiObject } from 'cdk8s';
import { NMSTATE_RULE_IDS, lines, lintYaml, ruleIds } from './helpers';
import { addVlanTopologyScenario } from '../../examples/vlan-topology';
import { BondMode } from '../../src';
import { BOND_MODES } from '../../src/net';
import { RULES, checkNodeNetworkConfigurationPolicy, lintManifests } from '../../src/rules';
import { findObject, testApp } from '../support/synth';

/** A policy with the given `interfaces:` items (YAML, indented 6) and extra spec lines (indented 2). */
function policy(interfaces: string, spec = '  nodeSelector: {node-role.kubernetes.io/worker: ""}\n'): string {
  return `apiVersion: nmstate.io/v1
kind: NodeNetworkConfigurationPolicy
metadata: {name: fabric}
spec:
${spec}  desiredState:
    interfaces:
${interfaces}`;
}

const BOND = (la = 'mode: 802.3ad, options: {miimon: "100"}, port: [ens224, ens256]', extra = '') =>
  `      - {name: bond0, type: bond, state: up, mtu: 1500${extra}, link-aggregation: {${la}}}\n`;
const VLAN = (name: string, vlan: string, extra = '') => `      - {name: ${name}, type: vlan, state: up${extra}, vlan: {${vlan}}}\n`;
const V100 = VLAN('bond0.100', 'base-iface: bond0, id: 100, reorder-headers: true');

/** Lint output of one policy, one line per finding. */
const lint = (text: string) => lines(lintYaml(text));

describe('NodeNetworkConfigurationPolicy rules through lintManifests', () => {
  test('MV026 VLAN id out of range, missing, and the same VLAN under two names', () => {
    expect(lint(policy(BOND() + VLAN('bond0.0', 'base-iface: bond0, id: 0')))).toBe(
      'MV026 error NodeNetworkConfigurationPolicy fabric spec.desiredState.interfaces[1].vlan.id: VLAN id 0 is not an integer 1-4094. '
      + 'Fix: use 1-4094 (0 only tags priority, 4095 is reserved)');
    expect(lint(policy(BOND() + VLAN('bond0.x', 'base-iface: bond0')))).toMatch(/^MV026 error .*interfaces\[1\]\.vlan\.id: the VLAN has no id\. Fix: give the 802\.1Q VLAN id, 1-4094$/);
    expect(lint(policy(BOND() + V100 + VLAN('storage', 'base-iface: bond0, id: 100'))))
      .toBe('MV026 error NodeNetworkConfigurationPolicy fabric spec.desiredState.interfaces[2].vlan.id: VLAN 100 on base-iface "bond0" is already '
        + 'spec.desiredState.interfaces[1] ("bond0.100"). Fix: give each VLAN once: one interface per VLAN id and base interface');
    // the same id on another base interface is another VLAN
    expect(lint(policy(BOND() + V100 + VLAN('ens192.100', 'base-iface: ens192, id: 100')))).toBe('');
  });

  test('MV027 interface names: too long, missing, bad characters in ports and base-iface', () => {
    expect(lint(policy(VLAN('enp175s0f0np0.100', 'base-iface: enp175s0f0np0, id: 100')))).toBe(
      'MV027 error NodeNetworkConfigurationPolicy fabric spec.desiredState.interfaces[0].name: VLAN sub-interface "enp175s0f0np0.100" is 17 bytes long; '
      + 'Linux interface names are at most 15 bytes. Fix: shorten the base interface name (at most 11 bytes for VLAN 100) or name the VLAN differently, e.g. "vlan100"');
    const out = lint(policy(BOND('mode: 802.3ad, port: ["ens 224", ens256]') + '      - {type: ethernet, state: up}\n' + VLAN('v7', 'base-iface: "eth:0", id: 7')));
    expect(out).toMatch(/^MV027 error .*interfaces\[0\]\.link-aggregation\.port\[0\]: port "ens 224" contains whitespace/m);
    expect(out).toMatch(/^MV027 error .*interfaces\[1\]\.name: the interface has no name/m);
    expect(out).toMatch(/^MV027 error .*interfaces\[2\]\.vlan\.base-iface: base-iface "eth:0" contains ":"/m);
    // a VLAN named after an invalid bond is reported once, at the bond
    const bad = lint(policy(BOND().replace('name: bond0', 'name: "bond:0"') + VLAN('bond:0.100', 'base-iface: "bond:0", id: 100')));
    expect(bad).toMatch(/^MV027 error .*interfaces\[0\]\.name: bond name "bond:0" contains ":".*Fix: use a short name such as "bond0"/);
    expect(bad.split('\n')).toHaveLength(1);
  });

  test('MV028 ports: empty, repeated, the bond itself, both port and slaves', () => {
    expect(lint(policy(BOND('mode: 802.3ad, port: []')))).toBe('MV028 error NodeNetworkConfigurationPolicy fabric spec.desiredState.interfaces[0].link-aggregation.port: '
      + 'the bond has no port (member NIC). Fix: list the host NICs to bond under port, e.g. [ens224, ens256]');
    expect(lint(policy(BOND('mode: 802.3ad')))).toMatch(/^MV028 error .*link-aggregation\.port: the bond has no port/);
    expect(lint(policy(BOND('mode: 802.3ad, port: [ens224, ens256, ens224]'))))
      .toMatch(/^MV028 error .*link-aggregation\.port\[2\]: port "ens224" is already spec\.desiredState\.interfaces\[0\]\.link-aggregation\.port\[0\]\. Fix: list each NIC once$/);
    expect(lint(policy(BOND('mode: 802.3ad, port: [ens224, bond0]')))).toMatch(/port\[1\]: port "bond0" is the bond itself/);
    expect(lint(policy(BOND('mode: 802.3ad, port: [ens224], slaves: [ens224]'))))
      .toMatch(/^MV028 error .*link-aggregation\.slaves: the bond lists both port and the deprecated slaves\. Fix: keep port only/);
  });

  test('MV029 options that do not suit the mode or the ports', () => {
    const opts = (mode: string, options: string) => lint(policy(BOND(`mode: ${mode}, options: {${options}}, port: [ens224, ens256]`)));
    expect(opts('active-backup', 'lacp_rate: fast')).toBe('MV029 error NodeNetworkConfigurationPolicy fabric spec.desiredState.interfaces[0].link-aggregation.options.lacp_rate: '
      + 'lacp_rate "fast" only applies to mode 802.3ad, not active-backup. Fix: remove lacp_rate or use mode 802.3ad');
    expect(opts('active-backup', 'xmit_hash_policy: layer3+4')).toMatch(/options\.xmit_hash_policy: xmit_hash_policy "layer3\+4" only applies to modes balance-xor, 802\.3ad, balance-tlb, not active-backup/);
    expect(opts('balance-tlb', 'xmit_hash_policy: layer2+3')).toBe('');
    expect(opts('802.3ad', 'primary: ens224')).toMatch(/options\.primary: primary "ens224" only applies to modes active-backup, balance-tlb, balance-alb, not 802\.3ad/);
    expect(opts('active-backup', 'primary: ens999')).toMatch(/options\.primary: primary "ens999" is not a port of the bond \(ens224, ens256\)\. Fix: name one of the ports$/);
    expect(opts('802.3ad', 'arp_interval: "200", arp_ip_target: 10.0.0.1')).toMatch(/options\.arp_interval: ARP monitoring does not work with bond mode 802\.3ad\. Fix: use miimon instead$/);
    expect(opts('active-backup', 'arp_interval: 200')).toMatch(/options\.arp_ip_target: arp_interval 200 is set but there is no ARP target/);
    expect(opts('active-backup', 'arp_interval: 200, arp_ip_target: "10.0.0.1,fd00::1"')).toMatch(/options\.arp_ip_target: ARP target "fd00::1" is not an IPv4 address/);
    expect(opts('802.3ad', 'miimon: "-1"')).toMatch(/options\.miimon: miimon -1 is not a non-negative integer/);
    expect(opts('802.3ad', 'lacp_rate: quick')).toMatch(/options\.lacp_rate: lacp_rate "quick" is not slow or fast/);
    expect(opts('active-backup', 'miimon: 100, primary: ens224')).toBe('');
  });

  test('MV030 miimon and arp_interval together', () => {
    expect(lint(policy(BOND('mode: active-backup, options: {miimon: "100", arp_interval: "200", arp_ip_target: 10.0.0.1}, port: [ens224]'))))
      .toBe('MV030 error NodeNetworkConfigurationPolicy fabric spec.desiredState.interfaces[0].link-aggregation.options: miimon 100 and arp_interval 200 are both set. '
        + 'Fix: keep one link monitor: miimon (usual with LACP) or arp_interval with arp_ip_target');
    expect(lint(policy(BOND('mode: active-backup, options: {miimon: "0", arp_interval: "200", arp_ip_target: 10.0.0.1}, port: [ens224]')))).toBe('');
  });

  test('MV031 VLAN MTU above its base interface MTU (when both are in the policy); MTUs out of range', () => {
    expect(lint(policy(BOND() + VLAN('bond0.100', 'base-iface: bond0, id: 100', ', mtu: 9000')))).toBe(
      'MV031 error NodeNetworkConfigurationPolicy fabric spec.desiredState.interfaces[1].mtu: MTU 9000 of "bond0.100" exceeds the MTU 1500 of its base interface "bond0". '
      + 'Fix: lower the VLAN MTU to at most 1500 or raise the MTU of "bond0" (and the switch trunk MTU)');
    // the base interface is not in the policy: nothing to compare
    expect(lint(policy(VLAN('ens192.100', 'base-iface: ens192, id: 100', ', mtu: 9000')))).toBe('');
    expect(lint(policy(BOND().replace('mtu: 1500', 'mtu: 40')))).toMatch(/^MV031 error .*interfaces\[0\]\.mtu: MTU 40 of "bond0" is not an integer 68-65535\. Fix: use e\.g\. 1500 or 9000$/);
  });

  test('MV079 bond mode missing or not one of the 7', () => {
    expect(lint(policy(BOND('port: [ens224, ens256]')))).toBe('MV079 error NodeNetworkConfigurationPolicy fabric spec.desiredState.interfaces[0].link-aggregation.mode: '
      + 'the bond has no mode (nmstate requires it). Fix: set mode to one of balance-rr, active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, balance-alb');
    expect(lint(policy(BOND('mode: 4, port: [ens224]')))).toMatch(/link-aggregation\.mode: mode 4 is not a bonding mode\. Fix: write the name of mode 4: "802\.3ad"$/);
    expect(lint(policy(BOND('mode: lacp, port: [ens224]')))).toMatch(/link-aggregation\.mode: mode "lacp" is not a bonding mode\. Fix: use one of balance-rr/);
    expect(lint(policy('      - {name: bond0, type: bond, state: up}\n'))).toMatch(/^MV079 error .*interfaces\[0\]\.link-aggregation: the bond has no link-aggregation \(mode and port\)/);
  });

  test('MV080 the deprecated slaves (a warning; its list is still checked as the ports)', () => {
    expect(lint(policy(BOND('mode: 802.3ad, slaves: [ens224, ens256]')))).toBe('MV080 warning NodeNetworkConfigurationPolicy fabric '
      + 'spec.desiredState.interfaces[0].link-aggregation.slaves: slaves is the deprecated name of port. Fix: use port');
    expect(ruleIds(lintYaml(policy(BOND('mode: 802.3ad, slaves: [ens224, ens224]'))))).toEqual(['MV028', 'MV080']);
  });

  test('MV081 reorder-headers: false', () => {
    expect(lint(policy(BOND() + VLAN('bond0.100', 'base-iface: bond0, id: 100, reorder-headers: false')))).toBe('MV081 warning NodeNetworkConfigurationPolicy fabric '
      + 'spec.desiredState.interfaces[1].vlan.reorder-headers: reorder-headers is false, so frames of this VLAN keep their tag on the way up the stack. '
      + 'Fix: set reorder-headers: true (the default): macvlan pods on this VLAN can lose traffic to pods on the same host otherwise');
    // unset is the kernel default (on)
    expect(lint(policy(BOND() + VLAN('bond0.100', 'base-iface: bond0, id: 100')))).toBe('');
  });

  test('MV082 base-iface missing, or removed by the same policy', () => {
    expect(lint(policy(BOND() + VLAN('bond0.100', 'id: 100')))).toBe('MV082 error NodeNetworkConfigurationPolicy fabric spec.desiredState.interfaces[1].vlan.base-iface: '
      + 'the VLAN has no base-iface. Fix: name the interface that carries the VLAN, e.g. base-iface: bond0');
    expect(lint(policy('      - {name: bond0, type: bond, state: absent}\n' + V100))).toBe('MV082 error NodeNetworkConfigurationPolicy fabric '
      + 'spec.desiredState.interfaces[1].vlan.base-iface: base-iface "bond0" is removed by this policy (spec.desiredState.interfaces[0] has state: absent). '
      + 'Fix: remove this VLAN too (state: absent), or keep "bond0" (state: up)');
  });

  test('MV083 nodeSelector values, maxUnavailable, the interfaces list', () => {
    expect(lint(policy(V100, '  nodeSelector:\n    node-role.kubernetes.io/worker:\n    rack: 7\n  maxUnavailable: "3"\n'))).toBe([
      'MV083 error NodeNetworkConfigurationPolicy fabric spec.nodeSelector[node-role.kubernetes.io/worker]: the value of "node-role.kubernetes.io/worker" is null '
      + '(YAML reads an empty value as null), not a string. Fix: write node-role.kubernetes.io/worker: "" for a label that only has to exist',
      'MV083 error NodeNetworkConfigurationPolicy fabric spec.nodeSelector[rack]: the value of "rack" is number 7, not a string. Fix: quote it: rack: "7"',
      'MV083 error NodeNetworkConfigurationPolicy fabric spec.maxUnavailable: maxUnavailable "3" is neither a non-negative integer nor a percentage "0%"-"100%". '
      + 'Fix: write 3 (a number, unquoted) or "3%"',
    ].join('\n'));
    for (const ok of ['3', '"25%"', '"100%"']) expect(lint(policy(V100, `  maxUnavailable: ${ok}\n`))).toBe('');
    expect(lint(policy(V100, '  maxUnavailable: "150%"\n'))).toMatch(/^MV083 error .*spec\.maxUnavailable: maxUnavailable "150%" is neither/);
    expect(lint('apiVersion: nmstate.io/v1\nkind: NodeNetworkConfigurationPolicy\nmetadata: {name: x}\nspec: {desiredState: {interfaces: {name: bond0}}}\n'))
      .toMatch(/^MV083 error .*spec\.desiredState\.interfaces: \{"name":"bond0"\} is not a list/);
  });

  test('MV083 interfaces from an nmpolicy capture (kubernetes-nmstate docs/examples/lldp.yaml): the capture must be defined', () => {
    const captured = (capture: string) => `apiVersion: nmstate.io/v1
kind: NodeNetworkConfigurationPolicy
metadata: {name: enable-lldp}
spec:
  capture:
${capture}
  desiredState:
    interfaces: "{{ capture.ethernets-lldp.interfaces }}"
`;
    expect(lint(captured('    ethernets: interfaces.type=="ethernet"\n    ethernets-lldp: capture.ethernets | interfaces.lldp.enabled:=true'))).toBe('');
    expect(lint(captured('    ethernets: interfaces.type=="ethernet"'))).toMatch(
      /^MV083 error NodeNetworkConfigurationPolicy enable-lldp spec\.desiredState\.interfaces: .* uses capture "ethernets-lldp", which spec\.capture does not define, so nmstate cannot resolve it/);
  });

  test('MV083 the policy name must be a DNS-1123 subdomain (lint and VlanTopology run the same check)', () => {
    const bad = policy(V100).replace('metadata: {name: fabric}', 'metadata: {name: Bond0_VLANs}');
    expect(ruleIds(lintYaml(bad))).toEqual(['MV083']);
    expect(lintYaml(bad)[0].field).toBe('metadata.name');
    expect(ruleIds(lintYaml(policy(V100)))).toEqual([]);
  });

  test('the bond mode table is the BondMode enum, in kernel order', () => {
    expect(Object.values(BondMode)).toEqual(BOND_MODES);
  });

  test('state: absent interfaces are not checked (only as a VLAN base)', () => {
    expect(lint(policy('      - {name: enp175s0f0np0.100, type: vlan, state: absent}\n      - {name: bond9, type: bond, state: absent}\n'))).toBe('');
  });

  test('each rule id of this file is one of the catalog with its severity and docs link', () => {
    const byId = new Map(Object.values(RULES).map(r => [r.id, r]));
    const findings = lintYaml(policy(BOND('mode: 802.3ad, slaves: [ens224]') + VLAN('bond0.100', 'base-iface: bond0, id: 100, reorder-headers: false')));
    for (const f of findings) {
      expect(NMSTATE_RULE_IDS).toContain(f.rule);
      expect(f.severity).toBe(byId.get(f.rule)!.severity);
      expect(f.docs).toBe(`cdk8s-macvlan explain ${f.rule}`);
    }
    expect(findings.map(f => f.severity)).toEqual(['warning', 'warning']);
  });

  test('malformed policies never throw', () => {
    const badBond = { 'name': 'b', 'type': 'bond', 'link-aggregation': { mode: {}, port: 'x', options: [] } };
    const badBond2 = { 'name': 'b2', 'type': 'bond', 'link-aggregation': { 'mode': 'active-backup', 'ports-config': [null, { name: 1 }], 'options': { arp_ip_target: {}, primary: null } } };
    const badVlans = [{ name: 'v', type: 'vlan', vlan: 7 }, { name: 'v2', type: 'vlan', vlan: { 'id': '100', 'base-iface': 3 } }];
    const interfaces = [null, 1, { name: 5 }, badBond, ...badVlans, badBond2];
    const weird: unknown[] = [null, 3, 'x', {}, { spec: null }, { spec: { desiredState: 5 } }, { spec: { nodeSelector: [1], maxUnavailable: {} } },
      { spec: { desiredState: { interfaces } } }];
    for (const w of weird) expect(() => checkNodeNetworkConfigurationPolicy(w as any)).not.toThrow();
    expect(checkNodeNetworkConfigurationPolicy(weird[7] as any).length).toBeGreaterThan(5);
  });
});

describe('the seed topology synthesizes a clean policy', () => {
  const app = testApp();
  const { chart } = addVlanTopologyScenario(app);
  // the objects as synthesized (each rendered alone: the other constructs' synth validation is not in question here)
  const objects: any[] = chart.node.findAll().filter(ApiObject.isApiObject).map(o => o.toJson());

  test('its NodeNetworkConfigurationPolicy has no finding, alone or linted with the rest of the chart', () => {
    const nncp = findObject(objects, 'NodeNetworkConfigurationPolicy', 'bond0-vlans');
    expect(nncp.spec.desiredState.interfaces).toHaveLength(3);
    expect(checkNodeNetworkConfigurationPolicy(nncp)).toEqual([]);
    expect(lintManifests([nncp]).flatMap(r => r.findings)).toEqual([]);
    expect(lintManifests(objects).filter(r => r.object.kind === 'NodeNetworkConfigurationPolicy')).toEqual([
      expect.objectContaining({ object: expect.objectContaining({ name: 'bond0-vlans' }), findings: [] }),
    ]);
  });
});
