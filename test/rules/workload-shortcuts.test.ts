/**
 * The shortcuts of the workload and pod rules (capacity compared in plain numbers for small pools, a pod's NIC
 * names compared by a scan for small pods, pool annotation items read into locals) decide exactly as the general
 * way does.
 */
import * as fc from 'fast-check';
import { yamlObjects } from './helpers';
import {
  PodNic, RULES, WORKLOAD_KINDS, allRules, capacityStatus, checkNodeNetworkConfigurationPolicy, checkPodAnnotations, checkPodNics,
  hostPolicyOfManifest, lintManifestSet, lintManifests, parseIppoolsAnnotation, PodAnnotationsMemo,
} from '../../src/rules';
import { checkNetworkAttachmentDefinition } from '../../src/rules/network-attachment';
import { networkMasterOf } from '../../src/rules/workload-manifests';
import { EXAMPLE_OBJECTS } from '../support/lint-fuzz';

/** The comparison in big integers, as the rule states it. */
function referenceStatus(demand: number, supply: bigint, warn: number): string {
  const whole = BigInt(Math.floor(warn));
  return BigInt(demand) > supply ? 'exceeded' : BigInt(demand) * 100n > supply * whole ? 'warning' : 'ok';
}

describe('capacity status (MV170/MV171)', () => {
  test('plain numbers for small pools give the big-integer result, at every edge', () => {
    const supply = fc.oneof(fc.bigInt(0n, 300n), fc.bigInt(0n, 2n ** 41n), fc.bigInt(0n, 2n ** 70n),
      fc.constantFrom(2n ** 40n - 1n, 2n ** 40n, 2n ** 40n + 1n, 2n ** 64n));
    const demand = fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      fc.constantFrom(2 ** 40 - 1, 2 ** 40));
    const warn = fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.double({ min: -10, max: 200, noNaN: true }),
      fc.constantFrom(90, 99.9, 100, 4096, 4097, 0.5));
    fc.assert(fc.property(demand, supply, warn, (d, s, w) => {
      expect(capacityStatus(d, s, w)).toBe(referenceStatus(d, s, w));
    }), { numRuns: 3000 });
  });

  test('demand equal to the supply is not exceeded; one more is', () => {
    expect(capacityStatus(253, 253n, 90)).toBe('warning');
    expect(capacityStatus(254, 253n, 90)).toBe('exceeded');
    expect(capacityStatus(10, 253n, 90)).toBe('ok');
  });
});

function nic(name: string, i: number): PodNic {
  return { interface: name, network: `ns/net${i}`, kind: 'unknown', isDefault: false, spiderpool: false, families: [], ipv4Pools: [], ipv6Pools: [] };
}

describe('a pod\'s NIC names (MV091)', () => {
  test('small and large pods: each repeated name is reported once per repeat, naming the first NIC that has it', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('net1', 'net2', 'net3', 'eth1'), { maxLength: 24 }), names => {
      const nics = names.map(nic);
      const found = checkPodNics(nics).filter(f => f.rule === RULES.podDuplicateInterface).map(f => `${f.field}: ${f.message}`);
      const expected: string[] = [];
      names.forEach((n, i) => {
        const first = names.indexOf(n);
        if (first < i) expected.push(`interface "${n}" of ns/net${i}: interface name "${n}" is already used by ns/net${first}`);
      });
      expect(found).toEqual(expected);
    }), { numRuns: 500 });
  });
});

describe('pool annotation items (ipam.spidernet.io/ippools)', () => {
  const rules = (value: string) => parseIppoolsAnnotation(value, 'a').findings.map(f => `${f.rule.id} ${f.field}`);

  test('keys are matched case-insensitively, the last spelling wins, each spelling reported', () => {
    const parsed = parseIppoolsAnnotation('[{"IPv4":["a"],"ipv4":["b"],"Interface":"net1","ipv6":null}]', 'a');
    expect(parsed.value).toEqual([{ interface: 'net1', ipv4: ['b'], ipv6: [] }]);
    expect(rules('[{"IPv4":["a"],"ipv4":["b"],"Interface":"net1","ipv6":null}]')).toEqual([`${RULES.annotationKeyCase.id} a[0].IPv4`, `${RULES.annotationKeyCase.id} a[0].Interface`]);
    expect(parseIppoolsAnnotation('[{"ipv4":["b"],"IPV4":["c"]}]', 'a').value).toEqual([{ ipv4: ['c'], ipv6: [] }]);
  });

  test('the pre-v0.4 keys: the first spelling of each reported, after the other problems, and the item refused', () => {
    const parsed = parseIppoolsAnnotation('[{"ipv6Pools":["x"],"ipv4pools":["y"],"IPv4Pools":["z"],"ipv4":[""]}]', 'a');
    expect(parsed.value).toBeUndefined();
    expect(parsed.findings.map(f => `${f.rule.id} ${f.field}`)).toEqual(['ipv4', 'ipv4pools', 'ipv6Pools'].map(k => `${RULES.ippoolAnnotation.id} a[0].${k}`));
  });

  test('an item without pools selects none of either family', () => {
    expect(parseIppoolsAnnotation('[{"interface":"net1"}]', 'a').value).toEqual([{ interface: 'net1', ipv4: [], ipv6: [] }]);
  });
});

describe('host policy interfaces', () => {
  const vlan = (name: string, base: string, id: unknown) => ({ name, type: 'vlan', state: 'up', vlan: { 'base-iface': base, 'id': id } });
  const policy = (interfaces: unknown[]) => ({
    apiVersion: 'nmstate.io/v1',
    kind: 'NodeNetworkConfigurationPolicy',
    metadata: { name: 'p' },
    spec: { desiredState: { interfaces } },
  });

  test('a VLAN id is one VLAN per base interface: the same id on another base is not a repeat', () => {
    const found = checkNodeNetworkConfigurationPolicy(policy([
      vlan('bond0.10', 'bond0', 10), vlan('bond1.10', 'bond1', 10), vlan('bond0.11', 'bond0', 11), vlan('again', 'bond0', 10),
    ])).filter(f => f.rule === RULES.topologyVlanId);
    expect(found.map(f => `${f.field}: ${f.message}`)).toEqual([
      'spec.desiredState.interfaces[3].vlan.id: VLAN 10 on base-iface "bond0" is already spec.desiredState.interfaces[0] ("bond0.10")',
    ]);
  });

  test('the interfaces a policy brings up keep their index in the list (absent ones and non-objects skipped)', () => {
    const model = hostPolicyOfManifest(policy([
      'eth9', { name: 'gone', state: 'absent' }, vlan('bond0.10', 'bond0', 10),
      { 'name': 'bond0', 'type': 'bond', 'link-aggregation': { port: ['ens1', 7, 'ens2'] } }, { 'name': 'eth1', 'link-aggregation': { port: [] } },
    ]));
    expect(model.interfaces.map(i => [i.name, i.field, i.ports, i.vlanBase, i.vlanId])).toEqual([
      ['bond0.10', 'spec.desiredState.interfaces[2]', [], 'bond0', 10],
      ['bond0', 'spec.desiredState.interfaces[3]', ['ens1', 'ens2'], undefined, undefined],
      ['eth1', 'spec.desiredState.interfaces[4]', [], undefined, undefined],
    ]);
  });
});

describe('workloads placed alike share their placement\'s conjunctions (MV173)', () => {
  test('in one set, each workload is judged by its own placement, whatever was judged before', () => {
    const bad = yamlObjects(RULES.placementPool.example!.bad);
    const good = yamlObjects(RULES.placementPool.example!.good);
    const workload = (objs: any[], name: string) => Object.assign({}, objs.find(o => o.kind === 'Deployment'), { metadata: { name, namespace: 'default' } });
    const set = [...bad.filter(o => o.kind !== 'Deployment'), workload(bad, 'a'), workload(good, 'b'), workload(bad, 'c'), workload(good, 'd'), workload(bad, 'e')];
    const flagged = lintManifests(set).filter(r => r.findings.some(f => f.rule === RULES.placementPool.id)).map(r => r.object.name);
    expect(flagged).toEqual(['a', 'c', 'e']);
  });
});

describe('pods with alike network annotations share one result (the pass\'s pod results by annotation key)', () => {
  const podRules = new Set(allRules().filter(r => r.check === checkPodAnnotations.name).map(r => r.id));
  const isWorkload = (o: any) => o !== null && typeof o === 'object' && WORKLOAD_KINDS.includes(o.kind);
  const podFindings = (objects: unknown[]) => lintManifests(objects)
    .filter(r => isWorkload(objects[r.index]))
    .map(r => r.findings.filter(f => podRules.has(f.rule)).map(f => `${f.rule} ${f.field}: ${f.message}`));

  test('each workload of a set gets the pod findings it gets alone with the set\'s other objects', () => {
    const workloadCopies = fc.array(fc.nat({ max: EXAMPLE_OBJECTS.length - 1 }), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(workloadCopies, fc.array(fc.constantFrom('default', 'team-a', 'kube-system'), { minLength: 6, maxLength: 6 }), (picks, namespaces) => {
      const examples = EXAMPLE_OBJECTS as any[];
      const others = examples.filter(o => !isWorkload(o)).slice(0, 40);
      const workloads = picks.map(i => examples[i]).filter(isWorkload).map((w, j) => {
        const copy = structuredClone(w);
        copy.metadata = Object.assign({}, copy.metadata, { name: `w${j}`, namespace: namespaces[j] });
        return copy;
      });
      const together = podFindings([...others, ...workloads]);
      const alone = workloads.map(w => podFindings([...others, w])[0]);
      expect(together).toEqual(alone);
    }), { numRuns: 150 });
  });

  test('the memo tells apart what the check reads, and nothing else', () => {
    const memo = new PodAnnotationsMemo<string>();
    let filed = 0;
    // the result filed for the annotations: found when alike inputs were filed before, else a new one
    const result = (a: unknown, ns = 'default', f = 'metadata.annotations'): string | undefined => {
      const found = memo.find(a, ns, f);
      if (found !== undefined) return found;
      const made = `r${filed++}`;
      memo.file(made);
      return memo.find(a, ns, f);
    };
    const base = { 'k8s.v1.cni.cncf.io/networks': 'a', 'other': 'x' };
    expect(result(base)).toBe(result(Object.assign({}, base, { other: 'y' })));
    expect(result(base)).not.toBe(result(Object.assign({}, base, { 'k8s.v1.cni.cncf.io/networks': 'b' })));
    expect(result(base)).not.toBe(result(base, 'team-a'));
    expect(result(base)).not.toBe(result(base, 'default', 'spec.template.metadata.annotations'));
    expect(result({ 'ipam.spidernet.io/subnet': 'x' })).not.toBe(result({ 'ipam.spidernet.io/subnets': 'x' }));
    expect(result({ 'k8s.v1.cni.cncf.io/networks': 'a', 'ipam.spidernet.io/ippools': 'b' }))
      .not.toBe(result({ 'k8s.v1.cni.cncf.io/networks': 'b', 'ipam.spidernet.io/ippools': 'a' }));
    expect(result({ 'k8s.v1.cni.cncf.io/networks': 'a\u0000' })).not.toBe(result({ 'k8s.v1.cni.cncf.io/networks': 'a' }));
    expect(result({ 'k8s.v1.cni.cncf.io/networks': ['a'] })).toBeUndefined();
    expect(result(['a'])).toBeUndefined();
  });

  test('alike inputs find what was filed for them, unlike ones never do (property)', () => {
    const value = fc.option(fc.constantFrom('', 'a', 'b', 'a\u0000b', '[{"name":"a"}]'), { nil: undefined });
    const keys = ['k8s.v1.cni.cncf.io/network-status', 'v1.multus-cni.io/default-network', 'k8s.v1.cni.cncf.io/networks',
      'ipam.spidernet.io/ippools', 'ipam.spidernet.io/ippool', 'ipam.spidernet.io/subnet', 'ipam.spidernet.io/subnets', 'other'];
    const input = fc.record({
      values: fc.array(value, { minLength: keys.length, maxLength: keys.length }),
      ns: fc.constantFrom('default', 'team-a'),
      field: fc.constantFrom('metadata.annotations', 'spec.template.metadata.annotations'),
    });
    fc.assert(fc.property(fc.array(input, { minLength: 1, maxLength: 12 }), inputs => {
      const memo = new PodAnnotationsMemo<number>();
      const annotationsOf = (values: Array<string | undefined>) => {
        const a: Record<string, string> = {};
        values.forEach((v, i) => { if (v !== undefined) a[keys[i]] = v; });
        return a;
      };
      // what the check reads: the field, the namespace and every key but 'other'
      const readOf = (x: typeof inputs[number]) => JSON.stringify([x.field, x.ns, x.values.slice(0, keys.length - 1)]);
      inputs.forEach((x, i) => {
        const found = memo.find(annotationsOf(x.values), x.ns, x.field);
        const first = inputs.findIndex(y => readOf(y) === readOf(x));
        expect(found).toBe(first < i ? first : undefined);
        if (found === undefined) memo.file(i);
      });
    }), { numRuns: 300 });
  });
});

describe('a NAD master\'s field from the parse (MV172 and the master rules)', () => {
  test('read from the parsed config, it is the field read by parsing the config again (property)', () => {
    const plugin = fc.record({
      type: fc.constantFrom('macvlan', 'ipvlan', 'bridge', 'tuning'),
      master: fc.option(fc.constantFrom('eth1', 'bond0.100', ''), { nil: undefined }),
    }, { requiredKeys: ['type'] });
    const config = fc.oneof(plugin.map(p => ({ cniVersion: '0.3.1', name: 'n', ...p })),
      fc.array(plugin, { minLength: 1, maxLength: 3 }).map(plugins => ({ cniVersion: '0.3.1', name: 'n', plugins })));
    fc.assert(fc.property(config, c => {
      const nad = { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'n', namespace: 'default' }, spec: { config: JSON.stringify(c) } };
      const { parsed } = checkNetworkAttachmentDefinition(nad);
      expect(parsed).toBeDefined();
      expect(networkMasterOf('default/n', nad, parsed!.plugins, parsed!.configIsList)).toEqual(networkMasterOf('default/n', nad, parsed!.plugins));
    }), { numRuns: 300 });
  });

  test('the master and the default pools\' field the NAD check gives are those read from its plugins (property)', () => {
    const entry = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          type: fc.constantFrom('macvlan', 'ipvlan', 'bridge', 'tuning', 'ifacer', 'coordinator'),
          master: fc.option(fc.constantFrom('eth1', 'bond0.100', '', 7), { nil: undefined }),
          ipam: fc.option(fc.constantFrom({}, { type: 'spiderpool', default_ipv4_ippool: ['p'] }, 'x'), { nil: undefined }),
        }, { requiredKeys: [] }),
      },
      fc.constantFrom('not a plugin', 3, null, ['x']),
    );
    const config = fc.oneof(
      entry.filter(p => typeof p === 'object' && p !== null && !Array.isArray(p)).map(p => ({ cniVersion: '0.3.1', name: 'n', ...(p as object) })),
      fc.array(entry, { minLength: 1, maxLength: 4 }).map(plugins => ({ cniVersion: '0.3.1', name: 'n', plugins })));
    fc.assert(fc.property(config, c => {
      const nad = { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'n', namespace: 'default' }, spec: { config: JSON.stringify(c) } };
      const { parsed } = checkNetworkAttachmentDefinition(nad);
      if (!parsed) return;
      // the general way: the master read from the plugins (the config parsed again for whether it is a list), the
      // pools of the first plugin with an ipam (the first plugin's when none has one), each at its place in the list
      const m = networkMasterOf('default/n', nad, parsed.plugins, undefined, parsed.pluginIndex);
      expect(parsed.masterPlugin).toEqual(m === undefined ? undefined : { plugin: m.plugin, master: m.master, field: m.field });
      const i = parsed.plugins.findIndex(p => p.ipam !== undefined);
      const at = i >= 0 ? i : 0;
      const place = parsed.pluginIndex?.[at] ?? at;
      expect(parsed.poolsPrefix).toBe(Array.isArray((c as { plugins?: unknown }).plugins) ? `spec.config.plugins[${place}].ipam.default_ipv` : 'spec.config.ipam.default_ipv');
    }), { numRuns: 500 });
  });
});

describe('pools sharing one nodeAffinity object (a fabric rack\'s pools)', () => {
  const RACK = 'topology.kubernetes.io/rack';
  /** A rack's selector: labels, or an expression (some with a second requirement). */
  const affinity = fc.oneof(
    fc.constantFrom('a', 'b').map(r => ({ matchLabels: { [RACK]: r } })),
    fc.constantFrom('a', 'b').map(r => ({ matchExpressions: [{ key: RACK, operator: 'In', values: [r] }] })),
    fc.constant({ matchLabels: { [RACK]: 'a' }, matchExpressions: [{ key: 'zone', operator: 'Exists' }] }));
  const scene = fc.record({
    affinities: fc.array(affinity, { minLength: 1, maxLength: 3 }),
    pools: fc.array(fc.record({ affinity: fc.nat(3), size: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 6 }),
    workloads: fc.array(fc.record({
      pools: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 3 }),
      replicas: fc.integer({ min: 1, max: 8 }),
      rack: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
    }), { minLength: 1, maxLength: 4 }),
  });

  /** The scene's objects; the pools that pick one affinity share its object. */
  const objectsOf = (x: typeof scene extends fc.Arbitrary<infer T> ? T : never): unknown[] => {
    const pools = x.pools.map((p, i) => ({
      apiVersion: 'spiderpool.spidernet.io/v2beta1',
      kind: 'SpiderIPPool',
      metadata: { name: `p${i}` },
      spec: {
        subnet: `10.${i}.0.0/24`,
        ips: [`10.${i}.0.10-10.${i}.0.${9 + p.size}`],
        gateway: `10.${i}.0.1`,
        multusName: ['default/net'],
        ...(p.affinity < x.affinities.length ? { nodeAffinity: x.affinities[p.affinity] } : {}),
      },
    }));
    const names = pools.map(p => p.metadata.name);
    const nad = {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'net', namespace: 'default' },
      spec: { config: JSON.stringify({ cniVersion: '0.3.1', name: 'net', plugins: [{ type: 'macvlan', master: 'eth1', mode: 'bridge', ipam: { type: 'spiderpool' } }] }) },
    };
    const workloads = x.workloads.map((w, i) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `w${i}`, namespace: 'default' },
      spec: {
        replicas: w.replicas,
        template: {
          metadata: {
            annotations: {
              'k8s.v1.cni.cncf.io/networks': 'default/net@net1',
              'ipam.spidernet.io/ippools': JSON.stringify([{ interface: 'net1', ipv4: w.pools.filter(j => j < names.length).map(j => names[j]) }]),
            },
          },
          spec: { ...(w.rack ? { nodeSelector: { [RACK]: w.rack } } : {}), containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
    }));
    return [nad, ...pools, ...workloads];
  };
  const report = (objects: unknown[]) => {
    const r = lintManifestSet(objects);
    return { findings: r.results.map(x => x.findings.map(f => `${f.rule} ${f.field}: ${f.message}`)), capacity: r.capacity };
  };

  test('lint the same as pools with a copy each (property)', () => {
    fc.assert(fc.property(scene, x => {
      const objects = objectsOf(x);
      expect(report(objects)).toEqual(report(JSON.parse(JSON.stringify(objects))));
    }), { numRuns: 200 });
  });
});
