/**
 * Fabric: racks with their own subnets, networks spanning them, per-rack pools pinned with nodeAffinity, per-rack
 * host policies; the props rules MV190-MV193 and the placement rules (MV172/MV173/MV194) on workloads across racks.
 */
import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  BondMode, CapacityStatus, Fabric, FabricProps, FabricRackProps, HostInterfaces, IpPool, NodeAddresses, PodNetworks, VlanOffer,
} from '../../src';
import { lintManifests } from '../../src/rules';
import { ValidationEngine } from '../../src/validation/engine';
import { libraryError } from '../support/errors';
import { findObject, synthObjects, testApp } from '../support/synth';

const silenced = process.env.CDK8S_MACVLAN_QUIET;
beforeAll(() => { process.env.CDK8S_MACVLAN_QUIET = '1'; });
afterAll(() => { if (silenced === undefined) delete process.env.CDK8S_MACVLAN_QUIET; else process.env.CDK8S_MACVLAN_QUIET = silenced; });

const KEY = 'network.example.com/rack';

function rack(name: string, n: number, vlans = [100, 200], extra: Partial<FabricRackProps> = {}): FabricRackProps {
  return {
    name,
    nodeSelector: { [KEY]: name },
    vlans: vlans.map(id => ({
      id,
      ipv4: { subnet: `10.${id % 256}.${n}.0/24`, gateway: `10.${id % 256}.${n}.1` },
      ipv6: { subnet: `fd00:${id}:${n}::/64`, gateway: `fd00:${id}:${n}::1` },
    })),
    ...extra,
  };
}

const BOND = { name: 'bond0', members: ['ens224', 'ens256'], mode: BondMode.IEEE_802_3AD, options: { miimon: 100 } };

function build(props: Partial<FabricProps> = {}) {
  const app = testApp();
  const chart = new Chart(app, 'chart');
  const fabric = new Fabric(chart, 'fab', {
    bond: BOND,
    vlans: [{ id: 100, offer: VlanOffer.BOTH }, { id: 200 }],
    racks: [rack('r1', 1), rack('r2', 2)],
    ...props,
  });
  return { app, chart, fabric };
}

function deployment(chart: Chart, name: string): kplus.Deployment {
  return new kplus.Deployment(chart, name, { metadata: { name, namespace: 'default' }, replicas: 2, containers: [{ image: 'nginx:1.27' }] });
}

/** Synth findings as `rule field` lines, and lint's of the same objects (placement included). */
function findings(app: ReturnType<typeof testApp>, chart: Chart) {
  ValidationEngine.of(app).startPass();
  const synth = ValidationEngine.of(app).findings().map(f => `${f.finding.rule} ${f.object?.name ?? f.subject}`).sort();
  // what synth writes, without its validation
  const objects = chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map(o => o.toJson());
  const lint = lintManifests(objects).flatMap(r => r.findings).map(f => `${f.rule} ${f.object.name}`).sort();
  return { synth, lint };
}

describe('objects', () => {
  test('one NAD per network, per rack and network one pool per family pinned to the rack, one host policy per rack', () => {
    const { chart, fabric } = build();
    const objects = synthObjects(chart);
    const kinds = (k: string) => objects.filter(o => o.kind === k).map(o => o.metadata.name).sort();
    expect(kinds('NetworkAttachmentDefinition')).toEqual(['macvlan-overlay-vlan100', 'macvlan-standalone-vlan100', 'macvlan-standalone-vlan200']);
    expect(kinds('NodeNetworkConfigurationPolicy')).toEqual(['bond0-vlans-r1', 'bond0-vlans-r2']);
    expect(kinds('SpiderIPPool')).toEqual([
      'vlan100-overlay-r1-v4', 'vlan100-overlay-r1-v6', 'vlan100-overlay-r2-v4', 'vlan100-overlay-r2-v6',
      'vlan100-standalone-r1-v4', 'vlan100-standalone-r1-v6', 'vlan100-standalone-r2-v4', 'vlan100-standalone-r2-v6',
      'vlan200-standalone-r1-v4', 'vlan200-standalone-r1-v6', 'vlan200-standalone-r2-v4', 'vlan200-standalone-r2-v6',
    ]);
    const pool = findObject(objects, 'SpiderIPPool', 'vlan100-standalone-r2-v4');
    expect(pool.spec).toMatchObject({ subnet: '10.100.2.0/24', gateway: '10.100.2.1', nodeAffinity: { matchLabels: { [KEY]: 'r2' } }, multusName: ['kube-system/macvlan-standalone-vlan100'] });
    // BOTH: the rack's range split between the offers
    expect(pool.spec.ips).toEqual(['10.100.2.2-10.100.2.128']);
    expect(findObject(objects, 'SpiderIPPool', 'vlan100-overlay-r2-v4').spec.ips).toEqual(['10.100.2.129-10.100.2.254']);
    const policy = findObject(objects, 'NodeNetworkConfigurationPolicy', 'bond0-vlans-r1');
    expect(policy.spec.nodeSelector).toEqual({ [KEY]: 'r1' });
    expect(policy.spec.desiredState.interfaces.map((i: any) => i.name)).toEqual(['bond0', 'bond0.100', 'bond0.200']);
    const nad = JSON.parse(findObject(objects, 'NetworkAttachmentDefinition', 'macvlan-standalone-vlan100').spec.config);
    expect(nad.plugins[0]).toMatchObject({ master: 'bond0.100', ipam: { default_ipv4_ippool: ['vlan100-standalone-r1-v4', 'vlan100-standalone-r2-v4'] } });
    expect(fabric.rackPools('r2', 100, VlanOffer.OVERLAY).map(p => p.name)).toEqual(['vlan100-overlay-r2-v4', 'vlan100-overlay-r2-v6']);
    expect(fabric.hostPolicy('r2')!.name).toBe('bond0-vlans-r2');
  });

  test('a rack with its own bond gets it in its policy; a rack may carry some VLANs only', () => {
    const { chart } = build({
      racks: [rack('r1', 1), rack('r2', 2, [100], { bond: { members: ['eno1', 'eno2'], mode: BondMode.ACTIVE_BACKUP, options: { miimon: 100 } } })],
    });
    const objects = synthObjects(chart);
    const policy = findObject(objects, 'NodeNetworkConfigurationPolicy', 'bond0-vlans-r2');
    expect(policy.spec.desiredState.interfaces.map((i: any) => i.name)).toEqual(['bond0', 'bond0.100']);
    expect(policy.spec.desiredState.interfaces[0]['link-aggregation']).toMatchObject({ mode: 'active-backup', port: ['eno1', 'eno2'] });
    const nad = JSON.parse(findObject(objects, 'NetworkAttachmentDefinition', 'macvlan-standalone-vlan200').spec.config);
    expect(nad.plugins[0].ipam.default_ipv4_ippool).toEqual(['vlan200-standalone-r1-v4']);
  });

  test('pre-existing host interfaces: no policies', () => {
    const { chart, fabric } = build({ hostInterfaces: HostInterfaces.preExisting() });
    expect(synthObjects(chart).filter(o => o.kind === 'NodeNetworkConfigurationPolicy')).toEqual([]);
    expect(fabric.hostPolicy('r1')).toBeUndefined();
  });

  test('Spiderpool ifacer: one SpiderMultusConfig per network for every rack (the fabric\'s bond, every rack\'s pools), no policies', () => {
    const { app, chart, fabric } = build({ hostInterfaces: HostInterfaces.spiderpoolIfacer() });
    const web = deployment(chart, 'web');
    PodNetworks.standalone(fabric.standaloneNetwork(100)).applyTo(web);
    fabric.placeWorkload(web);
    const objects = synthObjects(chart);
    expect(objects.filter(o => o.kind === 'NodeNetworkConfigurationPolicy' || o.kind === 'NetworkAttachmentDefinition')).toEqual([]);
    const smc = findObject(objects, 'SpiderMultusConfig', 'macvlan-standalone-vlan100');
    expect(smc.spec.macvlan).toEqual({
      master: ['ens224', 'ens256'],
      vlanID: 100,
      bond: { name: 'bond0', mode: 4, options: 'miimon=100' },
      ippools: { ipv4: ['vlan100-standalone-r1-v4', 'vlan100-standalone-r2-v4'], ipv6: ['vlan100-standalone-r1-v6', 'vlan100-standalone-r2-v6'] },
    });
    expect(fabric.vlanInterfaceName(100)).toBe('bond0.100');
    expect(fabric.hostPolicies('r1')).toEqual([]);
    expect(fabric.switchPlan().racks[0].vlans[0].hostInterface).toBe('bond0.100');
    expect(fabric.renderMermaid()).toContain('Hosts (created by Spiderpool ifacer at pod start)');
    expect(findings(app, chart)).toEqual({ synth: [], lint: [] });
    // one NIC: ifacer puts the VLAN on it
    const one = build({ hostInterfaces: HostInterfaces.spiderpoolIfacer(), bond: { members: ['ens224'], mode: BondMode.ACTIVE_BACKUP } });
    expect(one.fabric.vlanInterfaceName(200)).toBe('ens224.200');
    expect(findObject(synthObjects(one.chart), 'SpiderMultusConfig', 'macvlan-standalone-vlan200').spec.macvlan).toMatchObject({ master: ['ens224'], vlanID: 200 });
  });

  test('Spiderpool ifacer: what it cannot express is refused or reported (a rack\'s own bond, node addresses, MTUs)', () => {
    const e = libraryError(() => build({ hostInterfaces: HostInterfaces.spiderpoolIfacer(), racks: [rack('r1', 1), rack('r2', 2, [100, 200], { bond: { ...BOND, members: ['ens1', 'ens2'] } })] }));
    expect(e.field).toBe('racks[1].bond');
    expect(e.problem).toContain('one network, with one SpiderMultusConfig, spans every rack');
    expect(e.fix).toMatch(/HostInterfaces.nmstate\(\)/);
    const r1 = rack('r1', 1);
    const addressed = { ...r1, vlans: [{ ...r1.vlans[0], ipv4: { ...r1.vlans[0].ipv4!, nodeAddresses: NodeAddresses.dhcp() } }, r1.vlans[1]] };
    expect(libraryError(() => build({ hostInterfaces: HostInterfaces.spiderpoolIfacer(), racks: [addressed, rack('r2', 2)] })).problem).toContain('created by Spiderpool ifacer');
    const mtu = build({
      hostInterfaces: HostInterfaces.spiderpoolIfacer(),
      vlans: [{ id: 100, offer: VlanOffer.BOTH, mtu: 9000 }, { id: 200 }],
      bond: { ...BOND, mtu: 9000 },
    });
    ValidationEngine.of(mtu.app).startPass();
    const found = ValidationEngine.of(mtu.app).findings().map(f => `${f.finding.rule} ${f.finding.field}`);
    expect(found).toEqual(['MV035 vlans[0].mtu', 'MV035 bond.mtu']);
  });
});

describe('props rules, thrown together at construction', () => {
  const ruleOf = (props: Partial<FabricProps>) => libraryError(() => build(props));

  test('MV190: rack names are distinct DNS-1123 labels', () => {
    const dup = ruleOf({ racks: [rack('r1', 1), { ...rack('r2', 2), name: 'r1', nodeSelector: { [KEY]: 'r2' } }] });
    expect([dup.ruleId, dup.field]).toEqual(['MV190', 'racks[1].name']);
    const bad = ruleOf({ racks: [{ ...rack('r1', 1), name: 'Rack_1' }] });
    expect([bad.ruleId, bad.field]).toEqual(['MV190', 'racks[0].name']);
    expect(ruleOf({ racks: [] }).ruleId).toBe('MV190');
  });

  test('MV191: a rack selects its nodes, no node in two racks', () => {
    const overlap = ruleOf({ racks: [rack('r1', 1), { ...rack('r2', 2), nodeSelector: { 'node-role.kubernetes.io/worker': '' } }] });
    expect([overlap.ruleId, overlap.field]).toEqual(['MV191', 'racks[1].nodeSelector']);
    expect(overlap.problem).toMatch(/can select the same node/);
    const empty = ruleOf({ racks: [rack('r1', 1), { ...rack('r2', 2), nodeSelector: {} }] });
    expect([empty.ruleId, empty.field]).toEqual(['MV191', 'racks[1].nodeSelector']);
  });

  test('MV192: the racks\' VLANs fit the spanning networks', () => {
    const unknown = ruleOf({ racks: [rack('r1', 1), rack('r2', 2, [100, 200, 300])] });
    expect([unknown.ruleId, unknown.field]).toEqual(['MV192', 'racks[1].vlans[2].id']);
    const uncarried = ruleOf({ vlans: [{ id: 100 }, { id: 200 }, { id: 300 }] });
    expect([uncarried.ruleId, uncarried.field]).toEqual(['MV192', 'vlans[2].id']);
    const r2 = rack('r2', 2);
    const families = ruleOf({ racks: [rack('r1', 1), { ...r2, vlans: [r2.vlans[0], { id: 200, ipv4: r2.vlans[1].ipv4 }] }] });
    expect([families.ruleId, families.field]).toEqual(['MV192', 'racks[1].vlans[1]']);
    const bondName = ruleOf({ racks: [rack('r1', 1), rack('r2', 2, [100, 200], { bond: { ...BOND, name: 'bond1' } })] });
    expect([bondName.ruleId, bondName.field]).toEqual(['MV192', 'racks[1].bond.name']);
  });

  test('MV193: subnets of different racks do not overlap; a stretched VLAN keeps one subnet and gateway', () => {
    const r2 = rack('r2', 2);
    const overlap = ruleOf({ racks: [rack('r1', 1), { ...r2, vlans: [{ ...r2.vlans[0], ipv4: { subnet: '10.100.1.0/25', gateway: '10.100.1.2' } }, r2.vlans[1]] }] });
    expect([overlap.ruleId, overlap.field]).toEqual(['MV193', 'racks[1].vlans[0].ipv4.subnet']);
    const gateways = ruleOf({ racks: [rack('r1', 1), { ...r2, vlans: [{ ...r2.vlans[0], ipv4: { subnet: '10.100.1.0/24', gateway: '10.100.1.254' } }, r2.vlans[1]] }] });
    expect(gateways.ruleId).toBe('MV193');
    expect(gateways.problem).toMatch(/stretched over racks has one gateway/);
    // stretched: same subnet and gateway, the racks' pools split the addresses
    const r1 = rack('r1', 1);
    const stretched = (ips1: string, ips2: string): FabricProps['racks'] => [
      { ...r1, vlans: [{ ...r1.vlans[0], ipv4: { ...r1.vlans[0].ipv4!, ips: [ips1] } }, r1.vlans[1]] },
      { ...r2, vlans: [{ ...r2.vlans[0], ipv4: { ...r1.vlans[0].ipv4!, ips: [ips2] } }, r2.vlans[1]] },
    ];
    const { app } = build({ racks: stretched('10.100.1.10-10.100.1.99', '10.100.1.100-10.100.1.199') });
    expect(ValidationEngine.of(app).findings().filter(f => f.finding.severity === 'error')).toEqual([]);
    // the same subnet and overlapping addresses: the pool rules (MV012) catch it at synth
    const clash = build({ racks: stretched('10.100.1.10-10.100.1.99', '10.100.1.50-10.100.1.199') });
    expect(ValidationEngine.of(clash.app).findings().map(f => f.finding.rule)).toContain('MV012');
  });

  test('a rack\'s address plan and its own bond are checked with the topology rules, fields naming the rack', () => {
    const r2 = rack('r2', 2);
    const e = ruleOf({
      racks: [rack('r1', 1), { ...r2, vlans: [{ ...r2.vlans[0], ipv4: { subnet: '10.100.2.0/24', gateway: '10.9.9.9' } }, r2.vlans[1]] }],
    });
    expect([e.ruleId, e.field]).toEqual(['MV033', 'racks[1].vlans[0].ipv4.gateway']);
    const members = ruleOf({ racks: [rack('r1', 1), rack('r2', 2, [100, 200], { bond: { members: [], mode: BondMode.IEEE_802_3AD } })] });
    expect(members.field).toMatch(/^racks\[1\]\.bond\.members/);
    // several problems: one error listing them all
    const many = libraryError(() => build({ racks: [{ ...rack('r1', 1), name: 'R1' }, { ...rack('r2', 2), nodeSelector: {} }] }));
    expect(many.ruleId).toBeUndefined();
    expect(many.problem).toMatch(/MV190 error[\s\S]*MV191 error/);
  });
});

describe('placement across racks, through the one validation engine (synth and lint agree)', () => {
  test('placed on every rack: one node affinity term per rack; MV172/MV173 pass, no MV194', () => {
    const { app, chart, fabric } = build();
    const web = deployment(chart, 'web');
    PodNetworks.standalone(fabric.standaloneNetwork(100)).applyTo(web);
    fabric.placeWorkload(web);
    const d = findObject(synthObjects(chart), 'Deployment', 'web');
    const terms = d.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(terms).toEqual(['r1', 'r2'].map(r => ({ matchExpressions: [{ key: KEY, operator: 'In', values: [r] }] })));
    expect(JSON.parse(d.spec.template.metadata.annotations['ipam.spidernet.io/ippools'])[0].ipv4).toEqual(['vlan100-standalone-r1-v4', 'vlan100-standalone-r2-v4']);
    expect(findings(app, chart)).toEqual({ synth: [], lint: [] });
  });

  test('placed on one rack: its nodeSelector; not placed: MV172 and MV173, in synth and lint alike', () => {
    const { app, chart, fabric } = build();
    const one = deployment(chart, 'one');
    PodNetworks.overlay(fabric.overlayNetwork(100)).applyTo(one);
    fabric.placeWorkload(one, { racks: ['r2'] });
    expect(findObject(synthObjects(chart), 'Deployment', 'one').spec.template.spec.nodeSelector).toEqual({ [KEY]: 'r2' });
    const loose = deployment(chart, 'loose');
    PodNetworks.standalone(fabric.standaloneNetwork(200)).applyTo(loose);
    const { synth, lint } = findings(app, chart);
    expect(synth).toEqual(lint);
    expect(synth).toEqual(['MV172 loose', 'MV173 loose', 'MV173 loose']);
    // the interface exists on every rack's nodes: the fix names each rack's policy and Fabric's placement
    const mv172 = ValidationEngine.of(app).findings().find(f => f.finding.rule === 'MV172')!.finding;
    expect(mv172.fix).toContain(`${KEY}=r1`);
    expect(mv172.fix).toContain(`${KEY}=r2`);
    expect(mv172.fix).toContain('Fabric.placeWorkload()');
  });

  test('a rack without the VLAN: placing a workload of that VLAN on every rack fails MV172', () => {
    const { app, chart, fabric } = build({ racks: [rack('r1', 1), rack('r2', 2, [100])] });
    const web = deployment(chart, 'web');
    PodNetworks.standalone(fabric.standaloneNetwork(200)).applyTo(web);
    fabric.placeWorkload(web);
    const { synth, lint } = findings(app, chart);
    expect(synth).toEqual(lint);
    expect(synth).toContain('MV172 web');
    // on the racks that carry it: clean
    const ok = build({ racks: [rack('r1', 1), rack('r2', 2, [100])] });
    const web2 = deployment(ok.chart, 'web');
    PodNetworks.standalone(ok.fabric.standaloneNetwork(200)).applyTo(web2);
    ok.fabric.placeWorkload(web2, { racks: ['r1'] });
    expect(findings(ok.app, ok.chart)).toEqual({ synth: [], lint: [] });
  });

  test('a DaemonSet on the fabric: the racks\' node counts are its demand', () => {
    const { chart, fabric } = build({ racks: [rack('r1', 1, [100, 200], { nodeCount: 3 }), rack('r2', 2, [100, 200], { nodeCount: 5 })] });
    const ds = new kplus.DaemonSet(chart, 'agent', { metadata: { name: 'agent', namespace: 'default' }, containers: [{ image: 'x' }] });
    PodNetworks.standalone(fabric.standaloneNetwork(200)).applyTo(ds);
    fabric.placeWorkload(ds);
    expect(findObject(synthObjects(chart), 'DaemonSet', 'agent').metadata.annotations['capacity.cdk8s-macvlan.io/nodes']).toBe('8');
  });

  test('bad placements get the library\'s error', () => {
    const { chart, fabric } = build();
    const web = deployment(chart, 'web');
    expect(libraryError(() => fabric.placeWorkload(web, { racks: ['r9'] })).problem).toMatch(/rack "r9" is not part of this fabric/);
    expect(libraryError(() => fabric.placeWorkload(web, { racks: [] })).field).toBe('options.racks');
    fabric.placeWorkload(web);
    expect(libraryError(() => fabric.placeWorkload(web)).problem).toMatch(/already placed/);
    const attracted = deployment(chart, 'attracted');
    attracted.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('disk', 'ssd')));
    expect(libraryError(() => fabric.placeWorkload(attracted)).problem).toMatch(/ORs the terms/);
    const pinned = deployment(chart, 'pinned');
    pinned.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('disk', 'ssd')));
    fabric.placeWorkload(pinned, { racks: ['r1'] }); // one rack: a nodeSelector, ANDed with the affinity
    expect(findObject(synthObjects(chart), 'Deployment', 'pinned').spec.template.spec.nodeSelector).toEqual({ [KEY]: 'r1' });
    expect(libraryError(() => fabric.rackPools('r1', 200, VlanOffer.OVERLAY)).problem).toMatch(/offered as standalone only/);
  });
});

describe('capacity per rack (MV170 / MV195): a NIC spanning racks takes each pod\'s address from its rack\'s pool', () => {
  /** Racks whose VLAN 100 pool has five addresses. */
  const small = (name: string, n: number): FabricRackProps => ({
    name, nodeSelector: { [KEY]: name }, vlans: [{ id: 100, ipv4: { subnet: `10.100.${n}.0/24`, gateway: `10.100.${n}.1`, ips: [`10.100.${n}.10-10.100.${n}.14`] } }],
  });
  const scene = (...placements: Array<[name: string, replicas: number, racks?: string[]]>) => {
    const { app, chart, fabric } = build({ vlans: [{ id: 100 }], racks: [small('r1', 1), small('r2', 2)] });
    for (const [name, replicas, racks] of placements) {
      const d = new kplus.StatefulSet(chart, name, { metadata: { name, namespace: 'default' }, replicas, containers: [{ image: 'nginx:1.27', ports: [{ number: 80 }] }] });
      PodNetworks.standalone(fabric.standaloneNetwork(100)).applyTo(d);
      fabric.placeWorkload(d, racks ? { racks } : {});
    }
    return { app, chart, fabric };
  };

  test('spread over both racks: MV195 on each rack\'s pool, not MV170; the report shows the range per rack', () => {
    const { app, chart, fabric } = scene(['db', 6]);
    const { synth, lint } = findings(app, chart);
    expect(synth).toEqual(lint);
    expect(synth).toEqual(['MV195 vlan100-standalone-r1-v4', 'MV195 vlan100-standalone-r2-v4']);
    const warning = ValidationEngine.of(app).findings().find(f => f.finding.rule === 'MV195')!;
    expect(warning.owner.node.path).toBe('chart/fab/vlan100-standalone-r1-v4');
    const rows = fabric.capacityReport();
    expect(rows.map(r => [r.pool, r.supply, r.pinnedDemand, r.demand, r.status])).toEqual([
      ['vlan100-standalone-r1-v4', 5, 0, 6, CapacityStatus.AT_RISK],
      ['vlan100-standalone-r2-v4', 5, 0, 6, CapacityStatus.AT_RISK],
    ]);
    expect(rows[0].workloads[0]).toMatchObject({ name: 'db', podInterface: 'eth0', pods: 6, spreadOver: 2 });
    const md = fabric.renderSwitchPlanMarkdown();
    expect(md).toContain('| vlan100-standalone-r1-v4 | IPv4 | 5 | 0-6 | 120% | at-risk | StatefulSet default/db eth0: 6 (replicas 6; spread over 2 pools) |');
  });

  test('placed on one rack: counted on that rack\'s pool only, MV170 when it does not fit; the other rack\'s pool is empty', () => {
    const { app, chart, fabric } = scene(['db', 6, ['r1']]);
    const { synth, lint } = findings(app, chart);
    expect(synth).toEqual(lint);
    expect(synth).toEqual(['MV170 vlan100-standalone-r1-v4']);
    expect(fabric.capacityReport().map(r => [r.pool, r.pinnedDemand, r.demand, r.status, r.workloads.length])).toEqual([
      ['vlan100-standalone-r1-v4', 6, 6, CapacityStatus.EXCEEDED, 1],
      ['vlan100-standalone-r2-v4', 0, 0, CapacityStatus.OK, 0],
    ]);
    const ok = scene(['db', 4, ['r1']], ['web', 4, ['r2']]);
    expect(findings(ok.app, ok.chart)).toEqual({ synth: [], lint: [] });
    expect(ok.fabric.renderSwitchPlanMarkdown()).toContain('| vlan100-standalone-r2-v4 | IPv4 | 5 | 4 | 80% | ok | StatefulSet default/web eth0: 4 (replicas 4) |');
  });

  test('more pods than both racks hold: MV170 on the pools together', () => {
    const { app, chart } = scene(['db', 11]);
    const { synth, lint } = findings(app, chart);
    expect(synth).toEqual(lint);
    expect(synth).toEqual(['MV170 vlan100-standalone-r1-v4']);
  });
});

describe('MV194: pools of different subnets on one NIC must not admit one node', () => {
  test.each([
    ['unpinned', undefined, ['r1'], true],
    ['pinned to the other rack', { matchLabels: { [KEY]: 'r2' } }, ['r1'], false],
    ['unpinned, the pods on the other rack only (the rack pool is filtered out there)', undefined, ['r2'], false],
  ])('a rack pool next to a pool of another subnet, %s', (_name, nodeAffinity, racks, warned) => {
    const { app, chart, fabric } = build();
    const extra = new IpPool(chart, 'spare', { name: 'spare-v4', subnet: '10.250.0.0/24', gateway: '10.250.0.1', ...(nodeAffinity ? { nodeAffinity } : {}) });
    const web = deployment(chart, 'web');
    PodNetworks.standalone(fabric.standaloneNetwork(200)).configurePrimary({ pools: [...fabric.rackPools('r1', 200, VlanOffer.STANDALONE), extra] }).applyTo(web);
    fabric.placeWorkload(web, { racks });
    const { synth, lint } = findings(app, chart);
    expect(synth).toEqual(lint);
    expect(synth.includes('MV194 web')).toBe(warned);
  });
});

describe('switch plan: one rack plan per rack, each with its own switches and gateways', () => {
  test('default: one switch per rack named after it, the rack\'s gateways on its VLANIFs', () => {
    const plan = build().fabric.switchPlan();
    expect(plan.racks.map(r => [r.name, r.switches.map(s => s.name), r.nodeSelector, r.allowedVlans])).toEqual([
      ['r1', ['r1-switch'], { [KEY]: 'r1' }, [100, 200]],
      ['r2', ['r2-switch'], { [KEY]: 'r2' }, [100, 200]],
    ]);
    expect(plan.racks[1].vlans[0].vlanInterfaces.map(i => i.cidr)).toEqual(['10.100.2.1/24', 'fd00:100:2::1/64']);
  });

  test('a redundant pair per rack: MLAG, the rack\'s real addresses beside its virtual gateway; the Markdown has a section per rack', () => {
    const pair = (r: string) => ({ names: [`${r}-a`, `${r}-b`], peerLink: { ports: ['Ethernet1/49'] } });
    const { fabric } = build({ racks: [rack('r1', 1, [100, 200], { switches: pair('r1') }), rack('r2', 2, [100], { switches: pair('r2') })] });
    const plan = fabric.switchPlan();
    expect(plan.racks[1].switches.map(s => s.name)).toEqual(['r2-a', 'r2-b']);
    expect(plan.racks[1].peerLink!.allowedVlans).toEqual([100]);
    expect(plan.racks[1].vlans[0].vlanInterfaces[0].switchAddresses.map(a => a.cidr)).toEqual(['10.100.2.2/24', '10.100.2.3/24']);
    const md = fabric.renderSwitchPlanMarkdown();
    expect(md).toContain('Rack `r1`');
    expect(md).toContain('Rack `r2`');
    expect(md).toContain('## Address capacity');
    // each rack's reserved addresses, in the rack's SpiderReservedIP
    expect(md).toContain('## Rack `r2`: Reserved addresses');
    expect(md).toContain('| 100 | IPv4 | 10.100.2.1 (virtual) | 10.100.2.2 (r2-a), 10.100.2.3 (r2-b) | - | r2-reserved-v4 |');
    expect(md).toContain('| 200 | IPv6 | fd00:200:1::1 (virtual) | fd00:200:1::2 (r1-a), fd00:200:1::3 (r1-b) | - | r1-reserved-v6 |');
  });

  test('a rack\'s switch problems name the rack\'s field', () => {
    const e = libraryError(() => build({ racks: [rack('r1', 1), rack('r2', 2, [100, 200], { switches: { names: ['a', 'b', 'c'] } })] }));
    expect(e.field).toBe('racks[1].switches.names');
  });
});

describe('reserved addresses: per rack and VLAN family one SpiderReservedIP (gateway, switch addresses, reservedIps), out of the pools', () => {
  test('an MLAG pair\'s real addresses and reservedIps are reserved and not in the derived pool ranges', () => {
    const r2 = rack('r2', 2, [200], { switches: { names: ['r2-a', 'r2-b'], peerLink: { ports: ['Ethernet1/49'] } } });
    const withReserved = { ...r2, vlans: [{ ...r2.vlans[0], ipv4: { ...r2.vlans[0].ipv4!, reservedIps: ['10.200.2.50'] } }] };
    const { app, chart } = build({ vlans: [{ id: 200 }], racks: [rack('r1', 1, [200]), withReserved] });
    const objects = synthObjects(chart);
    expect(findObject(objects, 'SpiderReservedIP', 'r2-reserved-v4').spec).toEqual({ ipVersion: 4, ips: ['10.200.2.1-10.200.2.3', '10.200.2.50'] });
    expect(findObject(objects, 'SpiderReservedIP', 'r1-reserved-v4').spec.ips).toEqual(['10.200.1.1']);
    expect(findObject(objects, 'SpiderIPPool', 'vlan200-standalone-r2-v4').spec.ips).toEqual(['10.200.2.4-10.200.2.49', '10.200.2.51-10.200.2.254']);
    ValidationEngine.of(app).startPass();
    expect(ValidationEngine.of(app).findings().map(f => f.finding.rule)).toEqual([]);
  });

  test('one object per rack and family for every VLAN; a VLAN with its own reservedIpName gets its own', () => {
    const r1 = rack('r1', 1);
    const { chart } = build({ racks: [{ ...r1, vlans: [r1.vlans[0], { ...r1.vlans[1], ipv6: { ...r1.vlans[1].ipv6!, reservedIpName: 'v200-r1-own' } }] }, rack('r2', 2)] });
    const objects = synthObjects(chart);
    expect(objects.filter(o => o.kind === 'SpiderReservedIP').map(o => [o.metadata.name, o.spec.ips])).toEqual([
      ['v200-r1-own', ['fd00:200:1::1']],
      ['r1-reserved-v4', ['10.100.1.1', '10.200.1.1']],
      ['r1-reserved-v6', ['fd00:100:1::1']],
      ['r2-reserved-v4', ['10.100.2.1', '10.200.2.1']],
      ['r2-reserved-v6', ['fd00:100:2::1', 'fd00:200:2::1']],
    ]);
  });
});

describe('node addresses per rack VLAN: one policy per node where they differ, out of the rack\'s pools, MV205-MV209 fabric-wide', () => {
  const perNode = (a: { [node: string]: string }) => NodeAddresses.perNode(a);
  /** Rack n with VLAN 100 (node addresses `v100`) and VLAN 200 (`v200`). */
  const addressed = (name: string, n: number, v100?: NodeAddresses, v200?: NodeAddresses, extra: Partial<FabricRackProps> = {}): FabricRackProps => {
    const r = rack(name, n);
    return {
      ...r,
      vlans: [
        { ...r.vlans[0], ipv4: { ...r.vlans[0].ipv4!, ...(v100 ? { nodeAddresses: v100 } : {}) } },
        { ...r.vlans[1], ipv4: { ...r.vlans[1].ipv4!, ...(v200 ? { nodeAddresses: v200 } : {}) } },
      ],
      ...extra,
    };
  };
  const policiesOf = (chart: Chart) => synthObjects(chart).filter(o => o.kind === 'NodeNetworkConfigurationPolicy');

  test('static: per rack one policy per listed node (stable names, rack selector + hostname, whole desired state); DHCP: the rack\'s one policy', () => {
    const { app, chart, fabric } = build({
      racks: [
        addressed('r1', 1, perNode({ 'n1-b': '10.100.1.12', 'n1-a': '10.100.1.11' }), perNode({ 'n1-a': '10.200.1.11' })),
        addressed('r2', 2, NodeAddresses.dhcp()),
      ],
    });
    const policies = policiesOf(chart);
    expect(policies.map(p => [p.metadata.name, p.spec.nodeSelector])).toEqual([
      ['bond0-vlans-r1-n1-a', { [KEY]: 'r1', 'kubernetes.io/hostname': 'n1-a' }],
      ['bond0-vlans-r1-n1-b', { [KEY]: 'r1', 'kubernetes.io/hostname': 'n1-b' }],
      ['bond0-vlans-r2', { [KEY]: 'r2' }],
    ]);
    expect(fabric.hostPolicy('r1')).toBeUndefined();
    expect(fabric.hostPolicies('r1').map(p => p.name)).toEqual(['bond0-vlans-r1-n1-a', 'bond0-vlans-r1-n1-b']);
    expect(fabric.hostPolicy('r2')?.name).toBe('bond0-vlans-r2');
    expect(fabric.hostPolicies('r2').map(p => p.name)).toEqual(['bond0-vlans-r2']);
    const [a, b, dhcp] = policies.map(p => p.spec.desiredState.interfaces);
    expect(a.map((i: any) => i.name)).toEqual(['bond0', 'bond0.100', 'bond0.200']);
    expect(a[1].ipv4).toEqual({ enabled: true, dhcp: false, address: [{ 'ip': '10.100.1.11', 'prefix-length': 24 }] });
    expect(a[2].ipv4).toEqual({ enabled: true, dhcp: false, address: [{ 'ip': '10.200.1.11', 'prefix-length': 24 }] });
    expect(b[2].ipv4).toEqual({ enabled: false }); // n1-b has no address on VLAN 200
    expect(a[1].ipv6).toEqual({ enabled: false });
    expect(dhcp[1].ipv4).toEqual({ 'enabled': true, 'dhcp': true, 'auto-dns': false, 'auto-gateway': false });
    expect(dhcp[2].ipv4).toEqual({ enabled: false });
    // the rack's derived pool ranges leave its node addresses out; the other rack's are whole
    const objects = synthObjects(chart);
    const r1ips = [...findObject(objects, 'SpiderIPPool', 'vlan100-standalone-r1-v4').spec.ips, ...findObject(objects, 'SpiderIPPool', 'vlan100-overlay-r1-v4').spec.ips];
    expect(r1ips).toEqual(['10.100.1.2-10.100.1.10', '10.100.1.13-10.100.1.129', '10.100.1.130-10.100.1.254']); // .11, .12: the nodes'
    expect(findObject(objects, 'SpiderIPPool', 'vlan200-standalone-r1-v4').spec.ips).toEqual(['10.200.1.2-10.200.1.10', '10.200.1.12-10.200.1.254']);
    expect(findings(app, chart)).toEqual({ synth: [], lint: [] });
    expect(fabric.renderMermaid()).toContain('r1: one per node (2)');
  });

  test('placeWorkload keeps the pods on the listed nodes of a rack with static addresses (no MV172), and judges them node by node', () => {
    const { app, chart, fabric } = build({ racks: [addressed('r1', 1, perNode({ 'n1-a': '10.100.1.11', 'n1-b': '10.100.1.12' })), rack('r2', 2)] });
    const both = deployment(chart, 'both');
    PodNetworks.standalone(fabric.standaloneNetwork(100)).applyTo(both);
    fabric.placeWorkload(both);
    const one = deployment(chart, 'one');
    PodNetworks.standalone(fabric.standaloneNetwork(200)).applyTo(one);
    fabric.placeWorkload(one, { racks: ['r1'] });
    const objects = synthObjects(chart);
    const terms = findObject(objects, 'Deployment', 'both').spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(terms).toEqual([
      { matchExpressions: [{ key: KEY, operator: 'In', values: ['r1'] }, { key: 'kubernetes.io/hostname', operator: 'In', values: ['n1-a', 'n1-b'] }] },
      { matchExpressions: [{ key: KEY, operator: 'In', values: ['r2'] }] },
    ]);
    const single = findObject(objects, 'Deployment', 'one').spec.template.spec;
    expect(single.nodeSelector).toEqual({ [KEY]: 'r1' });
    expect(single.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1-a', 'n1-b'] }] },
    ]);
    expect(findings(app, chart)).toEqual({ synth: [], lint: [] });
    // not placed on the listed nodes: MV172 (a node of the rack without a policy has no bond0.100)
    const loose = build({ racks: [addressed('r1', 1, perNode({ 'n1-a': '10.100.1.11' })), rack('r2', 2)] });
    const web = deployment(loose.chart, 'web');
    web.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is(KEY, 'r1')));
    PodNetworks.standalone(loose.fabric.standaloneNetwork(100)).configurePrimary({ pools: loose.fabric.rackPools('r1', 100, VlanOffer.STANDALONE) }).applyTo(web);
    const { synth, lint } = findings(loose.app, loose.chart);
    expect(synth).toEqual(lint);
    expect(synth).toEqual(['MV172 web']);
  });

  test('node address problems fabric-wide: a pool listing one (MV205), one node in two racks (MV196), undeclared nodes (MV197), MV206-MV208 per rack', () => {
    const r1 = addressed('r1', 1, perNode({ 'n1-a': '10.100.1.11' }));
    const listed = { ...r1, vlans: [{ ...r1.vlans[0], ipv4: { ...r1.vlans[0].ipv4!, standaloneIps: ['10.100.1.10-10.100.1.20'] } }, r1.vlans[1]] };
    const { app, chart } = build({ vlans: [{ id: 100, offer: VlanOffer.BOTH }, { id: 200 }], racks: [listed, rack('r2', 2)] });
    const { synth, lint } = findings(app, chart);
    expect(synth).toEqual(lint);
    expect(synth).toEqual(['MV205 bond0-vlans-r1-n1-a']);
    const two = libraryError(() => build({ racks: [addressed('r1', 1, perNode({ 'n1-a': '10.100.1.11' })), addressed('r2', 2, perNode({ 'n1-a': '10.100.2.11' }))] }));
    expect(two).toMatchObject({ ruleId: 'MV196', field: 'racks[1].vlans[0].ipv4.nodeAddresses[n1-a]' });
    expect(two.problem).toContain('node "n1-a" has static addresses in rack "r1" and in rack "r2"');
    const counted = libraryError(() => build({ racks: [addressed('r1', 1, perNode({ 'n1-a': '10.100.1.11' }), undefined, { nodeCount: 3 }), rack('r2', 2)] }));
    expect(counted).toMatchObject({ ruleId: 'MV197', field: 'racks[0].nodeCount' });
    expect(counted.problem).toContain('rack "r1" has 3 nodes, but NodeAddresses.perNode() lists 1 (n1-a)');
    const cabled = libraryError(() => build({
      racks: [addressed('r1', 1, perNode({ 'n1-a': '10.100.1.11' }), undefined, { switches: { names: ['r1-tor'], nodes: [{ node: 'n1-a', ports: ['Eth1'] }, { node: 'n1-b', ports: ['Eth2'] }] } }), rack('r2', 2)],
    }));
    expect(cabled).toMatchObject({ ruleId: 'MV197', field: 'racks[0].switches.nodes[1].node' });
    expect(libraryError(() => build({ racks: [addressed('r1', 1, perNode({ 'n1-a': '10.200.1.11' })), rack('r2', 2)] }))).toMatchObject({ ruleId: 'MV206', field: 'racks[0].vlans[0].ipv4.nodeAddresses[n1-a]' });
    expect(libraryError(() => build({ racks: [addressed('r1', 1, perNode({ 'n1-a': '10.100.1.1' })), rack('r2', 2)] }))).toMatchObject({ ruleId: 'MV207' });
    expect(libraryError(() => build({ racks: [addressed('r1', 1, perNode({ N1_A: '10.100.1.11' })), rack('r2', 2)] }))).toMatchObject({ ruleId: 'MV208' });
    // a switch's own (reserved) address given to a node: MV207 at synth, naming the rack's prop
    const pair = addressed('r2', 2, undefined, perNode({ 'n2-a': '10.200.2.2' }), { switches: { names: ['r2-a', 'r2-b'], peerLink: { ports: ['Ethernet1/49'] } } });
    const clash = build({ racks: [rack('r1', 1), pair] });
    ValidationEngine.of(clash.app).startPass();
    const mv207 = ValidationEngine.of(clash.app).findings().filter(f => f.finding.rule === 'MV207').map(f => [f.finding.field, f.finding.message]);
    expect(mv207).toEqual([['racks[1].vlans[1].ipv4.nodeAddresses[n2-a]', expect.stringContaining('node address 10.200.2.2 of node n2-a is switch r2-a\'s own address')]]);
  });

  test('what cannot carry node addresses throws the library\'s error', () => {
    const racks = [addressed('r1', 1, perNode({ 'n1-a': '10.100.1.11' })), rack('r2', 2)];
    expect(libraryError(() => build({ racks, hostInterfaces: HostInterfaces.preExisting() }))).toMatchObject({ field: 'racks[0].vlans[0].ipv4.nodeAddresses' });
    expect(libraryError(() => build({ racks: [{ ...racks[0], nodeSelector: { 'kubernetes.io/hostname': 'n1-a' } }, racks[1]] })).field).toBe('racks[0].nodeSelector[kubernetes.io/hostname]');
    expect(libraryError(() => build({ racks, hostInterfaces: HostInterfaces.nmstate({ policyName: 'p'.repeat(250) }) }))).toMatchObject({ ruleId: 'MV083', field: 'hostInterfaces.policyName' });
    const { chart, fabric } = build({ racks });
    const attracted = deployment(chart, 'attracted');
    attracted.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('disk', 'ssd')));
    expect(libraryError(() => fabric.placeWorkload(attracted, { racks: ['r1'] })).problem).toMatch(/ORs the terms/);
  });
});

describe('diagram', () => {
  test('networks with every rack\'s pools and the workloads attached, each NIC fed by its pools', () => {
    const { chart, fabric } = build();
    const web = deployment(chart, 'web');
    PodNetworks.standalone(fabric.standaloneNetwork(100)).applyTo(web);
    const mmd = fabric.renderMermaid();
    expect(mmd).toMatch(/^flowchart LR/);
    expect(mmd).toContain('pool_vlan100_standalone_r2_v4["vlan100-standalone-r2-v4<br/>10.100.2.0/24<br/>gateway 10.100.2.1"]');
    expect(mmd).toContain('Deployment default/web');
    expect(mmd).toMatch(/pool_vlan100_standalone_r1_v4 -->.*\n?[\s\S]*pool_vlan100_standalone_r2_v4 -->/);
  });
});
