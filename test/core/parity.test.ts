/**
 * Parity with the peers (issue 7): SpiderMultusConfig output, IPAM choices, helper plugins, dual stack and
 * macvlan modes. Every synthesized custom resource is also validated against the upstream CRDs.
 */
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { addPeersScenario } from '../../examples/peers';
import {
  AnnotatedPod, Ipam, IpamType, IpPool, MacvlanMode, MacvlanOverlayNetwork, MacvlanStandaloneNetwork,
  NadSource, OverlayHelperPlugin, PodNetworks, StandaloneHelperPlugin,
} from '../../src';
import { generateNadConfigFromSpiderMultusConfig } from '../../src/cni';
import { WARNING_METADATA } from '../../src/validation/report';
import { validateCustomResources } from '../support/crd-schemas';
import { findObject, synthObjects, testApp, validationErrors } from '../support/synth';

process.env.CDK8S_MACVLAN_QUIET = '1';
const container = { containers: [{ image: 'busybox' }] };
const HIJACK = { serviceHijackSubnets: ['10.233.0.0/18'], overlayHijackSubnets: ['10.233.64.0/18'] };

function setup() {
  const app = testApp();
  const chart = new Chart(app, 'c');
  const v4 = new IpPool(chart, 'v4', { name: 'p-v4', subnet: '10.0.0.0/24', gateway: '10.0.0.1' });
  const v6 = new IpPool(chart, 'v6', { name: 'p-v6', subnet: 'fd00::/64', ips: ['fd00::10-fd00::ff'], gateway: 'fd00::1' });
  return { app, chart, v4, v6 };
}

function schemaClean(chart: Chart): any[] {
  const objects = synthObjects(chart);
  const { errors } = validateCustomResources(objects);
  expect(errors).toEqual([]);
  return objects;
}

const ann = (objects: any[], kind: string, name: string) => {
  const o = objects.find(x => x.kind === kind && x.metadata.name === name);
  return kind === 'Pod' ? o.metadata.annotations : o.spec.template.metadata.annotations;
};

describe('NAD source: SpiderMultusConfig', () => {
  test.each([
    ['standalone, coordinator tuned, dual stack', (c: Chart, pools: IpPool[], source: NadSource) => new MacvlanStandaloneNetwork(c, 'n', {
      name: 'n',
      master: 'ens192',
      source,
      pools,
      helper: StandaloneHelperPlugin.coordinator({ tunePodRoutes: true, podDefaultRouteNic: 'eth0', hijackCidrs: ['169.254.20.10/32'], podMacPrefix: '0a:1b' }),
    })],
    ['overlay with ifacer creating bond0.100 over two NICs', (c: Chart, pools: IpPool[], source: NadSource) => new MacvlanOverlayNetwork(c, 'n', {
      name: 'n',
      master: 'bond0.100',
      source,
      pools,
      mtu: 1400,
      ifacer: { interfaces: ['ens224', 'ens256'], vlanId: 100, bond: { name: 'bond0', mode: 1, options: 'primary=ens224' } },
    })],
    ['standalone with the legacy veth helper (chainCNIJsonData, coordinator off)', (c: Chart, pools: IpPool[], source: NadSource) => new MacvlanStandaloneNetwork(c, 'n', {
      name: 'n', master: 'ens192', source, pools, helper: StandaloneHelperPlugin.spidernetVeth(HIJACK),
    })],
    ['overlay without helper, cniVersion 1.0.0 (annotation)', (c: Chart, pools: IpPool[], source: NadSource) => new MacvlanOverlayNetwork(c, 'n', {
      name: 'n', master: 'ens192', source, pools, helper: OverlayHelperPlugin.none(), cniVersion: '1.0.0',
    })],
  ])('%s: Spiderpool\'s generation from the SpiderMultusConfig gives exactly the NAD the default path writes', (_name, make) => {
    // the same props, once per source
    const a = setup();
    make(a.chart, [a.v4, a.v6], NadSource.SPIDER_MULTUS_CONFIG);
    const smcObjects = schemaClean(a.chart);
    expect(smcObjects.filter(o => o.kind === 'NetworkAttachmentDefinition')).toEqual([]);
    const smc = findObject(smcObjects, 'SpiderMultusConfig', 'n');
    expect(validationErrors(a.app)).toEqual([]);

    const b = setup();
    make(b.chart, [b.v4, b.v6], NadSource.NETWORK_ATTACHMENT_DEFINITION);
    const nad = findObject(schemaClean(b.chart), 'NetworkAttachmentDefinition', 'n');

    const generated = generateNadConfigFromSpiderMultusConfig(smc);
    expect(generated.name).toBe('n');
    expect(generated.namespace).toBe('kube-system');
    expect(generated.config).toEqual(JSON.parse(nad.spec.config)); // same plugins, same values (key order is not meaning)
  });

  test('plugin order of the generated NAD: ifacer, macvlan, chained plugins, coordinator', () => {
    const config = generateNadConfigFromSpiderMultusConfig({
      metadata: { name: 'x', namespace: 'kube-system' },
      spec: { cniType: 'macvlan', macvlan: { master: ['ens224', 'ens256'], vlanID: 200, bond: { name: 'bond0', mode: 4 } }, chainCNIJsonData: ['{"type":"tuning"}'], coordinator: { mode: 'underlay' } },
    }).config as any;
    expect(config.plugins.map((p: any) => p.type)).toEqual(['ifacer', 'macvlan', 'tuning', 'coordinator']);
    expect(config.plugins[1].master).toBe('bond0.200');
    expect(config.plugins[1].mode).toBe('bridge');
  });

  test('the SpiderMultusConfig spec as written', () => {
    const { chart, v4 } = setup();
    new MacvlanOverlayNetwork(chart, 'n', {
      name: 'n',
      master: 'bond0.100',
      source: NadSource.SPIDER_MULTUS_CONFIG,
      pools: [v4],
      ifacer: { interfaces: ['ens224', 'ens256'], vlanId: 100, bond: { name: 'bond0', mode: 4, options: 'miimon=100' } },
    });
    expect(findObject(schemaClean(chart), 'SpiderMultusConfig', 'n').spec).toEqual({
      cniType: 'macvlan',
      macvlan: { master: ['ens224', 'ens256'], vlanID: 100, bond: { name: 'bond0', mode: 4, options: 'miimon=100' }, ippools: { ipv4: ['p-v4'] } },
      enableCoordinator: true,
      coordinator: { mode: 'overlay' },
    });
  });

  test('what a SpiderMultusConfig cannot express is rejected on that path (MV092), and only there', () => {
    const { app, chart, v4 } = setup();
    new MacvlanStandaloneNetwork(chart, 'p', { name: 'p', master: 'ens192', mode: MacvlanMode.PASSTHRU, source: NadSource.SPIDER_MULTUS_CONFIG, pools: [v4] });
    new MacvlanStandaloneNetwork(chart, 'w', { name: 'w', master: 'ens193', source: NadSource.SPIDER_MULTUS_CONFIG, ipam: Ipam.whereabouts({ range: '10.9.0.0/24' }) });
    new MacvlanStandaloneNetwork(chart, 'ok', { name: 'ok', master: 'ens194', mode: MacvlanMode.PASSTHRU, pools: [v4] });
    const errors = validationErrors(app);
    expect(errors).toEqual([
      expect.stringMatching(/^\[c\/p\] MV092 error: SpiderMultusConfig "kube-system\/p" source: a SpiderMultusConfig cannot express macvlan mode "passthru" \(Spiderpool always generates bridge\)\. Fix: use source NadSource\.NETWORK_ATTACHMENT_DEFINITION/),
      expect.stringMatching(/^\[c\/w\] MV092 error: SpiderMultusConfig "kube-system\/w" source: a SpiderMultusConfig cannot express whereabouts IPAM/),
    ]);
  });

  test('a network\'s annotations reach the validation: none written, or one added after construction', () => {
    const cniVersionErrors = (annotate: boolean) => {
      const { app, chart, v4 } = setup();
      const n = new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'bond0.100', source: NadSource.SPIDER_MULTUS_CONFIG, pools: [v4] });
      if (annotate) n.metadata.addAnnotation('multus.spidernet.io/cni-version', '9.9.9');
      return validationErrors(app).filter(m => m.includes('cni-version'));
    };
    expect(cniVersionErrors(false)).toEqual([]);
    expect(cniVersionErrors(true)).toEqual([expect.stringContaining('cni-version "9.9.9" is not one Spiderpool supports')]);
  });

  test('MV093: with ifacer, master must be the interface ifacer creates', () => {
    const { app, chart, v4 } = setup();
    new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'bond0.100', source: NadSource.SPIDER_MULTUS_CONFIG, pools: [v4], ifacer: { interfaces: ['ens224'], vlanId: 100 } });
    expect(validationErrors(app).join('\n')).toMatch(/MV093 error: SpiderMultusConfig "kube-system\/n" master: master "bond0\.100" is not the interface ifacer creates \("ens224\.100"\)\. Fix: set master to "ens224\.100"/);
  });
});

describe('IPAM choices', () => {
  const ipamOf = (objects: any[], name: string) => JSON.parse(findObject(objects, 'NetworkAttachmentDefinition', name).spec.config).plugins[0].ipam;

  test('each choice renders its documented ipam block', () => {
    const { chart } = setup();
    const nets: Array<[string, Ipam]> = [
      ['wb', Ipam.whereabouts({ range: '10.9.0.0/24', rangeStart: '10.9.0.10', rangeEnd: '10.9.0.99', exclude: ['10.9.0.50/32'], gateway: '10.9.0.1', additionalRanges: [{ range: 'fd00:9::/64' }] })],
      ['st', Ipam.staticAddresses({ addresses: [{ address: '10.9.1.5/24', gateway: '10.9.1.1' }], routes: [{ destination: '0.0.0.0/0' }] })],
      ['dh', Ipam.dhcp()],
      ['hl', Ipam.hostLocal({ ranges: [{ subnet: '10.9.2.0/24', rangeStart: '10.9.2.10', gateway: '10.9.2.1' }, { subnet: 'fd00:92::/64' }] })],
      ['no', Ipam.none()],
    ];
    for (const [name, ipam] of nets) new MacvlanOverlayNetwork(chart, name, { name, master: 'ens192', ipam });
    const objects = schemaClean(chart);
    expect(ipamOf(objects, 'wb')).toEqual({ type: 'whereabouts', range: '10.9.0.0/24', range_start: '10.9.0.10', range_end: '10.9.0.99', exclude: ['10.9.0.50/32'], ipRanges: [{ range: 'fd00:9::/64' }], gateway: '10.9.0.1' });
    expect(ipamOf(objects, 'st')).toEqual({ type: 'static', addresses: [{ address: '10.9.1.5/24', gateway: '10.9.1.1' }], routes: [{ dst: '0.0.0.0/0' }] });
    expect(ipamOf(objects, 'dh')).toEqual({ type: 'dhcp' });
    expect(ipamOf(objects, 'hl')).toEqual({ type: 'host-local', ranges: [[{ subnet: '10.9.2.0/24', rangeStart: '10.9.2.10', gateway: '10.9.2.1' }], [{ subnet: 'fd00:92::/64' }]] });
    expect(ipamOf(objects, 'no')).toEqual({});
    expect(Ipam.dhcp().type).toBe(IpamType.DHCP);
  });

  test('a layer-2-only network (Ipam.none()) gets no coordinator by default; an explicit coordinator on it is MV121', () => {
    const { app, chart } = setup();
    new MacvlanOverlayNetwork(chart, 'l2', { name: 'l2', master: 'ens192', ipam: Ipam.none() });
    new MacvlanStandaloneNetwork(chart, 'l2s', { name: 'l2s', master: 'ens193', ipam: Ipam.none() });
    const objects = synthObjects(chart);
    for (const name of ['l2', 'l2s']) {
      expect(JSON.parse(findObject(objects, 'NetworkAttachmentDefinition', name).spec.config).plugins.map((p: any) => p.type)).toEqual(['macvlan']);
    }
    expect(validationErrors(app)).toEqual([]);

    const bad = setup();
    new MacvlanOverlayNetwork(bad.chart, 'l2', { name: 'l2', master: 'ens192', ipam: Ipam.none(), helper: OverlayHelperPlugin.coordinator() });
    expect(validationErrors(bad.app).join('\n')).toMatch(/MV121 error: NetworkAttachmentDefinition "kube-system\/l2" spec\.config\.plugins\[1\]\.type: the coordinator runs on a NIC without IPAM/);
  });

  test('no Spiderpool annotation for a NIC whose network is not Spiderpool; Spiderpool NICs keep theirs', () => {
    const { chart, v4 } = setup();
    const wb = new MacvlanOverlayNetwork(chart, 'wb', { name: 'wb', master: 'ens192', ipam: Ipam.whereabouts({ range: '10.9.0.0/24' }) });
    const sp = new MacvlanOverlayNetwork(chart, 'sp', { name: 'sp', master: 'ens193', pools: [v4] });
    new AnnotatedPod(chart, 'only-wb', { metadata: { name: 'only-wb' }, networks: PodNetworks.overlay(wb), ...container });
    new AnnotatedPod(chart, 'both', { metadata: { name: 'both' }, networks: PodNetworks.overlay(wb, sp), ...container });
    const objects = schemaClean(chart);
    expect(ann(objects, 'Pod', 'only-wb')).toEqual({ 'k8s.v1.cni.cncf.io/networks': '[{"name":"wb","namespace":"kube-system","interface":"net1"}]' });
    expect(ann(objects, 'Pod', 'both')['ipam.spidernet.io/ippools']).toBe('[{"interface":"net2","ipv4":["p-v4"]}]');
  });

  test('MV091: IpPools on a network whose IPAM is not Spiderpool', () => {
    const { app, chart, v4 } = setup();
    new MacvlanOverlayNetwork(chart, 'wb', { name: 'wb', master: 'ens192', ipam: Ipam.whereabouts({ range: '10.9.0.0/24' }), pools: [v4] });
    expect(validationErrors(app).join('\n')).toMatch(/MV091 error: NetworkAttachmentDefinition "kube-system\/wb" pools: "p-v4" given, but the network uses whereabouts IPAM, which never reads SpiderIPPools\. Fix: drop the pools/);
  });

  test('static IPAM without fixed addresses: the NAD declares the ips capability and the pod NIC requests its address', () => {
    const { chart, v4 } = setup();
    const primary = new MacvlanStandaloneNetwork(chart, 'p', { name: 'p', master: 'ens192', pools: [v4] });
    const st = new MacvlanStandaloneNetwork(chart, 'st', { name: 'st', master: 'ens193', ipam: Ipam.staticAddresses() });
    new AnnotatedPod(chart, 'good', { metadata: { name: 'good' }, networks: PodNetworks.standalone(primary).attach(st, { ips: ['10.9.1.5/24'] }), ...container });
    const objects = schemaClean(chart);
    expect(JSON.parse(findObject(objects, 'NetworkAttachmentDefinition', 'st').spec.config).plugins[0].capabilities).toEqual({ ips: true });
    expect(JSON.parse(ann(objects, 'Pod', 'good')['k8s.v1.cni.cncf.io/networks'])).toEqual([{ name: 'st', namespace: 'kube-system', interface: 'net1', ips: ['10.9.1.5/24'] }]);
  });

  test('MV094: such a NIC without ips, and ips on a network that ignores them', () => {
    const { app, chart, v4 } = setup();
    const primary = new MacvlanStandaloneNetwork(chart, 'p', { name: 'p', master: 'ens192', pools: [v4] });
    const st = new MacvlanStandaloneNetwork(chart, 'st', { name: 'st', master: 'ens193', ipam: Ipam.staticAddresses() });
    new AnnotatedPod(chart, 'bad', { networks: PodNetworks.standalone(primary).attach(st), ...container });
    new AnnotatedPod(chart, 'wasted', { networks: PodNetworks.standalone(primary).attach(primary, { ips: ['10.0.0.9/24'] }), ...container });
    expect(validationErrors(app)).toEqual([
      // read from the synthesized annotation by the rule lint runs (the construct only adds the props half)
      expect.stringMatching(/^\[c\/bad\] MV094 error: pod networks of "c\/bad" metadata\.annotations\[k8s\.v1\.cni\.cncf\.io\/networks\]\[0\]: kube-system\/st has static IPAM without fixed addresses, so NIC "net1" gets no address/),
      expect.stringMatching(/^\[c\/wasted\] MV094 error: .*ips 10\.0\.0\.9\/24 are requested, but spiderpool IPAM of kube-system\/p ignores per-pod addresses/),
    ]);
  });

  test('host-local is allowed with a warning (MV071) that does not fail synth', () => {
    const { app, chart } = setup();
    const hl = new MacvlanOverlayNetwork(chart, 'hl', { name: 'hl', master: 'ens192', ipam: Ipam.hostLocal({ ranges: [{ subnet: '10.9.2.0/24' }] }) });
    expect(validationErrors(app)).toEqual([]);
    const warnings = hl.node.metadata.filter(m => m.type === WARNING_METADATA).map(m => m.data);
    expect(warnings).toEqual([expect.stringMatching(/^MV071 warning: NetworkAttachmentDefinition "kube-system\/hl" .*host-local/)]);
  });
});

describe('helper plugin choices', () => {
  test('legacy spidernet veth (standalone) and router (overlay) with their hijack subnets', () => {
    const { chart, v4 } = setup();
    new MacvlanStandaloneNetwork(chart, 's', { name: 's', master: 'ens192', pools: [v4], helper: StandaloneHelperPlugin.spidernetVeth({ ...HIJACK, additionalHijackSubnets: ['169.254.20.10/32'], migrateRoute: 0, hostRpFilter: 2 }) });
    new MacvlanOverlayNetwork(chart, 'o', { name: 'o', master: 'ens192', pools: [v4], helper: OverlayHelperPlugin.spidernetRouter(HIJACK) });
    const objects = schemaClean(chart);
    const helper = (n: string) => JSON.parse(findObject(objects, 'NetworkAttachmentDefinition', n).spec.config).plugins[1];
    expect(helper('s')).toEqual({
      type: 'veth',
      service_hijack_subnet: ['10.233.0.0/18'],
      overlay_hijack_subnet: ['10.233.64.0/18'],
      additional_hijack_subnet: ['169.254.20.10/32'],
      migrate_route: 0,
      rp_filter: { set_host: true, value: 2 },
      skip_call: false,
    });
    expect(helper('o').type).toBe('router');
    expect(helper('o').migrate_route).toBe(-1);
  });

  test('no helper: the chain ends at macvlan, and a standalone pod on it gets the ClusterIP warning (MV072)', () => {
    const { app, chart, v4 } = setup();
    const s = new MacvlanStandaloneNetwork(chart, 's', { name: 's', master: 'ens192', pools: [v4], helper: StandaloneHelperPlugin.none() });
    const pod = new AnnotatedPod(chart, 'p', { networks: PodNetworks.standalone(s), ...container });
    expect(validationErrors(app)).toEqual([]);
    expect(JSON.parse(s.cniConfig).plugins.map((p: any) => p.type)).toEqual(['macvlan']);
    expect(pod.node.metadata.filter(m => m.type === WARNING_METADATA).map(m => m.data))
      .toEqual([expect.stringMatching(/^MV072 warning: .*cannot reach ClusterIP services/)]);
  });
});

describe('macvlan modes', () => {
  test.each([MacvlanMode.BRIDGE, MacvlanMode.PRIVATE, MacvlanMode.VEPA, MacvlanMode.PASSTHRU])('%s renders as the plugin mode', (mode) => {
    const { chart, v4 } = setup();
    const n = new MacvlanOverlayNetwork(chart, 'n', { name: 'n', master: 'ens192', mode, pools: [v4] });
    expect(JSON.parse(n.cniConfig).plugins[0].mode).toBe(mode);
  });

  test('MV090: passthru takes the master for one NIC; a second NIC of the pod on that master is an error', () => {
    const { app, chart, v4 } = setup();
    const pt = new MacvlanOverlayNetwork(chart, 'pt', { name: 'pt', master: 'ens195', mode: MacvlanMode.PASSTHRU, pools: [v4] });
    const br = new MacvlanOverlayNetwork(chart, 'br', { name: 'br', master: 'ens195', pools: [v4] });
    new AnnotatedPod(chart, 'p', { networks: PodNetworks.overlay(pt, br), ...container });
    new AnnotatedPod(chart, 'ok', { networks: PodNetworks.overlay(pt), ...container });
    expect(validationErrors(app)).toEqual([expect.stringMatching(/^\[c\/p\] MV090 error: pod networks of "c\/p" interface "net2" of kube-system\/br: master ens195 already carries "net1" \(kube-system\/pt\) and a passthru macvlan takes the master for itself/)]);
  });
});

describe('the peers example', () => {
  test('type-checks (it is compiled by the test tsconfig), synthesizes, validates against the CRDs, one network per choice', () => {
    const app = testApp();
    const chart = addPeersScenario(app);
    expect(validationErrors(app)).toEqual([]);
    const objects = schemaClean(chart);
    const configs = objects.filter(o => o.kind === 'NetworkAttachmentDefinition').map(o => JSON.parse(o.spec.config));
    const ipamTypes = configs.map(c => c.plugins[0].ipam.type ?? 'none').sort();
    expect(ipamTypes).toEqual(['dhcp', 'none', 'spiderpool', 'spiderpool', 'static', 'whereabouts']);
    expect(configs.map(c => c.plugins[0].mode).sort()).toEqual(['bridge', 'bridge', 'bridge', 'passthru', 'private', 'vepa']);
    // the layer-2-only network (Ipam.none()) gets no coordinator: it would fail on a NIC without an address (MV121)
    expect(configs.flatMap(c => c.plugins.slice(1).map((p: any) => p.type)).sort()).toEqual(['coordinator', 'coordinator', 'coordinator', 'router', 'veth']);
    const l2 = configs.find(c => c.plugins[0].ipam && Object.keys(c.plugins[0].ipam).length === 0);
    expect(l2.plugins.map((p: any) => p.type)).toEqual(['macvlan']);
    expect(objects.filter(o => o.kind === 'SpiderMultusConfig').map(o => o.metadata.name)).toEqual(['macvlan-smc-vlan300']);
    expect(kplus).toBeDefined();
  });
});

describe('helper plugins fit their network type', () => {
  test('a JavaScript caller handing the veth helper to an overlay network (or router to standalone) gets a clear error', () => {
    const { chart, v4 } = setup();
    expect(() => new MacvlanOverlayNetwork(chart, 'o', { master: 'ens192', pools: [v4], helper: StandaloneHelperPlugin.spidernetVeth(HIJACK) as any }))
      .toThrow('[c/o] helper: an OverlayHelperPlugin expected by new MacvlanOverlayNetwork(), got a StandaloneHelperPlugin. Fix: pass OverlayHelperPlugin.coordinator(), OverlayHelperPlugin.spidernetRouter({...}) or OverlayHelperPlugin.none(), or leave helper out.');
    expect(() => new MacvlanStandaloneNetwork(chart, 's', { master: 'ens192', pools: [v4], helper: OverlayHelperPlugin.spidernetRouter(HIJACK) as any }))
      .toThrow(/helper: a StandaloneHelperPlugin expected by new MacvlanStandaloneNetwork\(\), got an OverlayHelperPlugin\. Fix: pass StandaloneHelperPlugin\.coordinator\(\), StandaloneHelperPlugin\.spidernetVeth/);
    // every helper of the other kind, not only the spidernet ones (issue 12)
    expect(() => new MacvlanOverlayNetwork(chart, 'o2', { master: 'ens192', pools: [v4], helper: StandaloneHelperPlugin.coordinator() as any })).toThrow(/got a StandaloneHelperPlugin/);
    expect(() => new MacvlanStandaloneNetwork(chart, 's2', { master: 'ens192', pools: [v4], helper: OverlayHelperPlugin.none() as any })).toThrow(/got an OverlayHelperPlugin/);
  });
});
