import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { lines, lintYaml, ruleIds, yamlObjects } from './helpers';
import { addBasicScenario } from '../../examples/basic';
import { IpPool, MacvlanStandaloneNetwork, PodNetworks, StandaloneHelperPlugin } from '../../src';
import { lintManifests, parseNetworkSelection, parseIppoolsAnnotation } from '../../src/rules';
import { validationErrors } from '../support/synth';

const NAD = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata: {name: vlan100, namespace: kube-system}
spec:
  config: '{"cniVersion":"0.3.1","name":"vlan100","plugins":[{"type":"macvlan","master":"bond0.100","mode":"bridge","ipam":{"type":"spiderpool","default_ipv4_ippool":["vlan100-v4"]}},{"type":"coordinator","mode":"underlay"}]}'
---
apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderIPPool
metadata: {name: vlan100-v4}
spec: {subnet: 172.16.100.0/24, ips: [172.16.100.10-172.16.100.200], gateway: 172.16.100.1, multusName: [kube-system/vlan100]}
`;

const template = (annotations: string) => `
    metadata:
      annotations:
${annotations}
    spec:
      containers: [{name: c, image: nginx}]`;
const BAD = '        v1.multus-cni.io/default-network: kube-system/missing';

describe('lintManifests', () => {
  test('MV097: a SpiderMultusConfig and a NAD of the same namespace/name are one object (the NAD it generates)', () => {
    const smc = `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderMultusConfig
metadata: {name: vlan100, namespace: kube-system}
spec: {cniType: macvlan, macvlan: {master: [bond0.100], ippools: {ipv4: [vlan100-v4]}}}
`;
    const findings = lintYaml(`${NAD}---\n${smc}`).filter(f => f.rule === 'MV097');
    expect(findings.map(f => [f.object.kind, f.field])).toEqual([['SpiderMultusConfig', 'metadata.name']]);
    expect(findings[0].message).toBe('SpiderMultusConfig "kube-system/vlan100" is also defined by document 1 (NetworkAttachmentDefinition); applying both keeps only one');
    expect(lintYaml(`${NAD}---\n${smc.replace('name: vlan100,', 'name: vlan200,')}`).filter(f => f.rule === 'MV097')).toEqual([]);
  });

  test('a clean manifest set passes', () => {
    const findings = lintYaml(`${NAD}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  template:${template('        v1.multus-cni.io/default-network: kube-system/vlan100\n        ipam.spidernet.io/ippools: \'[{"interface":"eth0","ipv4":["vlan100-v4"]}]\'')}
`);
    expect(findings).toEqual([]);
  });

  test.each([
    ['Pod', 'metadata:\n  name: w\n  namespace: default\n  annotations:\n    v1.multus-cni.io/default-network: kube-system/missing\nspec: {containers: []}', 'metadata.annotations'],
    ['Deployment', `metadata: {name: w}\nspec:\n  template:${template(BAD)}`, 'spec.template.metadata.annotations'],
    ['StatefulSet', `metadata: {name: w}\nspec:\n  template:${template(BAD)}`, 'spec.template.metadata.annotations'],
    ['DaemonSet', `metadata: {name: w}\nspec:\n  template:${template(BAD)}`, 'spec.template.metadata.annotations'],
    ['ReplicaSet', `metadata: {name: w}\nspec:\n  template:${template(BAD)}`, 'spec.template.metadata.annotations'],
    ['ReplicationController', `metadata: {name: w}\nspec:\n  template:${template(BAD)}`, 'spec.template.metadata.annotations'],
    ['Job', `metadata: {name: w}\nspec:\n  template:${template(BAD)}`, 'spec.template.metadata.annotations'],
    ['CronJob', `metadata: {name: w}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:${template(BAD).replace(/\n/g, '\n    ')}`, 'spec.jobTemplate.spec.template.metadata.annotations'],
  ])('%s pod templates are checked', (kind, body, field) => {
    const findings = lintYaml(`${NAD}---\napiVersion: v1\nkind: ${kind}\n${body}\n`);
    expect(findings.map(f => `${f.rule} ${f.object.kind} ${f.field}`)).toEqual([`MV068 ${kind} ${field}[v1.multus-cni.io/default-network]`]);
  });

  test('List items are unpacked and reported with their position', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: yamlObjects(`${NAD}---\napiVersion: spiderpool.spidernet.io/v2beta1\nkind: SpiderIPPool\nmetadata: {name: bad}\nspec: {subnet: 10.0.0.1/24, ips: [10.0.0.5]}`) };
    const results = lintManifests([list]);
    expect(results.map(r => [r.index, r.item, r.object.kind, r.findings.map(f => f.rule)])).toEqual([
      [0, 0, 'NetworkAttachmentDefinition', []], [0, 1, 'SpiderIPPool', []], [0, 2, 'SpiderIPPool', ['MV001']],
    ]);
  });

  test('a SpiderMultusConfig defines the network its controller generates (cr-name honoured)', () => {
    const findings = lintYaml(`apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderMultusConfig
metadata: {name: smc, namespace: net, annotations: {multus.spidernet.io/cr-name: vlan200}}
spec: {cniType: macvlan, macvlan: {master: [bond0], vlanID: 200, ippools: {ipv4: [p4]}}, coordinator: {mode: underlay}}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: net, annotations: {v1.multus-cni.io/default-network: net/vlan200, k8s.v1.cni.cncf.io/networks: vlan200}}
`);
    expect(findings).toEqual([]);
  });

  test('short form: namespaces default to the pod namespace, interfaces count by position', () => {
    expect(parseNetworkSelection(' a/b@x ,c', 'f').value).toEqual([{ name: 'b', namespace: 'a', interface: 'x' }, { name: 'c', namespace: undefined, interface: undefined }]);
    expect(lines(lintYaml(`${NAD}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: kube-system, annotations: {v1.multus-cni.io/default-network: kube-system/vlan100, k8s.v1.cni.cncf.io/networks: "vlan100@net2, kube-system/vlan100"}}`)))
      .toMatch(/MV019 error Pod p interface "net2" of kube-system\/vlan100: interface name "net2" is already used/);
  });

  test.each([
    ['a/b/c', /MV059 .*"a\/b\/c" has more than one "\/"/],
    ['a@b@c', /MV059 .*"a@b@c" has more than one "@"/],
    ['a,,b', /MV059 .*element 2 of "a,,b" is empty/],
    ['{"name":"a"}', /MV059 .*is JSON object, but Multus expects a JSON array\. Fix: wrap it in brackets/],
    ['kube-system/vlan100@net 1', /MV018 .*interface "net 1" in "kube-system\/vlan100@net 1" contains whitespace/],
    ['[{"name":"vlan100","namespace":"kube-system","default-route":"172.16.100.1"}]', /MV061 .*default-route "172\.16\.100\.1" is not an array of gateway IPs/],
    ['[{"name":"vlan100","namespace":"kube-system","ips":["10.0.0.300/24"]}]', /MV061 .*ips\[0\]: "10\.0\.0\.300\/24" is not an IP or CIDR/],
    ['["vlan100"]', /MV059 .*element "vlan100" is not an object/],
    ['[{"namespace":"kube-system"}]', /MV059 .*the element has no "name"/],
  ])('networks annotation %s', (value, pattern) => {
    const out = lines(lintYaml(`${NAD}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    k8s.v1.cni.cncf.io/networks: '${value}'`));
    expect(out).toMatch(pattern);
  });

  test('ippools: mixing named and unnamed items, legacy keys, ippool (single) shape', () => {
    expect(parseIppoolsAnnotation('[{"interface":"eth0"},{"ipv4":["a"]}]', 'f').findings.map(f => f.message)).toEqual(['1 of 2 items name an interface (Spiderpool refuses the annotation: "NIC should be either all specified or all unspecified")']);
    expect(parseIppoolsAnnotation('[{"ipv4pools":["a"]}]', 'f').findings.map(f => f.message)).toEqual(['"ipv4pools" is the pre-v0.4 key: Spiderpool ignores it, so this item selects no IPv4 pool']);
    const out = lines(lintYaml(`${NAD}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    v1.multus-cni.io/default-network: kube-system/vlan100\n    ipam.spidernet.io/ippool: '[{"ipv4":["vlan100-v4"]}]'`));
    expect(out).toMatch(/MV065 error Pod p metadata\.annotations\[ipam\.spidernet\.io\/ippool\]: is a JSON array, but ipam\.spidernet\.io\/ippool takes one object/);
  });

  test('ippool (single) selects for every Spiderpool NIC; a pool of the other family is reported', () => {
    const out = lines(lintYaml(`${NAD}---
apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderIPPool
metadata: {name: v6}
spec: {subnet: "fd00::/64", ips: ["fd00::10-fd00::20"]}
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    v1.multus-cni.io/default-network: kube-system/vlan100
    ipam.spidernet.io/ippool: '{"ipv4":["v6"]}'`));
    expect(out).toMatch(/MV025 error Pod p interface "eth0" of kube-system\/vlan100: pool "v6" is IPv6 but is selected as an IPv4 pool/);
  });

  test('namespace and cluster default pools satisfy a network without pools', () => {
    const nad = NAD.replace(',"default_ipv4_ippool":["vlan100-v4"]', '');
    const pod = '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team, annotations: {v1.multus-cni.io/default-network: kube-system/vlan100}}\n';
    expect(ruleIds(lintYaml(nad + pod))).toEqual(['MV020']);
    expect(lintYaml(`${nad}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team, annotations: {ipam.spidernet.io/default-ipv4-ippool: '["vlan100-v4"]'}}\n${pod}`)).toEqual([]);
  });

  test('an additional network on eth0 beside the cluster CNI clashes', () => {
    const nad = NAD.replace('"mode":"underlay"', '"mode":"overlay"');
    expect(lines(lintYaml(`${nad}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {k8s.v1.cni.cncf.io/networks: kube-system/vlan100@eth0}}`)))
      .toMatch(/MV019 error Pod p .*interface: interface "eth0" of kube-system\/vlan100 clashes with the cluster network's eth0/);
  });

  test('malformed objects never throw', () => {
    const weird: unknown[] = [null, 1, 'x', [], { kind: 'SpiderIPPool' }, { kind: 'SpiderIPPool', spec: { ips: 'a', excludeIPs: [1], routes: [null, 3], gateway: 5 } },
      { kind: 'NetworkAttachmentDefinition', spec: { config: 5 } }, { kind: 'NetworkAttachmentDefinition', metadata: { name: 'n' }, spec: { config: '{"plugins":[null,{"type":"macvlan","ipam":5}]}' } },
      { kind: 'SpiderMultusConfig', spec: { cniType: 'macvlan', macvlan: { master: 'eth0', bond: 3 }, chainCNIJsonData: [1, '{'], coordinator: 'x' } },
      { kind: 'Pod', metadata: { annotations: { 'k8s.v1.cni.cncf.io/networks': 5, 'v1.multus-cni.io/default-network': [], 'ipam.spidernet.io/ippools': {} } } },
      { kind: 'Deployment', spec: { template: 'x' } }, { kind: 'List', items: [null, { kind: 'CronJob', spec: { jobTemplate: null } }] }];
    expect(() => lintManifests(weird)).not.toThrow();
    expect(lintManifests(weird).flatMap(r => r.findings).length).toBeGreaterThan(10);
  });

  test('values the JSON encoder cannot render are findings, never a RangeError or TypeError (issue 12)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    let n = 0;
    const pool = (spec: object, top: object = {}) => ({
      apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderIPPool', metadata: { name: `p${n}` }, spec: { subnet: `10.0.${n++}.0/24`, ips: [`10.0.${n - 1}.10`], ...spec }, ...top,
    });
    const objects = [pool({ ipVersion: deep }), pool({}, { apiVersion: deep }), pool({}, { apiVersion: Symbol('merge') }), pool({ ipVersion: 10n })];
    const results = lintManifests(objects);
    expect(results.map(r => r.findings.map(f => `${f.rule} ${f.field}`))).toEqual([
      ['MV009 spec.ipVersion'], ['MV150 apiVersion'], ['MV150 apiVersion'], ['MV009 spec.ipVersion'],
    ]);
    expect(results[0].findings[0].message).toBe('ipVersion (a deeply nested array) is neither 4 nor 6');
  });

  test('every value is accounted for: one result per value that is not an object, with MV150 (issue 12)', () => {
    const results = lintManifests(['hello', 42, null, [[{ kind: 'Pod' }]], { apiVersion: 'v1', kind: 'List', items: ['x', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } }] }]);
    expect(results.map(r => [r.index, r.item, r.findings.map(f => f.rule)])).toEqual([
      [0, undefined, ['MV150']], [1, undefined, ['MV150']], [2, undefined, ['MV150']], [3, undefined, ['MV150']], [4, 0, ['MV150']], [4, 1, []],
    ]);
  });

  test('a mapping without apiVersion and kind (another tool\'s configuration) is one MV150 finding, not one per missing field', () => {
    const [r] = lintManifests([{ reviews: { auto: true } }]);
    expect(r.findings.map(f => [f.rule, f.field, f.message])).toEqual([
      ['MV150', '(document)', 'the mapping has neither apiVersion nor kind, so it is not a Kubernetes object and kubectl rejects the file'],
    ]);
    expect(lintManifests([{ kind: 'Pod', metadata: { name: 'p' } }])[0].findings.map(f => `${f.rule} ${f.field}`)).toEqual(['MV150 apiVersion']);
  });

  test('metadata of the wrong types is MV151, as kubectl refuses it', () => {
    const ns = (metadata: unknown) => ({ apiVersion: 'v1', kind: 'Namespace', metadata });
    const fields = (metadata: unknown) => lintManifests([ns(metadata)]).flatMap(r => r.findings.map(f => `${f.rule} ${f.field}`));
    expect(fields({ name: 'n', namespace: 42 })).toEqual(['MV151 metadata.namespace']);
    expect(fields({ name: 'n', namespace: 'Team_A' })).toEqual(['MV151 metadata.namespace']);
    expect(fields({ name: false })).toEqual(['MV151 metadata.name']);
    expect(fields({ generateName: 'n-' })).toEqual([]);
    expect(fields({})).toEqual(['MV151 metadata.name']);
    expect(fields('n')).toEqual(['MV151 metadata']);
    expect(fields({ name: 'n', labels: { app: 42, tier: 'web' }, annotations: { a: true, b: null } })).toEqual(['MV151 metadata.labels[app]', 'MV151 metadata.annotations[a]', 'MV151 metadata.annotations[b]']);
  });

  test('the place of an earlier object is named by the caller (the CLI gives file:line:col)', () => {
    const a = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } };
    expect(lintManifests([a, a])[1].findings[0].message).toBe('Namespace "n" is also defined by document 1 (Namespace); applying both keeps only one');
    expect(lintManifests([a, a], { describeLocation: (i, item) => `here ${i} ${item}` })[1].findings[0].message).toMatch(/also defined by here 0 undefined \(Namespace\)/);
  });

  test('the basic example synthesizes to manifests the linter accepts', () => {
    const app = Testing.app();
    const chart = addBasicScenario(app);
    expect(lintManifests(Testing.synth(chart)).flatMap(r => r.findings)).toEqual([]);
  });
});

describe('construct path: the same rules at synth', () => {
  test('MV050 an empty podAffinity', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new IpPool(chart, 'p', { name: 'p0', subnet: '10.0.0.0/24', podAffinity: {} });
    expect(validationErrors(app).join('\n')).toMatch(/MV050 error: SpiderIPPool "p0" spec\.podAffinity: podAffinity is present but selects nothing/);
  });

  test('MV056 coordinator options (podMacPrefix, podRpFilter, txQueueLen)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pool = new IpPool(chart, 'p', { name: 'p0', subnet: '10.0.0.0/24' });
    new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'eth1', pools: [pool], helper: StandaloneHelperPlugin.coordinator({ podMacPrefix: '01:1b', podRpFilter: 3, txQueueLen: -1 }) });
    const errors = validationErrors(app).join('\n');
    expect(errors).toMatch(/MV056 error: NetworkAttachmentDefinition "kube-system\/n" spec\.config\.plugins\[1\]\.podMACPrefix: podMACPrefix "01:1b" has first octet "01" with the multicast/);
    expect(errors).toMatch(/MV056 error: .*podRPFilter: podRPFilter 3 is not -1, 0, 1 or 2/);
    expect(errors).toMatch(/MV056 error: .*txQueueLen: txQueueLen -1 is not a non-negative integer/);
  });

  test('MV069 a NIC given a pool that belongs to another network', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const a = new IpPool(chart, 'a', { name: 'pa', subnet: '10.0.0.0/24' });
    const b = new IpPool(chart, 'b', { name: 'pb', subnet: '10.1.0.0/24' });
    const na = new MacvlanStandaloneNetwork(chart, 'na', { name: 'na', master: 'eth1', pools: [a] });
    new MacvlanStandaloneNetwork(chart, 'nb', { name: 'nb', master: 'eth2', pools: [b] });
    const dep = new kplus.Deployment(chart, 'd', { containers: [{ image: 'nginx' }] });
    PodNetworks.standalone(na).attach(na, { pools: [b] }).applyTo(dep);
    expect(validationErrors(app).join('\n')).toMatch(/MV069 error: pod networks of "c\/d" interface "net1" of kube-system\/na: pool "pb" only serves kube-system\/nb \(its multusName\)/);
  });

  test('warnings do not fail synth (MV074 unknown cniVersion)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pool = new IpPool(chart, 'p', { name: 'p0', subnet: '10.0.0.0/24' });
    new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'eth1', pools: [pool], cniVersion: '0.3' });
    expect(validationErrors(app)).toEqual([]);
  });
});
