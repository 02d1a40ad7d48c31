import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AnnotatedPod, IPodNetworks, IpPool, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, PodNetworks, Warnings } from '../../src';
import { libraryError } from '../support/errors';
import { findObject, synthObjects, testApp, validationErrors } from '../support/synth';

const container = { containers: [{ image: 'busybox' }] };

function setup() {
  const app = testApp();
  const chart = new Chart(app, 'c');
  const v4 = new IpPool(chart, 'v4', { name: 's-v4', subnet: '10.0.0.0/24', ips: ['10.0.0.10-10.0.0.99'], gateway: '10.0.0.1' });
  const v6 = new IpPool(chart, 'v6', { name: 's-v6', subnet: 'fd00::/64', ips: ['fd00::10-fd00::99'], gateway: 'fd00::1' });
  const ov4 = new IpPool(chart, 'ov4', { name: 'o-v4', subnet: '10.0.0.0/24', ips: ['10.0.0.100-10.0.0.199'], gateway: '10.0.0.1' });
  const s1 = new MacvlanStandaloneNetwork(chart, 's1', { name: 's1', master: 'eth1', pools: [v4, v6] });
  const s2 = new MacvlanStandaloneNetwork(chart, 's2', { name: 's2', namespace: 'net', master: 'eth2', pools: [v4] });
  const o1 = new MacvlanOverlayNetwork(chart, 'o1', { name: 'o1', master: 'eth1', pools: [ov4] });
  const o2 = new MacvlanOverlayNetwork(chart, 'o2', { name: 'o2', master: 'eth2', pools: [ov4] });
  return { app, chart, v4, v6, ov4, s1, s2, o1, o2 };
}

function podAnnotations(objects: any[], name: string): Record<string, string> {
  const obj = objects.find(o => o.metadata?.name?.includes(name) && (o.kind === 'Pod' || o.spec?.template));
  return obj.kind === 'Pod' ? obj.metadata.annotations : obj.spec.template.metadata.annotations;
}

describe('PodNetworks annotations', () => {
  test('standalone: default-network as ns/name, ippools for eth0 with both families', () => {
    const { chart, s1 } = setup();
    new AnnotatedPod(chart, 'pod', { metadata: { name: 'pod' }, networks: PodNetworks.standalone(s1), ...container });
    expect(podAnnotations(synthObjects(chart), 'pod')).toEqual({
      'v1.multus-cni.io/default-network': 'kube-system/s1',
      'ipam.spidernet.io/ippools': '[{"interface":"eth0","ipv4":["s-v4"],"ipv6":["s-v6"]}]',
    });
  });

  test('standalone with extra NICs: JSON networks with namespace and interface keys; Multus numbering by position', () => {
    const { chart, s1, s2 } = setup();
    const nets = PodNetworks.standalone(s1, s2).attach(s1, { interfaceName: 'data0' }).attach(s2);
    expect(nets.attachments.map(a => a.interfaceName)).toEqual(['eth0', 'net1', 'data0', 'net3']);
    new AnnotatedPod(chart, 'pod', { metadata: { name: 'pod' }, networks: nets, ...container });
    const ann = podAnnotations(synthObjects(chart), 'pod');
    expect(JSON.parse(ann['k8s.v1.cni.cncf.io/networks'])).toEqual([
      { name: 's2', namespace: 'net', interface: 'net1' },
      { name: 's1', namespace: 'kube-system', interface: 'data0' },
      { name: 's2', namespace: 'net', interface: 'net3' },
    ]);
    expect(JSON.parse(ann['ipam.spidernet.io/ippools']).map((e: any) => e.interface)).toEqual(['eth0', 'net1', 'data0', 'net3']);
  });

  test('overlay: no default-network; NICs from net1; pools overridable per NIC', () => {
    const { chart, o1, o2, chart: c } = setup();
    const special = new IpPool(c, 'special', { name: 'special', subnet: '192.168.9.0/24', gateway: '192.168.9.1' });
    o2.addPool(special);
    new AnnotatedPod(chart, 'pod', { metadata: { name: 'pod' }, networks: PodNetworks.overlay(o1).attach(o2, { pools: [special] }), ...container });
    const ann = podAnnotations(synthObjects(chart), 'pod');
    expect(ann['v1.multus-cni.io/default-network']).toBeUndefined();
    expect(ann['k8s.v1.cni.cncf.io/networks']).toBe('[{"name":"o1","namespace":"kube-system","interface":"net1"},{"name":"o2","namespace":"kube-system","interface":"net2"}]');
    expect(ann['ipam.spidernet.io/ippools']).toBe('[{"interface":"net1","ipv4":["o-v4"]},{"interface":"net2","ipv4":["special"]}]');
  });

  test.each([
    ['Deployment', (c: Chart) => new kplus.Deployment(c, 'w', container)],
    ['StatefulSet', (c: Chart) => new kplus.StatefulSet(c, 'w', { ...container, service: new kplus.Service(c, 'svc', { ports: [{ port: 80 }] }) })],
    ['DaemonSet', (c: Chart) => new kplus.DaemonSet(c, 'w', container)],
    ['Job', (c: Chart) => new kplus.Job(c, 'w', container)],
  ])('applies to a %s pod template', (kind, make) => {
    const { chart, o1 } = setup();
    PodNetworks.overlay(o1).applyTo(make(chart));
    const workload = synthObjects(chart).find(o => o.kind === kind);
    expect(workload.spec.template.metadata.annotations['k8s.v1.cni.cncf.io/networks']).toBe('[{"name":"o1","namespace":"kube-system","interface":"net1"}]');
  });
});

describe('PodNetworks runtime guards (JavaScript callers and casts)', () => {
  test('an overlay network as default network', () => {
    const { o1 } = setup();
    expect(() => PodNetworks.standalone(o1 as any)).toThrow(
      'primary: a MacvlanStandaloneNetwork expected by PodNetworks.standalone(), got MacvlanOverlayNetwork "kube-system/o1". Fix: an overlay network cannot be a pod\'s default network (eth0): use PodNetworks.overlay(network) to attach it beside the cluster CNI.');
  });

  test('mixing, either order', () => {
    const { s1, o1 } = setup();
    expect(() => PodNetworks.standalone(s1).attach(o1 as any)).toThrow(/^network: a MacvlanStandaloneNetwork expected by StandalonePodNetworks\.attach\(\), got MacvlanOverlayNetwork "kube-system\/o1"\. Fix: a pod cannot mix standalone and overlay/);
    expect(libraryError(() => PodNetworks.standalone(s1, o1 as any))).toMatchObject({ field: 'additional[0]', problem: expect.stringContaining('expected by PodNetworks.standalone(), got MacvlanOverlayNetwork'), fix: expect.stringContaining('cannot mix standalone and overlay') });
    expect(() => PodNetworks.overlay(o1).attach(s1 as any)).toThrow(/^network: a MacvlanOverlayNetwork expected by OverlayPodNetworks\.attach\(\), got MacvlanStandaloneNetwork "kube-system\/s1"\. Fix: a pod cannot mix/);
    // the method the user called, not the one it delegates to (issue 12)
    expect(libraryError(() => PodNetworks.overlay(o1, s1 as any))).toMatchObject({ field: 'networks[1]', problem: expect.stringContaining('expected by PodNetworks.overlay(), got MacvlanStandaloneNetwork "kube-system/s1"'), fix: expect.stringContaining('cannot mix') });
  });

  test('things that are not networks', () => {
    expect(() => PodNetworks.standalone('kube-system/s1' as any)).toThrow('primary: a MacvlanStandaloneNetwork expected by PodNetworks.standalone(), got "kube-system/s1". Fix: pass a MacvlanStandaloneNetwork.');
    expect(() => (PodNetworks.standalone as any)()).toThrow('primary: a MacvlanStandaloneNetwork expected by PodNetworks.standalone(), got nothing (undefined).');
    expect(() => PodNetworks.overlay({ qualifiedName: 'kube-system/o1' } as any)).toThrow(/^networks\[0\]: a MacvlanOverlayNetwork expected by PodNetworks\.overlay\(\), got an object with "qualifiedName"/);
    const { chart } = setup();
    expect(libraryError(() => new AnnotatedPod(chart, 'p', { networks: 'kube-system/s1' as any, ...container })))
      .toMatchObject({ constructPath: 'c/p', field: 'networks', fix: 'pass a set built with PodNetworks.standalone(...) or PodNetworks.overlay(...)' });
    // IPodNetworks is the type AnnotatedPod takes; an implementation of one's own is not a set of this library
    const handMade: IPodNetworks = { attachments: [], annotations: () => ({}), applyTo: () => undefined };
    expect(libraryError(() => new AnnotatedPod(chart, 'q', { networks: handMade, ...container })))
      .toMatchObject({ constructPath: 'c/q', field: 'networks', problem: expect.stringContaining('a PodNetworks set expected by new AnnotatedPod()') });
  });

  test('a set is applied once per workload and frozen after applying', () => {
    const { chart, s1, s2 } = setup();
    const nets = PodNetworks.standalone(s1);
    const d = new kplus.Deployment(chart, 'd', container);
    nets.applyTo(d);
    expect(() => nets.applyTo(d)).toThrow(/already applied to this workload/);
    expect(() => nets.attach(s2)).toThrow(/cannot attach net\/s2: this PodNetworks set was already applied/);
    const d2 = new kplus.Deployment(chart, 'd2', container);
    nets.applyTo(d2); // the same set on another workload is fine
  });

  test('hand-written Multus annotations are not overwritten', () => {
    const { chart, s1 } = setup();
    const d = new kplus.Deployment(chart, 'd', { ...container, podMetadata: { annotations: { 'v1.multus-cni.io/default-network': 'other' } } });
    expect(() => PodNetworks.standalone(s1).applyTo(d)).toThrow(/already has annotation "v1\.multus-cni\.io\/default-network"/);
  });
});

describe('pod validation', () => {
  test('MV018 interface name over 15 bytes', () => {
    const { app, chart, s1 } = setup();
    new AnnotatedPod(chart, 'p', { networks: PodNetworks.standalone(s1).attach(s1, { interfaceName: 'storage-network0' }), ...container });
    // the annotation as synthesized, through the rules lint runs: the name in the networks list (MV018) and in ippools (MV065)
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(/^\[c\/p\] MV018 error: pod networks of "c\/p" metadata\.annotations\[k8s\.v1\.cni\.cncf\.io\/networks\]\[0\]\.interface: interface "storage-network0" is 16 bytes long.*Fix: choose a name of at most 15 bytes/),
      expect.stringMatching(/^\[c\/p\] MV065 error: pod networks of "c\/p" metadata\.annotations\[ipam\.spidernet\.io\/ippools\]\[1\]\.interface: interface "storage-network0" is 16 bytes long/),
    ]);
  });

  test('MV019 duplicate interface names', () => {
    const { app, chart, s1, s2 } = setup();
    new AnnotatedPod(chart, 'p', { networks: PodNetworks.standalone(s1).attach(s2, { interfaceName: 'eth0' }), ...container });
    expect(validationErrors(app).join('\n')).toMatch(/MV019 error: pod networks of "c\/p" interface "eth0" of net\/s2: interface name "eth0" is already used by kube-system\/s1/);
  });

  test('MV117 a NIC of a dual-stack network selecting one family only (Spiderpool accepts it: a warning, as lint says)', () => {
    const { app, chart, s1, v4 } = setup();
    const pod = new AnnotatedPod(chart, 'p', { networks: PodNetworks.standalone(s1).attach(s1, { pools: [v4] }), ...container });
    expect(validationErrors(app)).toEqual([]);
    expect(Warnings.of(pod).recorded).toEqual([expect.stringMatching(/^MV117 warning: pod networks of "c\/p" .*NIC "net1" of dual-stack kube-system\/s1 selects only IPv4 pools/)]);
  });

  test('MV020 a network with no pools at all, seen from the pod', () => {
    const { app, chart } = setup();
    const bare = new MacvlanOverlayNetwork(chart, 'bare', { name: 'bare', master: 'eth1' });
    new AnnotatedPod(chart, 'p', { networks: PodNetworks.overlay(bare), ...container });
    expect(validationErrors(app).join('\n')).toMatch(/\[c\/p\] MV020 error: pod networks of "c\/p" interface "net1" of kube-system\/bare: the NIC uses Spiderpool IPAM but neither/);
  });

  test('a valid pod set synthesizes', () => {
    const { app, chart, s1, s2 } = setup();
    new AnnotatedPod(chart, 'p', { networks: PodNetworks.standalone(s1, s2), ...container });
    expect(validationErrors(app)).toEqual([]);
    expect(findObject(synthObjects(chart), 'NetworkAttachmentDefinition', 's2').metadata.namespace).toBe('net');
  });

  test('MV019 names other components own: eth0 in an overlay pod (cluster CNI), veth0 next to coordinator underlay', () => {
    const { app, chart, o1, s1 } = setup();
    new AnnotatedPod(chart, 'ov', { networks: PodNetworks.overlay(o1).attach(o1, { interfaceName: 'eth0' }), ...container });
    new AnnotatedPod(chart, 'st', { networks: PodNetworks.standalone(s1).attach(s1, { interfaceName: 'veth0' }), ...container });
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(/^\[c\/ov\] MV019 error: pod networks of "c\/ov" metadata\.annotations\[k8s\.v1\.cni\.cncf\.io\/networks\]\[1\]\.interface: interface "eth0" of kube-system\/o1 clashes with the cluster network's eth0/),
      expect.stringMatching(/^\[c\/ov\] MV019 error: pod networks of "c\/ov" interface "eth0" of kube-system\/o1: interface name "eth0" is taken by the cluster CNI/),
      expect.stringMatching(/^\[c\/st\] MV019 error: pod networks of "c\/st" interface "veth0" of kube-system\/s1: interface name "veth0" is taken by the coordinator's veth pair/),
    ]);
  });

  test('MV096 an empty set', () => {
    const { app, chart } = setup();
    new AnnotatedPod(chart, 'p', { networks: PodNetworks.overlay(), ...container });
    expect(validationErrors(app)).toEqual([expect.stringMatching(/^\[c\/p\] MV096 error: pod networks of "c\/p" networks: the set attaches no network/)]);
  });

  test('MV069 a per-NIC pool that belongs to another network', () => {
    const { app, chart, o1, o2 } = setup();
    const other = new IpPool(chart, 'other', { name: 'other', subnet: '192.168.7.0/24', gateway: '192.168.7.1' });
    new MacvlanOverlayNetwork(chart, 'o3', { name: 'o3', master: 'eth3', pools: [other] });
    new AnnotatedPod(chart, 'p', { networks: PodNetworks.overlay(o1).attach(o2, { pools: [other] }), ...container });
    expect(validationErrors(app).join('\n')).toMatch(/MV069 error: pod networks of "c\/p" interface "net2" of kube-system\/o2: pool "other" only serves kube-system\/o3/);
  });
});

describe('annotations are rendered at synth', () => {
  test('a pool added to a network after the set was applied reaches the pod\'s ippools', () => {
    const { chart } = setup();
    const late = new MacvlanOverlayNetwork(chart, 'late', { name: 'late', master: 'eth5' });
    new AnnotatedPod(chart, 'pod', { metadata: { name: 'pod' }, networks: PodNetworks.overlay(late), ...container });
    late.addPool(new IpPool(chart, 'late-v4', { name: 'late-v4', subnet: '192.168.8.0/24', gateway: '192.168.8.1' }));
    expect(podAnnotations(synthObjects(chart), 'pod')['ipam.spidernet.io/ippools']).toBe('[{"interface":"net1","ipv4":["late-v4"]}]');
  });
});

