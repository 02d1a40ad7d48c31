import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AddressCapacity, AnnotatedPod, BondMode, CapacityStatus, IpPool, Ipam, MacvlanErrors, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, PodNetworks,
  VlanOffer, VlanTopology,
} from '../../src';
import { lintManifests } from '../../src/rules';
import { WARNING_METADATA } from '../../src/validation/report';
import { libraryError } from '../support/errors';
import { testApp, validationErrors } from '../support/synth';

const container = { containers: [{ image: 'nginx', portNumber: 80, securityContext: { ensureNonRoot: false } }] };

function setup(ips: string[] = ['10.0.0.10-10.0.0.19'], poolProps: Record<string, unknown> = {}) {
  const app = testApp();
  const chart = new Chart(app, 'c');
  const pool = new IpPool(chart, 'p', { name: 'p', subnet: '10.0.0.0/24', ips, gateway: '10.0.0.1', ...poolProps });
  const net = new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'eth1', pools: [pool] });
  return { app, chart, pool, net };
}

const warningsOf = (c: { node: { metadata: Array<{ type: string; data: unknown }> } }) =>
  c.node.metadata.filter(m => m.type === WARNING_METADATA).map(m => String(m.data));

describe('address capacity at synth (MV170 / MV171)', () => {
  test('cdk8s-plus defaults: a Deployment runs 2 replicas and surges 25% (1): 3 pods per Deployment', () => {
    const { app, chart } = setup();
    for (let i = 0; i < 4; i++) PodNetworks.standalone(setupNet(chart)).applyTo(new kplus.Deployment(chart, `d${i}`, container));
    const errors = validationErrors(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[c\/p\] MV170 error: SpiderIPPool "p" spec\.ips: pool "p" has 10 allocatable address\(es\) but its workloads need 12 at their peak \(Deployment default\/c-d0-c8[0-9a-f]+ eth0: 3 \(replicas 2 \+ maxSurge 1 \(25%\)\);/);
  });

  test('StatefulSet replicas, Job parallelism 1, Pod 1, Recreate without surge', () => {
    const { app, chart, net } = setup();
    PodNetworks.standalone(net).applyTo(new kplus.StatefulSet(chart, 's', { ...container, replicas: 6 }));
    PodNetworks.standalone(net).applyTo(new kplus.Job(chart, 'j', container));
    new AnnotatedPod(chart, 'pod', { ...container, networks: PodNetworks.standalone(net) });
    PodNetworks.standalone(net).applyTo(new kplus.Deployment(chart, 'd', { ...container, replicas: 2, strategy: kplus.DeploymentStrategy.recreate() }));
    const rows = AddressCapacity.report(app);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ pool: 'p', ipVersion: 4, supply: 10, demand: 10, status: CapacityStatus.WARNING, warnPercent: 90 });
    expect(rows[0].workloads.map(w => [w.kind, w.pods, w.explanation])).toEqual([
      ['StatefulSet', 6, 'replicas 6'], ['Job', 1, 'parallelism 1'], ['Pod', 1, 'a pod'], ['Deployment', 2, 'replicas 2, Recreate strategy'],
    ]);
    expect(validationErrors(app)).toEqual([]);
    const [w] = warningsOf(chart.node.findChild('p') as IpPool);
    expect(w).toMatch(/^MV171 warning: SpiderIPPool "p" spec\.ips: pool "p" is 100% used at the workloads' peak \(10 of 10 addresses/);
  });

  test('capacityWarnPercent on the pool is written as the annotation lint reads, and raises the threshold', () => {
    const { app, chart, net, pool } = setup(undefined, { capacityWarnPercent: 100 });
    PodNetworks.standalone(net).applyTo(new kplus.StatefulSet(chart, 's', { ...container, replicas: 10 }));
    expect(validationErrors(app)).toEqual([]);
    expect(warningsOf(pool)).toEqual([]);
    expect(pool.toJson().metadata.annotations).toEqual({ 'capacity.cdk8s-macvlan.io/warn-percent': '100' });
    expect(AddressCapacity.report(app)[0]).toMatchObject({ status: CapacityStatus.OK, warnPercent: 100 });
  });

  test('a bad capacityWarnPercent is reported, not silently used', () => {
    const { app, pool } = setup(undefined, { capacityWarnPercent: 0 });
    validationErrors(app);
    expect(warningsOf(pool).join('\n')).toContain('metadata.annotations[capacity.cdk8s-macvlan.io/warn-percent]: "0" is not a percentage above 0 and at most 100');
  });

  test('a DaemonSet\'s demand is unknown until the topology declares its node count', () => {
    const { app, chart, net } = setup();
    PodNetworks.standalone(net).applyTo(new kplus.DaemonSet(chart, 'ds', container));
    expect(AddressCapacity.report(app)[0].workloads[0]).toMatchObject({ kind: 'DaemonSet', pods: undefined });
    expect(AddressCapacity.report(app)[0].workloads[0].explanation).toContain('node count is not declared');
  });

  test('an autoscaled Deployment has an unknown peak', () => {
    const { app, chart, net } = setup();
    const d = new kplus.Deployment(chart, 'd', { ...container, replicas: 3 });
    PodNetworks.standalone(net).applyTo(d);
    d.markHasAutoscaler();
    expect(AddressCapacity.report(app)[0].workloads[0]).toMatchObject({ pods: undefined, explanation: 'replicas are set by an autoscaler' });
  });
});

function setupNet(chart: Chart): MacvlanStandaloneNetwork {
  return (chart.node.tryFindChild('n') as MacvlanStandaloneNetwork);
}

describe('hostNetwork pods (MV174)', () => {
  test('a hostNetwork workload with macvlan annotations fails synth on the hostNetwork field', () => {
    const { app, chart, net } = setup();
    PodNetworks.standalone(net).applyTo(new kplus.Deployment(chart, 'd', { ...container, hostNetwork: true }));
    const errors = validationErrors(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('MV174 error: pod networks of "c/d" spec.template.spec.hostNetwork: the pod runs in the host\'s network namespace');
  });
});

describe('placement (MV172 / MV173 / MV175) and VlanTopology.placeWorkload', () => {
  function fabric(nodeCount?: number) {
    const app = testApp();
    const chart = new Chart(app, 'c');
    const topology = new VlanTopology(chart, 'fabric', {
      bond: { name: 'bond0', members: ['ens224', 'ens256'], mode: BondMode.ACTIVE_BACKUP },
      nodeSelector: { 'node-role.kubernetes.io/worker': '' },
      nodeCount,
      vlans: [{ id: 100, offer: VlanOffer.BOTH, ipv4: { subnet: '192.168.100.0/24', gateway: '192.168.100.1' } }],
    });
    return { app, chart, topology };
  }

  test('a workload on a topology network without the topology\'s selector fails with the selector to add; placeWorkload fixes it', () => {
    const { app, chart, topology } = fabric();
    const d = new kplus.Deployment(chart, 'web', { ...container, metadata: { name: 'web' } });
    PodNetworks.standalone(topology.standaloneNetwork(100)).applyTo(d);
    const errors = validationErrors(app);
    expect(errors).toEqual([expect.stringContaining('[c/web] MV172 error: pod networks of "c/web" spec.template.spec.nodeSelector: interface "eth0" of kube-system/macvlan-standalone-vlan100 needs host interface bond0.100, which host policy bond0-vlans creates only on nodes matching node-role.kubernetes.io/worker=')]);
    expect(errors[0]).toContain('Fix: add nodeSelector {"node-role.kubernetes.io/worker": ""}');

    topology.placeWorkload(d);
    expect(validationErrors(app)).toEqual([]);
    const spec = chart.toJson().find((o: any) => o.kind === 'Deployment').spec.template.spec;
    expect(spec.nodeSelector).toEqual({ 'node-role.kubernetes.io/worker': '' });
  });

  test('cdk8s-plus required node affinity that implies the selector counts as placement', () => {
    const { app, chart, topology } = fabric();
    const d = new kplus.Deployment(chart, 'web', container);
    d.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('node-role.kubernetes.io/worker', '')));
    PodNetworks.overlay(topology.overlayNetwork(100)).applyTo(d);
    expect(validationErrors(app)).toEqual([]);
  });

  test('synth and lint agree on the synthesized objects', () => {
    const { chart, topology } = fabric();
    const d = new kplus.Deployment(chart, 'web', container);
    PodNetworks.standalone(topology.standaloneNetwork(100)).applyTo(d);
    // the objects as synthesized, without running the synth-time validation
    const objects = () => chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map(o => o.toJson());
    expect(lintManifests(objects()).flatMap(r => r.findings).map(f => f.rule)).toEqual(['MV172']);
    topology.placeWorkload(d);
    expect(lintManifests(objects()).flatMap(r => r.findings).map(f => f.rule)).toEqual([]);
  });

  test('placeWorkload gives a DaemonSet the topology\'s node count; capacityReport() shows the topology\'s pools', () => {
    const { app, chart, topology } = fabric(40);
    const ds = new kplus.DaemonSet(chart, 'agent', { ...container, metadata: { name: 'agent' } });
    PodNetworks.standalone(topology.standaloneNetwork(100)).applyTo(ds);
    topology.placeWorkload(ds);
    const rows = topology.capacityReport();
    expect(rows.map(r => r.pool)).toEqual(['vlan100-standalone-v4', 'vlan100-overlay-v4']);
    expect(rows[0]).toMatchObject({ demand: 40, status: CapacityStatus.OK });
    expect(rows[0].workloads).toEqual([{ kind: 'DaemonSet', namespace: 'default', name: 'agent', podInterface: 'eth0', pods: 40, explanation: '40 node(s)' }]);
    expect(rows[1]).toMatchObject({ demand: 0, workloads: [] });
    expect(validationErrors(app)).toEqual([]);
    expect(topology.renderSwitchPlanMarkdown()).toContain('| vlan100-standalone-v4 | IPv4 | 127 | 40 | 31.5% | ok | DaemonSet default/agent eth0: 40 (40 node(s)) |');
  });

  test('placeWorkload refuses a workload already placed elsewhere, with the library error', () => {
    const a = fabric();
    const other = new VlanTopology(a.chart, 'other', {
      bond: { name: 'bond1', members: ['ens300'], mode: BondMode.ACTIVE_BACKUP },
      nodeSelector: { 'node-role.kubernetes.io/worker': 'storage' },
      vlans: [{ id: 300, offer: VlanOffer.OVERLAY, ipv4: { subnet: '192.168.30.0/24', gateway: '192.168.30.1' } }],
    });
    const d = new kplus.Deployment(a.chart, 'web', container);
    a.topology.placeWorkload(d);
    let err: unknown;
    try {
      other.placeWorkload(d);
    } catch (e) {
      err = e;
    }
    expect(MacvlanErrors.isMacvlanError(err)).toBe(true);
    expect(MacvlanErrors.details(err)).toMatchObject({ constructPath: 'c/web', field: 'nodeSelector[node-role.kubernetes.io/worker]' });
  });

  test('MV173: a pool\'s nodeAffinity the pods\' placement does not imply', () => {
    const app = testApp();
    const chart = new Chart(app, 'c');
    const pool = new IpPool(chart, 'p', { name: 'p', subnet: '10.0.0.0/24', gateway: '10.0.0.1', nodeAffinity: { matchLabels: { zone: 'a' } } });
    const net = new MacvlanOverlayNetwork(chart, 'n', { name: 'n', master: 'eth1', pools: [pool] });
    PodNetworks.overlay(net).applyTo(new kplus.Deployment(chart, 'web', container));
    const placed = new kplus.Deployment(chart, 'placed', container);
    placed.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('zone', 'a')));
    PodNetworks.overlay(net).applyTo(placed);
    // only the unplaced one
    expect(validationErrors(app)).toEqual([expect.stringMatching(/^\[c\/web\] MV173 error: .*allocates IPv4 from "p", whose nodeAffinity does not admit every node .*Fix: add nodeSelector \{"zone": "a"\}/)]);
  });

  test('MV175: a macvlan master that the topology bonds', () => {
    const { app, chart } = fabric();
    const pool = new IpPool(chart, 'raw-v4', { name: 'raw-v4', subnet: '10.9.0.0/24', gateway: '10.9.0.1' });
    const raw = new MacvlanOverlayNetwork(chart, 'raw', { name: 'raw', master: 'ens224', pools: [pool] });
    PodNetworks.overlay(raw).applyTo(new kplus.Deployment(chart, 'web', container));
    expect(validationErrors(app)).toEqual([expect.stringContaining('MV175 error: pod networks of "c/web" spec.template.spec.nodeSelector: interface "net1" of kube-system/raw uses ens224 as macvlan master, but host policy bond0-vlans makes it a port of bond bond0')]);
  });
});

describe('across charts', () => {
  test('the topology in one chart, networks and workloads in another: placement and bond ports are judged app-wide', () => {
    const app = testApp();
    const infra = new Chart(app, 'infra');
    const topology = new VlanTopology(infra, 'fabric', {
      bond: { name: 'bond0', members: ['ens224', 'ens256'], mode: BondMode.ACTIVE_BACKUP },
      nodeSelector: { 'node-role.kubernetes.io/worker': '' },
      vlans: [{ id: 100, offer: VlanOffer.OVERLAY, ipv4: { subnet: '192.168.100.0/24', gateway: '192.168.100.1' } }],
    });
    const apps = new Chart(app, 'apps');
    const pool = new IpPool(apps, 'raw-v4', { name: 'raw-v4', subnet: '10.9.0.0/24', gateway: '10.9.0.1' });
    const raw = new MacvlanOverlayNetwork(apps, 'raw', { name: 'raw', master: 'ens256', pools: [pool] });
    const web = new kplus.Deployment(apps, 'web', container);
    PodNetworks.overlay(topology.overlayNetwork(100)).attach(raw).applyTo(web);
    const errors = validationErrors(app);
    expect(errors.map(e => /\] (MV\d+) /.exec(e)![1]).sort()).toEqual(['MV172', 'MV175']);
    expect(errors.every(e => e.startsWith('[apps/web] '))).toBe(true);
  });
});

describe('eth0 pools and addresses per workload (configurePrimary)', () => {
  test('a standalone network without pools: eth0 takes the pools given for this set (no MV020)', () => {
    const app = testApp();
    const chart = new Chart(app, 'c');
    const pool = new IpPool(chart, 'p', { name: 'p', subnet: '10.0.0.0/24', gateway: '10.0.0.1' });
    const net = new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'eth1' });
    const d = new kplus.Deployment(chart, 'web', container);
    const nets = PodNetworks.standalone(net).configurePrimary({ pools: [pool] });
    nets.applyTo(d);
    expect(validationErrors(app)).toEqual([]);
    expect(nets.attachments[0]).toMatchObject({ interfaceName: 'eth0', isDefault: true, pools: [pool] });
    expect(nets.annotations()['ipam.spidernet.io/ippools']).toBe('[{"interface":"eth0","ipv4":["p"]}]');
    // without it, MV020 as before
    const bare = new kplus.Deployment(chart, 'bare', container);
    PodNetworks.standalone(net).applyTo(bare);
    expect(validationErrors(app).join('\n')).toContain('MV020');
  });

  test('eth0 takes no per-pod ips (Multus drops them on the default network): refused with the reason and the ways out', () => {
    const app = testApp();
    const chart = new Chart(app, 'c');
    const net = new MacvlanStandaloneNetwork(chart, 'st', { name: 'st', master: 'eth1', ipam: Ipam.staticAddresses() });
    const nets = PodNetworks.standalone(net);
    const err = libraryError(() => nets.configurePrimary({ ips: ['10.32.0.10/24'] } as any));
    expect(err).toMatchObject({ constructPath: 'c/st', field: 'options.ips' });
    expect(err.problem).toContain('Multus applies per-pod ips to additional networks only, never to the default network (eth0)');
    expect(err.fix).toContain('attach(network, { ips })');
    // nothing was recorded: the set still renders eth0 as a plain reference
    expect(nets.attachments[0].ips).toBeUndefined();
    // a static primary network without fixed addresses gets no eth0 address at all: MV094 at synth, as lint says
    nets.applyTo(new kplus.Pod(chart, 'pod', container));
    expect(nets.annotations()['v1.multus-cni.io/default-network']).toBe('kube-system/st');
    expect(validationErrors(app).map(e => /\] (MV\d+) /.exec(e)![1])).toEqual(['MV094']);
    expect(validationErrors(app)[0]).toContain('the default network\'s NIC "eth0" gets no address (Multus passes per-pod ips to additional networks only)');
    // after applyTo the set is frozen
    expect(libraryError(() => nets.configurePrimary({}))).toMatchObject({ field: 'configurePrimary()' });
  });

  test('lint: ips (and mac) on the default-network annotation are MV099; MV094 still says eth0 gets no address', () => {
    const nad = (ipam: object) => ({
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'st', namespace: 'kube-system' },
      spec: { config: JSON.stringify({ cniVersion: '0.3.1', name: 'st', plugins: [{ type: 'macvlan', master: 'eth1', capabilities: { ips: true, mac: true }, ipam }, { type: 'coordinator', mode: 'underlay' }] }) },
    });
    const podWith = (def: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', annotations: { 'v1.multus-cni.io/default-network': def } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const findings = (def: string, ipam: object) => lintManifests([nad(ipam), podWith(def)]).flatMap(r => r.findings).map(f => [f.rule, f.field]);
    expect(findings('[{"name":"st","namespace":"kube-system","ips":["10.32.0.10/24"],"mac":"02:00:00:00:00:01"}]', { type: 'static' })).toEqual([
      ['MV099', 'metadata.annotations[v1.multus-cni.io/default-network].ips'],
      ['MV099', 'metadata.annotations[v1.multus-cni.io/default-network].mac'],
      ['MV094', 'metadata.annotations[v1.multus-cni.io/default-network]'],
    ]);
    // the fixes: fixed addresses in the network, no per-pod request
    expect(findings('kube-system/st', { type: 'static', addresses: [{ address: '10.32.0.10/24' }] })).toEqual([]);
  });
});
