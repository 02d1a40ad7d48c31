import * as fc from 'fast-check';
import { lintYaml, ruleIds, yamlObjects } from './helpers';
import { lintManifestSet, peakPods, scaledValue } from '../../src/rules';

const POOL = (name: string, ips: string, extra = '', meta = '') => `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderIPPool
metadata:
  name: ${name}
${meta}spec:
  subnet: 172.16.100.0/24
  ips: [${ips}]
  gateway: 172.16.100.1
${extra}`;

const NAD = (name: string, pools: string[], master = 'bond0.100', type = 'macvlan') => `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata: {name: ${name}, namespace: kube-system}
spec:
  config: '${JSON.stringify({ cniVersion: '0.3.1', name, plugins: [{ type, master, mode: type === 'macvlan' ? 'bridge' : 'l2', ipam: { type: 'spiderpool', default_ipv4_ippool: pools } }, { type: 'coordinator', mode: 'underlay' }] })}'
`;

const NNCP = (name: string, selector: string, interfaces: string) => `apiVersion: nmstate.io/v1
kind: NodeNetworkConfigurationPolicy
metadata: {name: ${name}}
spec:
  nodeSelector: ${selector}
  desiredState:
    interfaces:
${interfaces}`;

const BOND_AND_VLAN = `      - {name: bond0, type: bond, state: up, link-aggregation: {mode: 802.3ad, port: [ens224, ens256]}}
      - {name: bond0.100, type: vlan, state: up, vlan: {base-iface: bond0, id: 100, reorder-headers: true}}
`;

/** A workload of `kind` on network `net` with a pod spec fragment (flow mapping entries) and spec fields. */
function workload(kind: string, name: string, specFields: string, podSpec = '', net = 'vlan100', meta = ''): string {
  const template = `{metadata: {annotations: {v1.multus-cni.io/default-network: kube-system/${net}}}, spec: {${podSpec}${podSpec ? ', ' : ''}containers: [{name: c, image: nginx}]}}`;
  const apiVersion = kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : kind === 'Pod' || kind === 'ReplicationController' ? 'v1' : 'apps/v1';
  if (kind === 'Pod') {
    return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: default${meta}, annotations: {v1.multus-cni.io/default-network: kube-system/${net}}}\nspec: {${podSpec}${podSpec ? ', ' : ''}containers: [{name: c, image: nginx}]}\n`;
  }
  if (kind === 'CronJob') {
    return `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: ${name}, namespace: default}\nspec: {schedule: "* * * * *", jobTemplate: {spec: {${specFields}${specFields ? ', ' : ''}template: ${template}}}}\n`;
  }
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: ${name}, namespace: default${meta}}\nspec: {${specFields}${specFields ? ', ' : ''}template: ${template}}\n`;
}

const docs = (...parts: string[]) => parts.join('---\n');
const of = (id: string, text: string) => lintYaml(text).filter(f => f.rule === id);

describe('peak pods per workload kind', () => {
  test('Deployment: replicas (default 1) plus maxSurge (default 25%), percentages rounded up; Recreate has no surge', () => {
    expect(peakPods('Deployment', {}).pods).toBe(2);
    expect(peakPods('Deployment', { replicas: 10 }).pods).toBe(13);
    expect(peakPods('Deployment', { replicas: 10, maxSurge: '10%' }).pods).toBe(11);
    expect(peakPods('Deployment', { replicas: 10, maxSurge: '1%' }).pods).toBe(11);
    expect(peakPods('Deployment', { replicas: 10, maxSurge: 0 }).pods).toBe(10);
    expect(peakPods('Deployment', { replicas: 10, maxSurge: 4 }).pods).toBe(14);
    expect(peakPods('Deployment', { replicas: 10, rollingUpdate: false }).pods).toBe(10);
    expect(peakPods('Deployment', { replicas: 0 }).pods).toBe(0);
    expect(peakPods('Deployment', { replicas: 3, autoscaled: true }).pods).toBeUndefined();
    expect(peakPods('Deployment', { replicas: 3, maxSurge: 'lots' }).pods).toBeUndefined();
  });

  test('StatefulSet, ReplicaSet, ReplicationController: replicas; Job and CronJob: parallelism capped by completions; Pod: 1', () => {
    expect(peakPods('StatefulSet', { replicas: 3 }).pods).toBe(3);
    expect(peakPods('StatefulSet', {}).pods).toBe(1);
    expect(peakPods('ReplicaSet', { replicas: 4 }).pods).toBe(4);
    expect(peakPods('ReplicationController', { replicas: 5 }).pods).toBe(5);
    expect(peakPods('Job', {}).pods).toBe(1);
    expect(peakPods('Job', { parallelism: 5 }).pods).toBe(5);
    expect(peakPods('Job', { parallelism: 5, completions: 2 }).pods).toBe(2);
    expect(peakPods('CronJob', { parallelism: 3 }).pods).toBe(3);
    expect(peakPods('Pod', {}).pods).toBe(1);
  });

  test('DaemonSet: one per declared node plus maxSurge (default 0); unknown without a node count', () => {
    expect(peakPods('DaemonSet', {}).pods).toBeUndefined();
    expect(peakPods('DaemonSet', {}).explanation).toContain('capacity.cdk8s-macvlan.io/nodes');
    expect(peakPods('DaemonSet', { nodeCount: 5 }).pods).toBe(5);
    expect(peakPods('DaemonSet', { nodeCount: 5, maxSurge: '20%' }).pods).toBe(6);
  });

  test('scaledValue rounds percentages up like Kubernetes does for maxSurge', () => {
    expect(scaledValue('25%', 2, 0)).toBe(1);
    expect(scaledValue('25%', 4, 0)).toBe(1);
    expect(scaledValue('25%', 5, 0)).toBe(2);
    expect(scaledValue(undefined, 8, 25)).toBe(2);
    expect(scaledValue('3', 8, 25)).toBe(3);
    expect(scaledValue(-1, 8, 25)).toBeUndefined();
  });
});

describe('MV170 / MV171 address capacity (lint)', () => {
  const TEN = '172.16.100.10-172.16.100.19';

  test('demand sums every workload on the pool; the error names supply, demand and each workload', () => {
    const text = docs(POOL('vlan100-v4', TEN), NAD('vlan100', ['vlan100-v4']),
      workload('Deployment', 'web', 'replicas: 5'), workload('StatefulSet', 'db', 'replicas: 3'), workload('Job', 'batch', 'parallelism: 2'));
    const [f] = of('MV170', text);
    expect(f).toMatchObject({ severity: 'error', field: 'spec.ips', object: { kind: 'SpiderIPPool', name: 'vlan100-v4' } });
    expect(f.message).toContain('has 10 allocatable address(es) but its workloads need 12 at their peak');
    expect(f.message).toContain('Deployment default/web eth0: 7 (replicas 5 + maxSurge 2 (25%))');
    expect(f.message).toContain('StatefulSet default/db eth0: 3 (replicas 3)');
    expect(f.message).toContain('Job default/batch eth0: 2 (parallelism 2)');
    // 4 replicas surge by 1 (25% rounded up): 5 + 3 + 2 fit exactly
    expect(of('MV170', docs(POOL('vlan100-v4', TEN), NAD('vlan100', ['vlan100-v4']),
      workload('Deployment', 'web', 'replicas: 4'), workload('StatefulSet', 'db', 'replicas: 3'), workload('Job', 'batch', 'parallelism: 2')))).toEqual([]);
  });

  test('the gateway and SpiderReservedIP addresses are not supply', () => {
    const inside = docs(POOL('vlan100-v4', '172.16.100.1-172.16.100.10', '  excludeIPs: [172.16.100.1]\n'), NAD('vlan100', ['vlan100-v4']),
      workload('StatefulSet', 'db', 'replicas: 9'));
    expect(of('MV170', inside)).toEqual([]);
    const reserved = 'apiVersion: spiderpool.spidernet.io/v2beta1\nkind: SpiderReservedIP\nmetadata: {name: r}\nspec: {ipVersion: 4, ips: [172.16.100.10-172.16.100.11]}  # .11 is in no pool\n';
    const [f] = of('MV170', docs(inside, reserved));
    expect(f.message).toContain('has 8 allocatable address(es) but its workloads need 9');
  });

  test('several pools of one family on a NIC: their supply adds up', () => {
    const two = (replicas: number) => docs(POOL('a', '172.16.100.10-172.16.100.14'), POOL('b', '172.16.100.20-172.16.100.24'),
      NAD('vlan100', ['a', 'b']), workload('StatefulSet', 'db', `replicas: ${replicas}`));
    expect(ruleIds(lintYaml(two(9)))).not.toContain('MV170');
    const [f] = of('MV170', two(11));
    expect(f.message).toContain('pools "a" + "b" (listed together on a NIC) has 10 allocatable address(es) but its workloads need 11');
    expect(f.object.name).toBe('a');
  });

  test('a NIC that can only use one of the pools counts against that pool alone', () => {
    const text = docs(POOL('a', '172.16.100.10-172.16.100.14'), POOL('b', '172.16.100.20-172.16.100.24'),
      NAD('both', ['a', 'b']), NAD('only-a', ['a']),
      workload('StatefulSet', 'db', 'replicas: 2', '', 'both'), workload('StatefulSet', 'cache', 'replicas: 6', '', 'only-a'));
    const found = of('MV170', text);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^pool "a" has 5 allocatable address\(es\) but its workloads need 6/);
  });

  test('MV171 above 90% by default; the threshold comes from the option or the pool annotation', () => {
    const text = (meta = '') => docs(POOL('vlan100-v4', TEN, '', meta), NAD('vlan100', ['vlan100-v4']), workload('StatefulSet', 'db', 'replicas: 10'));
    const [w] = of('MV171', text());
    expect(w).toMatchObject({ severity: 'warning', field: 'spec.ips' });
    expect(w.message).toContain('is 100% used at the workloads\' peak (10 of 10 addresses');
    expect(of('MV171', docs(POOL('vlan100-v4', TEN), NAD('vlan100', ['vlan100-v4']), workload('StatefulSet', 'db', 'replicas: 9')))).toEqual([]);
    const eight = docs(POOL('vlan100-v4', TEN), NAD('vlan100', ['vlan100-v4']), workload('StatefulSet', 'db', 'replicas: 8'));
    const lint = (t: string, warn?: number) => lintManifestSet(yamlObjects(t), { capacityWarnPercent: warn }).results.flatMap(r => r.findings).filter(f => f.rule === 'MV171');
    expect(lint(eight)).toEqual([]);
    expect(lint(eight, 75)).toHaveLength(1);
    expect(of('MV171', text('  annotations: {capacity.cdk8s-macvlan.io/warn-percent: "100"}\n'))).toEqual([]);
    const [bad] = of('MV171', text('  annotations: {capacity.cdk8s-macvlan.io/warn-percent: "lots"}\n'));
    expect(bad.field).toBe('metadata.annotations[capacity.cdk8s-macvlan.io/warn-percent]');
  });

  test('the capacity table: supply, demand, status and the workloads per pool; unknown DaemonSet demand listed', () => {
    const text = docs(POOL('vlan100-v4', TEN), NAD('vlan100', ['vlan100-v4']), workload('Deployment', 'web', 'replicas: 2'),
      workload('DaemonSet', 'agent', ''), workload('DaemonSet', 'counted', '', '', 'vlan100', ', annotations: {capacity.cdk8s-macvlan.io/nodes: "3"}'));
    const { capacity } = lintManifestSet(yamlObjects(text));
    expect(capacity).toEqual([{
      pool: 'vlan100-v4',
      ipVersion: 4,
      supply: 10n,
      demand: 6,
      pinnedDemand: 6,
      status: 'ok',
      warnPercent: 90,
      workloads: [
        { kind: 'Deployment', namespace: 'default', name: 'web', interface: 'eth0', pods: 3, explanation: 'replicas 2 + maxSurge 1 (25%)' },
        { kind: 'DaemonSet', namespace: 'default', name: 'agent', interface: 'eth0', pods: undefined, explanation: expect.stringContaining('node count is not declared') },
        { kind: 'DaemonSet', namespace: 'default', name: 'counted', interface: 'eth0', pods: 3, explanation: '3 node(s)' },
      ],
    }]);
  });

  test('an autoscaler\'s maxReplicas is its target\'s replica count', () => {
    const hpa = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: default}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 1, maxReplicas: 12}\n';
    const [f] = of('MV170', docs(POOL('vlan100-v4', TEN), NAD('vlan100', ['vlan100-v4']), workload('Deployment', 'web', 'replicas: 2'), hpa));
    expect(f.message).toContain('replicas 12 + maxSurge 3');
  });

  test('hostNetwork pods take no address (MV174 instead)', () => {
    const text = docs(POOL('vlan100-v4', TEN), NAD('vlan100', ['vlan100-v4']), workload('StatefulSet', 'db', 'replicas: 20', 'hostNetwork: true'));
    expect(ruleIds(lintYaml(text))).toEqual(['MV174']);
  });
});

describe('capacity of NICs spanning racks: each rack\'s pool serves the pods its nodes get (MV170, MV195)', () => {
  const RACK = 'topology.kubernetes.io/rack';
  /** Pool of rack `r` with five addresses, pinned to the rack's nodes. */
  const rackPool = (r: string, n: number) => `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderIPPool
metadata: {name: ${r}}
spec:
  subnet: 10.${n}.100.0/24
  ips: [10.${n}.100.10-10.${n}.100.14]
  gateway: 10.${n}.100.1
  nodeAffinity: {matchLabels: {${RACK}: ${r}}}
`;
  const onRacks = (...racks: string[]) => `affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [${racks.map(r => `{matchExpressions: [{key: ${RACK}, operator: In, values: [${r}]}]}`).join(', ')}]}}}`;
  const scene = (...workloads: string[]) => docs(rackPool('rack-a', 1), rackPool('rack-b', 2), NAD('racks', ['rack-a', 'rack-b']), ...workloads);
  const sts = (name: string, replicas: number, podSpec: string) => workload('StatefulSet', name, `replicas: ${replicas}`, podSpec, 'racks');
  const capacityOf = (text: string) => lintManifestSet(yamlObjects(text)).capacity;

  test('spread over both racks, more pods than one rack\'s pool holds: no error (10 addresses together), MV195 per rack with its supply and peak', () => {
    const text = scene(sts('db', 6, onRacks('rack-a', 'rack-b')));
    expect(of('MV170', text)).toEqual([]);
    const found = of('MV195', text);
    expect(found.map(f => [f.severity, f.object.name, f.field])).toEqual([['warning', 'rack-a', 'spec.ips'], ['warning', 'rack-b', 'spec.ips']]);
    expect(found[0].message).toContain(`pool "rack-a" (nodes matching ${RACK}=rack-a) has 5 allocatable address(es)`);
    expect(found[0].message).toContain('up to 6 at the peak');
    expect(found[0].message).toContain('StatefulSet default/db eth0: 6 (replicas 6, spread over 2 pools)');
    expect(found[0].fix).toContain('topologySpreadConstraint');
    const rows = capacityOf(text);
    expect(rows.map(r => [r.pool, r.supply, r.pinnedDemand, r.demand, r.status])).toEqual([['rack-a', 5n, 0, 6, 'at-risk'], ['rack-b', 5n, 0, 6, 'at-risk']]);
    expect(rows[0].workloads).toEqual([{ kind: 'StatefulSet', namespace: 'default', name: 'db', interface: 'eth0', pods: 6, explanation: 'replicas 6', spreadOver: 2 }]);
    // each rack can take every pod: nothing to say
    expect(ruleIds(lintYaml(scene(sts('db', 5, onRacks('rack-a', 'rack-b')))))).toEqual([]);
  });

  test('more pods than the racks\' pools hold together: MV170 on the pools together, no MV195 on top', () => {
    const text = scene(sts('db', 11, onRacks('rack-a', 'rack-b')));
    const [f] = of('MV170', text);
    expect(f.message).toMatch(/^pools "rack-a" \+ "rack-b" \(listed together on a NIC, each admitting some of its pods' nodes\) has 10 allocatable address\(es\) but its workloads need 11/);
    expect(of('MV195', text)).toEqual([]);
    expect(capacityOf(text).map(r => r.status)).toEqual(['exceeded', 'exceeded']);
  });

  test('pinned to one rack (nodeSelector or one affinity term): its demand counts on that rack\'s pool alone, an error when it does not fit', () => {
    for (const placement of [`nodeSelector: {${RACK}: rack-a}`, onRacks('rack-a')]) {
      const text = scene(sts('db', 6, placement));
      const found = of('MV170', text);
      expect(found).toHaveLength(1);
      expect(found[0].object.name).toBe('rack-a');
      expect(found[0].message).toMatch(/^pool "rack-a" has 5 allocatable address\(es\) but its workloads need 6/);
      const rows = capacityOf(text);
      expect(rows.map(r => [r.pool, r.pinnedDemand, r.demand, r.status, r.workloads.length])).toEqual([['rack-a', 6, 6, 'exceeded', 1], ['rack-b', 0, 0, 'ok', 0]]);
      expect(rows[0].workloads[0].spreadOver).toBeUndefined();
    }
    // (this used to pass: both racks' pools were counted as its supply); four fit, within the threshold
    expect(ruleIds(lintYaml(scene(sts('db', 4, `nodeSelector: {${RACK}: rack-a}`))))).toEqual([]);
  });

  test('pinned and spread workloads on one rack: the pinned pods are certain, the spread ones may come on top (MV195 names both)', () => {
    const text = scene(sts('pinned', 3, `nodeSelector: {${RACK}: rack-a}`), sts('spread', 4, onRacks('rack-a', 'rack-b')));
    expect(of('MV170', text)).toEqual([]);
    const found = of('MV195', text);
    expect(found.map(f => f.object.name)).toEqual(['rack-a']);
    expect(found[0].message).toContain('3 pod(s) can run nowhere else');
    expect(found[0].message).toContain('up to 7 at the peak');
    expect(capacityOf(text).map(r => [r.pool, r.pinnedDemand, r.demand, r.status])).toEqual([['rack-a', 3, 7, 'at-risk'], ['rack-b', 0, 4, 'ok']]);
    // the pinned pods alone exceed their rack's pool: an error, whatever the spread ones do
    const over = scene(sts('pinned', 6, `nodeSelector: {${RACK}: rack-a}`), sts('spread', 2, onRacks('rack-a', 'rack-b')));
    expect(of('MV170', over).map(f => f.object.name)).toEqual(['rack-a']);
    expect(of('MV195', over)).toEqual([]);
  });

  test('pools that share nodes (no nodeAffinity on one): Spiderpool falls back to the other pool, so no MV195', () => {
    const open = rackPool('rack-b', 2).replace(/  nodeAffinity: .*\n/, '');
    const text = docs(rackPool('rack-a', 1), open, NAD('racks', ['rack-a', 'rack-b']), sts('db', 6, `nodeSelector: {${RACK}: rack-a}`));
    expect(of('MV195', text)).toEqual([]);
    expect(of('MV170', text)).toEqual([]);
  });

  test('the placement decides: pods pinned by nodeName to a node of one pool\'s nodeName list count there only', () => {
    const named = (r: string, n: number, node: string) => rackPool(r, n).replace(/  nodeAffinity: .*\n/, `  nodeName: [${node}]\n`);
    const text = docs(named('rack-a', 1, 'node-a'), named('rack-b', 2, 'node-b'), NAD('racks', ['rack-a', 'rack-b']), workload('Pod', 'p', '', 'nodeName: node-b', 'racks'));
    expect(capacityOf(text).map(r => [r.pool, r.demand])).toEqual([['rack-a', 0], ['rack-b', 1]]);
  });
});

describe('MV172 placement against host policies (lint)', () => {
  const base = (podSpec: string, kind = 'Deployment') => docs(NNCP('bond0-vlans', '{node-role.kubernetes.io/worker: ""}', BOND_AND_VLAN),
    POOL('vlan100-v4', '172.16.100.10-172.16.100.99'), NAD('vlan100', ['vlan100-v4']), workload(kind, 'web', kind === 'Pod' ? '' : 'replicas: 2', podSpec));

  test('pods that can land outside the policy\'s nodes: error with the selector to add', () => {
    const [f] = of('MV172', base(''));
    expect(f).toMatchObject({ severity: 'error', field: 'spec.template.spec.nodeSelector', object: { kind: 'Deployment', name: 'web' } });
    expect(f.message).toContain('needs host interface bond0.100, which host policy bond0-vlans creates only on nodes matching node-role.kubernetes.io/worker=');
    expect(f.fix).toContain('add nodeSelector {"node-role.kubernetes.io/worker": ""}');
    expect(of('MV172', base('', 'Pod'))[0].field).toBe('spec.nodeSelector');
  });

  test('nodeSelector or required node affinity that implies the policy\'s selector: nothing', () => {
    expect(of('MV172', base('nodeSelector: {node-role.kubernetes.io/worker: "", zone: a}'))).toEqual([]);
    const affinity = (terms: string) => `affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [${terms}]}}}`;
    expect(of('MV172', base(affinity('{matchExpressions: [{key: node-role.kubernetes.io/worker, operator: In, values: [""]}]}')))).toEqual([]);
    // every term must imply it
    expect(of('MV172', base(affinity('{matchExpressions: [{key: node-role.kubernetes.io/worker, operator: In, values: [""]}]}, {matchExpressions: [{key: zone, operator: In, values: [a]}]}')))).toHaveLength(1);
    // Exists allows any value, so it does not imply worker=""
    expect(of('MV172', base(affinity('{matchExpressions: [{key: node-role.kubernetes.io/worker, operator: Exists}]}')))).toHaveLength(1);
    // a preferred term does not restrict scheduling
    expect(of('MV172', base('affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, preference: {matchExpressions: [{key: node-role.kubernetes.io/worker, operator: In, values: [""]}]}}]}}'))).toHaveLength(1);
  });

  test('pre-existing master (no policy creates it), a pod bound by nodeName, a policy that removes it: nothing', () => {
    expect(of('MV172', docs(POOL('vlan100-v4', '172.16.100.10-172.16.100.99'), NAD('vlan100', ['vlan100-v4']), workload('Deployment', 'web', 'replicas: 2')))).toEqual([]);
    expect(of('MV172', base('nodeName: worker-1'))).toEqual([]);
    const absent = docs(NNCP('cleanup', '{}', '      - {name: bond0.100, type: vlan, state: absent}\n'),
      POOL('vlan100-v4', '172.16.100.10-172.16.100.99'), NAD('vlan100', ['vlan100-v4']), workload('Deployment', 'web', 'replicas: 2'));
    expect(of('MV172', absent)).toEqual([]);
  });

  test('one of several policies creating the master is enough', () => {
    const two = docs(NNCP('a', '{rack: a}', BOND_AND_VLAN), NNCP('b', '{rack: b}', '      - {name: bond0.100, type: vlan, state: up, vlan: {base-iface: bond0, id: 100}}\n'),
      POOL('vlan100-v4', '172.16.100.10-172.16.100.99'), NAD('vlan100', ['vlan100-v4']),
      workload('Deployment', 'web', 'replicas: 2', 'affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: rack, operator: In, values: [b]}]}]}}}'));
    expect(of('MV172', two)).toEqual([]);
  });
});

describe('MV172 against one policy per node (static node addresses, selected by kubernetes.io/hostname)', () => {
  const perNode = (node: string) => NNCP(`bond0-vlans-${node}`, `{kubernetes.io/hostname: ${node}}`, BOND_AND_VLAN);
  const onNodes = (...nodes: string[]) => `affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [${nodes.join(', ')}]}]}]}}}`;
  const scene = (podSpec: string) => docs(perNode('worker-a'), perNode('worker-b'), POOL('vlan100-v4', '172.16.100.10-172.16.100.99'), NAD('vlan100', ['vlan100-v4']),
    workload('Deployment', 'web', 'replicas: 2', podSpec));

  test('pods on the listed nodes are judged node by node: each has its policy', () => {
    expect(of('MV172', scene(onNodes('worker-a', 'worker-b')))).toEqual([]);
    expect(of('MV172', scene(onNodes('worker-b')))).toEqual([]);
  });

  test('a node without a policy among them, or no node restriction: MV172', () => {
    expect(of('MV172', scene(onNodes('worker-a', 'worker-c')))).toHaveLength(1);
    expect(of('MV172', scene(''))).toHaveLength(1);
  });
});

describe('MV173 placement against pool nodeAffinity / nodeName (lint)', () => {
  const text = (poolExtra: string, podSpec: string) => docs(POOL('vlan100-v4', '172.16.100.10-172.16.100.99', poolExtra),
    NAD('vlan100', ['vlan100-v4']), workload('Deployment', 'web', 'replicas: 2', podSpec));

  test('nodeAffinity the pods\' selector does not imply: error naming the selector', () => {
    const aff = '  nodeAffinity: {matchLabels: {zone: a}}\n';
    const [f] = of('MV173', text(aff, ''));
    expect(f).toMatchObject({ severity: 'error', field: 'spec.template.spec.nodeSelector' });
    expect(f.message).toContain('allocates IPv4 from "vlan100-v4", whose nodeAffinity does not admit every node Deployment default/web can be scheduled on');
    expect(f.fix).toContain('add nodeSelector {"zone": "a"}');
    expect(of('MV173', text(aff, 'nodeSelector: {zone: a}'))).toEqual([]);
    expect(of('MV173', text('  nodeAffinity: {matchExpressions: [{key: zone, operator: In, values: [a, b]}]}\n', 'nodeSelector: {zone: b}'))).toEqual([]);
    expect(of('MV173', text('  nodeAffinity: {matchExpressions: [{key: zone, operator: NotIn, values: [c]}]}\n', 'nodeSelector: {zone: b}'))).toEqual([]);
    expect(of('MV173', text('  nodeAffinity: {matchExpressions: [{key: zone, operator: NotIn, values: [c]}]}\n', ''))).toHaveLength(1);
  });

  test('nodeName (which takes precedence over nodeAffinity): the pods must be pinned to those nodes', () => {
    const names = '  nodeName: [worker-1, worker-2]\n  nodeAffinity: {matchLabels: {zone: a}}\n';
    expect(of('MV173', text(names, 'nodeSelector: {zone: a}'))[0].fix).toContain('run the pods only on worker-1, worker-2');
    expect(of('MV173', text(names, 'nodeName: worker-2'))).toEqual([]);
    expect(of('MV173', text(names, 'nodeName: worker-3'))).toHaveLength(1);
    expect(of('MV173', text(names, 'affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [worker-1]}]}]}}}'))).toEqual([]);
    expect(of('MV173', text(names, 'affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [worker-1, worker-2]}]}]}}}'))).toEqual([]);
  });

  test('of several pools of a family, one admitting the nodes is enough', () => {
    const text2 = docs(POOL('a', '172.16.100.10-172.16.100.19', '  nodeAffinity: {matchLabels: {zone: a}}\n'), POOL('b', '172.16.100.20-172.16.100.29'),
      NAD('vlan100', ['a', 'b']), workload('Deployment', 'web', 'replicas: 2'));
    expect(of('MV173', text2)).toEqual([]);
  });
});

describe('MV174 hostNetwork pods with network annotations (lint)', () => {
  test('error on the hostNetwork field; a plain hostNetwork pod is fine', () => {
    const [f] = of('MV174', docs(NAD('vlan100', []), workload('DaemonSet', 'agent', '', 'hostNetwork: true')));
    expect(f).toMatchObject({ severity: 'error', field: 'spec.template.spec.hostNetwork', object: { kind: 'DaemonSet', name: 'agent' } });
    expect(f.message).toContain('Multus ignores v1.multus-cni.io/default-network');
    expect(of('MV174', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostNetwork: true, containers: [{name: c, image: nginx}]}\n')).toEqual([]);
  });
});

describe('MV175-MV177 host interface conflicts (lint)', () => {
  test('MV175: a macvlan master that a policy bonds, on nodes the pods can reach', () => {
    const text = (selector: string) => docs(NNCP('bond0-vlans', '{node-role.kubernetes.io/worker: ""}', BOND_AND_VLAN),
      POOL('vlan100-v4', '172.16.100.10-172.16.100.99'), NAD('raw', ['vlan100-v4'], 'ens224'), workload('Deployment', 'web', 'replicas: 2', selector, 'raw'));
    const [f] = of('MV175', text(''));
    expect(f).toMatchObject({ severity: 'error', object: { kind: 'Deployment', name: 'web' } });
    expect(f.message).toContain('uses ens224 as macvlan master, but host policy bond0-vlans makes it a port of bond bond0');
    expect(of('MV175', text('nodeSelector: {node-role.kubernetes.io/worker: ""}'))).toHaveLength(1);
    // pods kept off the policy's nodes
    expect(of('MV175', text('affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: node-role.kubernetes.io/worker, operator: DoesNotExist}]}]}}}'))).toEqual([]);
  });

  test('MV176: one VLAN id on one base under two names across policies whose nodes overlap', () => {
    const second = (selector: string, name: string) => NNCP('storage', selector, `      - {name: ${name}, type: vlan, state: up, vlan: {base-iface: bond0, id: 100, reorder-headers: true}}\n`);
    const [f] = of('MV176', docs(NNCP('bond0-vlans', '{node-role.kubernetes.io/worker: ""}', BOND_AND_VLAN), second('{rack: a}', 'storage100')));
    expect(f).toMatchObject({ severity: 'error', field: 'spec.desiredState.interfaces[0].vlan.id', object: { kind: 'NodeNetworkConfigurationPolicy', name: 'storage' } });
    expect(f.message).toContain('VLAN 100 on bond0 is named "storage100" here and "bond0.100" by host policy bond0-vlans');
    expect(of('MV176', docs(NNCP('bond0-vlans', '{rack: b}', BOND_AND_VLAN), second('{rack: a}', 'storage100')))).toEqual([]);
    expect(of('MV176', docs(NNCP('bond0-vlans', '{rack: a}', BOND_AND_VLAN), second('{rack: a}', 'bond0.100')))).toEqual([]);
  });

  test('MV177: macvlan and ipvlan networks on one master', () => {
    const text = (ipvlanMaster: string) => docs(POOL('vlan100-v4', '172.16.100.10-172.16.100.99'), NAD('vlan100', ['vlan100-v4']),
      NAD('ipvlan100', ['vlan100-v4'], ipvlanMaster, 'ipvlan'));
    const [f] = of('MV177', text('bond0.100'));
    expect(f).toMatchObject({ severity: 'error', field: 'spec.config.plugins[0].master', object: { kind: 'NetworkAttachmentDefinition', name: 'vlan100' } });
    expect(f.message).toContain('master bond0.100 is also the master of ipvlan network(s) kube-system/ipvlan100');
    expect(of('MV177', text('bond0.200'))).toEqual([]);
  });
});

describe('the peak of many alike Deployments (kept per pass by replicas and maxSurge)', () => {
  test('every workload\'s capacity row is its own peakPods, whatever order alike and different scales come in', () => {
    const scale = fc.record({
      replicas: fc.constantFrom(undefined, 0, 1, 2, 3, 2.5, -1, 10),
      surge: fc.constantFrom(undefined, 0, 1, 2, '25%', '50%', '1', 'lots', 1.5),
      recreate: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(scale, { minLength: 1, maxLength: 8 }), scales => {
      const specOf = (s: typeof scales[number]) => [
        s.replicas !== undefined ? `replicas: ${s.replicas}` : '',
        s.recreate ? 'strategy: {type: Recreate}' : s.surge !== undefined ? `strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: ${JSON.stringify(s.surge)}}}` : '',
      ].filter(x => x).join(', ');
      const text = docs(POOL('vlan100-v4', '172.16.100.10-172.16.100.200'), NAD('vlan100', ['vlan100-v4']),
        ...scales.map((s, i) => workload('Deployment', `w${i}`, specOf(s))));
      const rows = lintManifestSet(yamlObjects(text)).capacity.find(c => c.pool === 'vlan100-v4')?.workloads ?? [];
      expect(rows.map(r => r.name)).toEqual(scales.map((_, i) => `w${i}`));
      scales.forEach((s, i) => {
        const expected = peakPods('Deployment', {
          replicas: s.replicas, rollingUpdate: !s.recreate, maxSurge: s.recreate ? undefined : s.surge,
        });
        expect({ pods: rows[i].pods, explanation: rows[i].explanation }).toEqual({ pods: expected.pods, explanation: expected.explanation });
      });
    }), { numRuns: 150 });
  });
});
