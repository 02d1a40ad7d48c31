import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  CoordinatorPodCidrType, IpPool, MacvlanMode, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, NadSource, OverlayHelperPlugin,
  PodNetworks, StandaloneHelperPlugin,
} from '../../src';
import { findObject, synthObjects, testApp, validationErrors } from '../support/synth';

function setup() {
  const app = testApp();
  const chart = new Chart(app, 'c');
  const v4 = new IpPool(chart, 'v4', { name: 'p-v4', subnet: '10.0.0.0/24', gateway: '10.0.0.1' });
  const v6 = new IpPool(chart, 'v6', { name: 'p-v6', subnet: 'fd00::/64', gateway: 'fd00::1' });
  return { app, chart, v4, v6 };
}

describe('macvlan networks', () => {
  test('standalone: NAD in kube-system, macvlan + spiderpool IPAM + coordinator underlay, deterministic JSON', () => {
    const { chart, v4, v6 } = setup();
    const net = new MacvlanStandaloneNetwork(chart, 'n', { name: 'macvlan-standalone-vlan0', master: 'ens192', pools: [v4, v6] });
    const nad = findObject(synthObjects(chart), 'NetworkAttachmentDefinition', 'macvlan-standalone-vlan0');
    expect(nad.apiVersion).toBe('k8s.cni.cncf.io/v1');
    expect(nad.metadata.namespace).toBe('kube-system');
    expect(nad.spec.config).toBe('{"cniVersion":"0.3.1","name":"macvlan-standalone-vlan0","plugins":['
      + '{"type":"macvlan","master":"ens192","mode":"bridge","ipam":{"type":"spiderpool","default_ipv4_ippool":["p-v4"],"default_ipv6_ippool":["p-v6"]}},'
      + '{"type":"coordinator","mode":"underlay"}]}');
    expect(JSON.parse(nad.spec.config).name).toBe(nad.metadata.name);
    expect(net.qualifiedName).toBe('kube-system/macvlan-standalone-vlan0');
    expect(net.cniConfig).toBe(nad.spec.config);
  });

  test('overlay: coordinator in overlay mode with typed options; mode, mtu, namespace, cniVersion honoured', () => {
    const { chart, v4 } = setup();
    const net = new MacvlanOverlayNetwork(chart, 'n', {
      name: 'ov',
      namespace: 'net',
      master: 'bond0.200',
      mode: MacvlanMode.PRIVATE,
      mtu: 1400,
      cniVersion: '1.0.0',
      pools: [v4],
      helper: OverlayHelperPlugin.coordinator({
        tunePodRoutes: true,
        podDefaultRouteNic: 'net1',
        podMacPrefix: '0a:1b',
        hijackCidrs: ['169.254.20.10/32'],
        podRpFilter: 0,
        txQueueLen: 0,
        hostRuleTable: 500,
      }),
    });
    const cfg = JSON.parse(findObject(synthObjects(chart), 'NetworkAttachmentDefinition', 'ov').spec.config);
    expect(cfg).toEqual({
      cniVersion: '1.0.0',
      name: 'ov',
      plugins: [
        { type: 'macvlan', master: 'bond0.200', mode: 'private', mtu: 1400, ipam: { type: 'spiderpool', default_ipv4_ippool: ['p-v4'] } },
        { type: 'coordinator', mode: 'overlay', tunePodRoutes: true, podDefaultRouteNic: 'net1', podMACPrefix: '0a:1b', hijackCIDR: ['169.254.20.10/32'], hostRuleTable: 500, podRPFilter: 0, txQueueLen: 0 },
      ],
    });
    // the same choices read back without toJson()
    const read = { name: net.name, namespace: net.namespace, qualifiedName: net.qualifiedName, master: net.master, mode: net.mode };
    expect({ ...read, mtu: net.mtu, cniVersion: net.cniVersion, pools: net.pools })
      .toEqual({ name: 'ov', namespace: 'net', qualifiedName: 'net/ov', master: 'bond0.200', mode: MacvlanMode.PRIVATE, mtu: 1400, cniVersion: '1.0.0', pools: [v4] });
  });

  test('pools added later reach the config and multusName; a shared pool lists every network', () => {
    const { chart, v4 } = setup();
    const a = new MacvlanStandaloneNetwork(chart, 'a', { name: 'a', master: 'eth1' });
    const b = new MacvlanStandaloneNetwork(chart, 'b', { name: 'b', master: 'eth1', pools: [v4] });
    a.addPool(v4);
    a.addPool(v4);
    const objects = synthObjects(chart);
    expect(JSON.parse(findObject(objects, 'NetworkAttachmentDefinition', 'a').spec.config).plugins[0].ipam.default_ipv4_ippool).toEqual(['p-v4']);
    expect(findObject(objects, 'SpiderIPPool', 'p-v4').spec.multusName).toEqual(['kube-system/b', 'kube-system/a']);
    expect(a.ipv4Pools).toEqual([v4]);
    expect(b.ipv6Pools).toEqual([]);
  });

  test('default names are DNS labels derived from the construct path', () => {
    const { chart, v4 } = setup();
    const net = new MacvlanStandaloneNetwork(chart, 'My-Net', { master: 'eth1', pools: [v4] });
    expect(net.name).toMatch(/^c-my-net-[0-9a-f]{8}$/);
    expect(MacvlanStandaloneNetwork.DEFAULT_NAMESPACE).toBe('kube-system');
    expect(MacvlanOverlayNetwork.DEFAULT_NAMESPACE).toBe('kube-system');
    expect(net.namespace).toBe('kube-system');
  });

  test('runtime type guards', () => {
    const { chart } = setup();
    const s = new MacvlanStandaloneNetwork(chart, 's', { master: 'eth1' });
    const o = new MacvlanOverlayNetwork(chart, 'o', { master: 'eth1' });
    expect(MacvlanStandaloneNetwork.isMacvlanStandaloneNetwork(s)).toBe(true);
    expect(MacvlanStandaloneNetwork.isMacvlanStandaloneNetwork(o)).toBe(false);
    expect(MacvlanOverlayNetwork.isMacvlanOverlayNetwork(o)).toBe(true);
    expect(MacvlanOverlayNetwork.isMacvlanOverlayNetwork({ qualifiedName: 'x/y' })).toBe(false);
  });
});

describe('network validation', () => {
  test('MV013 invalid NAD name', () => {
    const { app, chart, v4 } = setup();
    new MacvlanStandaloneNetwork(chart, 'n', { name: 'macvlan_vlan100', master: 'eth1', pools: [v4] });
    expect(validationErrors(app).join('\n')).toMatch(/^\[c\/n\] MV013 error: NetworkAttachmentDefinition "kube-system\/macvlan_vlan100" metadata\.name: "macvlan_vlan100" .*Fix: use lower-case letters, digits and "-" only/m);
  });

  test('MV015 master over 15 bytes', () => {
    const { app, chart, v4 } = setup();
    new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'enp175s0f0np0.100', pools: [v4] });
    expect(validationErrors(app).join('\n')).toMatch(/MV015 error: NetworkAttachmentDefinition "kube-system\/n" spec\.config\.plugins\[0\]\.master: master "enp175s0f0np0\.100" is 17 bytes long.*Fix: name the host interface exactly/);
  });

  test('MV016 negative MTU', () => {
    const { app, chart, v4 } = setup();
    new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'eth1', mtu: -1, pools: [v4] });
    expect(validationErrors(app).join('\n')).toMatch(/MV016 error: NetworkAttachmentDefinition "kube-system\/n" spec\.config\.plugins\[0\]\.mtu: mtu -1 is not a non-negative integer/);
  });

  test('MV017 a mode that is not a macvlan mode (JavaScript caller)', () => {
    const { app, chart, v4 } = setup();
    new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'eth1', mode: 'Bridge' as any, pools: [v4] });
    expect(validationErrors(app).join('\n')).toMatch(/MV017 error: .*mode "Bridge" is not a macvlan mode\. Fix: use one of bridge, private, vepa, passthru/);
  });

  test('MV020 a network without pools: reported on each pod NIC that selects none (a network alone is not an error)', () => {
    const { app, chart } = setup();
    const n = new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'eth1' });
    expect(validationErrors(app)).toEqual([]);
    PodNetworks.standalone(n).applyTo(new kplus.Deployment(chart, 'd', { containers: [{ image: 'nginx' }] }));
    expect(validationErrors(app).join('\n')).toMatch(/MV020 error: pod networks of "c\/d" interface "eth0" of kube-system\/n: the NIC uses Spiderpool IPAM but neither the network nor the pod selects an IP pool/);
  });
});

describe('MV097 duplicate objects across the app', () => {
  test('two pools or two networks with one name (even in different charts) are reported on the later one', () => {
    const { app, chart, v4 } = setup();
    new IpPool(new Chart(app, 'other'), 'again', { name: 'p-v4', subnet: '10.5.0.0/24', gateway: '10.5.0.1' });
    new MacvlanStandaloneNetwork(chart, 'a', { name: 'n', master: 'eth1', pools: [v4] });
    new MacvlanOverlayNetwork(chart, 'b', { name: 'n', master: 'eth2', pools: [v4] });
    new MacvlanOverlayNetwork(chart, 'c', { name: 'n', namespace: 'other', master: 'eth2', pools: [v4] });
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(/^\[c\/b\] MV097 error: NetworkAttachmentDefinition "kube-system\/n" metadata\.name: NetworkAttachmentDefinition "kube-system\/n" is also defined by c\/a/),
      expect.stringMatching(/^\[other\/again\] MV097 error: SpiderIPPool "p-v4" metadata\.name: SpiderIPPool "p-v4" is also defined by c\/v4/),
    ]);
  });
});

describe('defaults and scope', () => {
  test('default names are valid DNS labels written into the objects; pools never get the chart namespace', () => {
    const app = testApp();
    const chart = new Chart(app, 'c', { namespace: 'team' });
    const pool = new IpPool(chart, 'Pool_1', { subnet: '10.0.0.0/11' });
    const net = new MacvlanOverlayNetwork(chart, 'Net_1', { master: 'eth1', pools: [pool] });
    expect(validationErrors(app)).toEqual([]);
    const objects = synthObjects(chart);
    const poolObj = objects.find(o => o.kind === 'SpiderIPPool');
    const nadObj = objects.find(o => o.kind === 'NetworkAttachmentDefinition');
    expect(poolObj.metadata).toEqual({ name: pool.name });
    expect(pool.name).toMatch(/^c-pool-1-[0-9a-f]{8}$/);
    expect(nadObj.metadata).toEqual({ name: net.name, namespace: 'kube-system' });
    expect(JSON.parse(nadObj.spec.config).plugins[0].ipam.default_ipv4_ippool).toEqual([pool.name]);
    // a /11 gets the default range of 65535 addresses, not 2 million
    expect(poolObj.spec.ips).toEqual(['10.0.0.1-10.0.255.255']);
  });

  test('MV098 podCidrType on a NetworkAttachmentDefinition (only Spiderpool\'s controller reads it)', () => {
    const { app, chart, v4 } = setup();
    new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'eth1', pools: [v4], helper: StandaloneHelperPlugin.coordinator({ podCidrType: CoordinatorPodCidrType.CALICO }) });
    expect(validationErrors(app)).toEqual([expect.stringMatching(/^\[c\/n\] MV098 error: NetworkAttachmentDefinition "kube-system\/n" helper: podCidrType "calico" has no CNI config key/)]);
    const ok = setup();
    new MacvlanStandaloneNetwork(ok.chart, 's', { name: 's', master: 'eth1', pools: [ok.v4], source: NadSource.SPIDER_MULTUS_CONFIG, helper: StandaloneHelperPlugin.coordinator({ podCidrType: CoordinatorPodCidrType.CALICO }) });
    expect(findObject(synthObjects(ok.chart), 'SpiderMultusConfig', 's').spec.coordinator).toEqual({ mode: 'underlay', podCIDRType: 'calico' });
  });
});

