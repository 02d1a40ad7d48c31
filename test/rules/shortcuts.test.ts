/**
 * The shortcuts of the per-object rules (a repeated apiVersion, kind or namespace not searched or checked again,
 * the names of the last apiVersion/kind/namespace not looked up again, field strings made once for the first
 * plugins) decide exactly as a fresh check does, whatever came before.
 */
import fc from 'fast-check';
import { ObjectIdentityIndex, checkDuplicateObjects, checkNetworkAttachmentDefinition, checkObjectShape, lintManifests, objectShapeFindings } from '../../src/rules';

type Id = { apiVersion?: string; kind: string; namespace?: string; name: string; owner: number };

function duplicates(ids: Array<Omit<Id, 'owner'>>): Array<[number, number, string]> {
  const list: Id[] = ids.map((x, i) => Object.assign({ owner: i }, x));
  const found = checkDuplicateObjects(list, (first, later) => `${first.owner}>${later.owner}`);
  return [...found].map(([o, f]) => [o.owner, f.length, `${f[0].rule.id} ${f[0].field}: ${f[0].message}`] as [number, number, string]);
}

describe('MV097 (the same object twice)', () => {
  test('interleaved kinds, versions and namespaces: only the same four parts are one object', () => {
    const pool = { apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderIPPool' };
    const nad = { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', namespace: 'kube-system' };
    expect(duplicates([
      { ...pool, name: 'a' }, { ...nad, name: 'a' }, { ...pool, name: 'b' }, { ...nad, name: 'a', namespace: 'other' },
      { ...nad, name: 'a' }, { ...pool, name: 'a', apiVersion: 'spiderpool.spidernet.io/v1' }, { ...pool, name: 'b' },
      { kind: 'SpiderMultusConfig', namespace: 'kube-system', name: 'a' }, { ...pool, name: 'a', namespace: 'kube-system' },
    ])).toEqual([
      [4, 1, 'MV097 metadata.name: NetworkAttachmentDefinition "kube-system/a" is also defined by 1>4; applying both keeps only one'],
      [6, 1, 'MV097 metadata.name: SpiderIPPool "b" is also defined by 2>6; applying both keeps only one'],
      [7, 1, 'MV097 metadata.name: SpiderMultusConfig "kube-system/a" is also defined by 1>7; applying both keeps only one'],
    ]);
  });

  test('a NUL in a part after the same part without one, and back: compared by the parts joined, as before', () => {
    const base = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'ns' };
    expect(duplicates([
      { ...base, name: 'x' },
      { ...base, namespace: 'ns\u0000', name: 'x' },
      { ...base, name: 'x' },
      { ...base, namespace: 'ns', name: '\u0000x' },
      { ...base, namespace: 'ns\u0000', name: 'x' },
      { ...base, kind: 'ConfigMap\u0000ns', namespace: undefined, name: 'x' },
    ]).map(([i, , message]) => [i, message.slice(message.indexOf('by ') + 3, message.indexOf(';'))])).toEqual([
      // (the last one's parts joined are the second one's: v1 NUL ConfigMap NUL ns NUL NUL x)
      [2, '0>2'], [3, '1>3'], [4, '1>4'], [5, '1>5'],
    ]);
  });
});

describe('ObjectIdentityIndex (MV097 one object at a time)', () => {
  test('returns the first owner of an identity, any owner value; no namespace and "" are one; a SpiderMultusConfig is its NAD', () => {
    const index = new ObjectIdentityIndex<number>();
    expect(index.add('v1', 'ConfigMap', undefined, 'a', 0)).toBeUndefined();
    expect(index.add('v1', 'ConfigMap', '', 'a', 1)).toBe(0);
    expect(index.add(undefined, 'ConfigMap', '', 'a', 2)).toBeUndefined();
    expect(index.add('', 'ConfigMap', undefined, 'a', 3)).toBe(2);
    expect(index.add('k8s.cni.cncf.io/v1', 'NetworkAttachmentDefinition', 'kube-system', 'net', 4)).toBeUndefined();
    expect(index.add('spiderpool.spidernet.io/v2beta1', 'SpiderMultusConfig', 'kube-system', 'net', 5)).toBe(4);
    expect(index.add('v1', 'ConfigMap', 'x\u0000', 'a', 6)).toBeUndefined();
    expect(index.add('v1', 'ConfigMap', 'x', '\u0000a', 7)).toBe(6);
    expect(index.add('v1', 'ConfigMap', undefined, 'a', 8)).toBe(0);
  });

  test('more interleaved kinds and namespaces than it keeps at hand: each identity still found once', () => {
    const index = new ObjectIdentityIndex<string>();
    const firsts: Array<string | undefined> = [];
    for (let round = 0; round < 3; round++) {
      for (let kind = 0; kind < 12; kind++) {
        for (const ns of [undefined, 'a', 'b']) firsts.push(index.add('v1', `Kind${kind}`, ns, round === 2 ? 'other' : 'same', `${round}/${kind}/${ns}`));
      }
    }
    const seen = firsts.filter((f): f is string => f !== undefined);
    expect(seen.length).toBe(36); // the second round's, each naming the first round's object
    expect(seen.every(f => f.startsWith('0/'))).toBe(true);
    expect(new Set(seen).size).toBe(36);
  });
});

describe('MV150/MV151 (object shape)', () => {
  const obj = (namespace: unknown) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace } });

  test('a bad namespace after a good one, the good one again, then the bad one again', () => {
    const fields = (namespace: unknown) => checkObjectShape(obj(namespace)).map(f => `${f.rule.id} ${f.field}`);
    expect(fields('kube-system')).toEqual([]);
    expect(fields('Kube-System')).toEqual(['MV151 metadata.namespace']);
    expect(fields('kube-system')).toEqual([]);
    expect(fields('Kube-System')).toEqual(['MV151 metadata.namespace']);
    expect(fields(7)).toEqual(['MV151 metadata.namespace']);
  });

  test('the common object decided without a list: the same findings as the full check, in any sequence of objects', () => {
    const value = fc.constantFrom<unknown>(undefined, null, '', 'v1', 'ConfigMap', 'kube-system', 'Kube-System', 'x'.repeat(70), 7, true, [], {});
    const part = (...common: unknown[]) => fc.oneof(fc.constantFrom(...common), value);
    const metadata = fc.record({
      name: part('c', 'vlan1-v4'),
      namespace: part(undefined, 'kube-system', 'default'),
      generateName: part(undefined, 'g-'),
      labels: part(undefined, { a: 'b' }, { a: 1 }),
      annotations: part(undefined, { k: 'v' }),
    }, { requiredKeys: [] });
    const object = fc.oneof(
      fc.record({ apiVersion: part('v1', 'k8s.cni.cncf.io/v1'), kind: part('ConfigMap', 'Pod'), metadata: fc.oneof(metadata, value) }, { requiredKeys: [] }),
      value);
    fc.assert(fc.property(fc.array(object, { maxLength: 8 }), objects => {
      for (const o of objects) {
        const fast = checkObjectShape(o);
        expect(fast.map(f => `${f.rule.id} ${f.field}: ${f.message} ${f.fix}`)).toEqual(objectShapeFindings(o).map(f => `${f.rule.id} ${f.field}: ${f.message} ${f.fix}`));
      }
    }), { numRuns: 400 });
  });

  test('labels and annotations: inherited keys are not the object\'s, own keys reported in order', () => {
    const labels = Object.assign(Object.create({ inherited: 7 }), { b: 1, a: true, ok: 'x' });
    expect(checkObjectShape({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels } }).map(f => f.field))
      .toEqual(['metadata.labels[a]', 'metadata.labels[b]']);
  });
});

describe('NAD checks (field strings)', () => {
  const nad = (config: unknown, namespace = 'kube-system') => ({ metadata: { name: 'n', namespace }, spec: { config: JSON.stringify(config) } });

  test('the fields of plugins past the first few, and of a single-plugin config', () => {
    const plugins: object[] = Array.from({ length: 10 }, () => ({ type: 'tuning' }));
    plugins[7] = { type: 'macvlan', mode: 'x', ipam: { type: 'spiderpool', default_ipv4_ippool: [1] } };
    plugins[9] = { type: 'macvlan', mode: 'y', ipam: { type: 'spiderpool', default_ipv4_ippool: [2] } };
    plugins[8] = {};
    const fields = checkNetworkAttachmentDefinition(nad({ cniVersion: '0.3.1', plugins })).findings.map(f => `${f.rule.id} ${f.field}`);
    expect(fields).toEqual([
      'MV017 spec.config.plugins[7].mode', 'MV076 spec.config.plugins[7].ipam.default_ipv4_ippool',
      'MV014 spec.config.plugins[8].type',
      'MV017 spec.config.plugins[9].mode', 'MV076 spec.config.plugins[9].ipam.default_ipv4_ippool',
    ]);
    expect(checkNetworkAttachmentDefinition(nad({ cniVersion: '0.3.1', type: 'macvlan', mode: 'x', ipam: { type: 'static', addresses: 1 } }))
      .findings.map(f => `${f.rule.id} ${f.field}`)).toEqual(['MV017 spec.config.mode', 'MV076 spec.config.ipam.addresses']);
  });

  test('a plugin after an entry that is not a plugin object is named by its place in the config (MV177, MV025)', () => {
    const v6Pool = { apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderIPPool', metadata: { name: 'p6' }, spec: { subnet: 'fd00::/64', ips: ['fd00::10'] } };
    const network = (name: string, plugins: unknown[]) => Object.assign({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition' },
      nad({ cniVersion: '0.3.1', name, plugins }));
    const macvlan = network('m', ['junk', { type: 'macvlan', master: 'bond0.100', ipam: { type: 'spiderpool', default_ipv4_ippool: ['p6'] } }]);
    const ipvlan = network('i', [{ type: 'ipvlan', master: 'bond0.100', ipam: { type: 'spiderpool', default_ipv4_ippool: ['p6'] } }]);
    const findings = lintManifests([v6Pool, macvlan, ipvlan])[1].findings.map(f => `${f.rule} ${f.field}`);
    expect(findings).toContain('MV177 spec.config.plugins[1].master');
    expect(findings).toContain('MV025 spec.config.plugins[1].ipam.default_ipv4_ippool');
  });

  test('MV025\'s field names the first plugin with an ipam (the first plugin when none has one), past the first few too', () => {
    const v6Pool = { apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderIPPool', metadata: { name: 'p6' }, spec: { subnet: 'fd00::/64', ips: ['fd00::10'] } };
    // (the pools are the main plugin's, the first that is not an ifacer: ifacers before it)
    const fieldsWith = (ipamAt: number, count: number, ifacerIpam = false) => {
      const plugins: object[] = Array.from({ length: count }, (_, i) => (i < ipamAt ? { type: 'ifacer' } : { type: 'tuning' }));
      if (ipamAt >= 0) plugins[ipamAt] = { type: 'tuning', ipam: { type: 'spiderpool', default_ipv4_ippool: ['p6'] } };
      if (ifacerIpam) plugins[0] = { type: 'ifacer', ipam: {} };
      const obj = Object.assign({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition' }, nad({ cniVersion: '0.3.1', name: 'n', plugins }));
      return lintManifests([v6Pool, obj]).flatMap(r => r.findings).filter(f => f.rule === 'MV025').map(f => f.field);
    };
    expect(fieldsWith(0, 2)).toEqual(['spec.config.plugins[0].ipam.default_ipv4_ippool']);
    expect(fieldsWith(1, 2)).toEqual(['spec.config.plugins[1].ipam.default_ipv4_ippool']);
    expect(fieldsWith(7, 9)).toEqual(['spec.config.plugins[7].ipam.default_ipv4_ippool']);
    expect(fieldsWith(8, 9)).toEqual(['spec.config.plugins[8].ipam.default_ipv4_ippool']);
    expect(fieldsWith(11, 12)).toEqual(['spec.config.plugins[11].ipam.default_ipv4_ippool']);
    expect(fieldsWith(-1, 3)).toEqual([]);
    // an earlier plugin with an ipam: its field (as written before the shortcut)
    expect(fieldsWith(2, 3, true)).toEqual(['spec.config.plugins[0].ipam.default_ipv4_ippool']);
    // a single-plugin config
    const single = Object.assign({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition' },
      nad({ cniVersion: '0.3.1', name: 'n', type: 'macvlan', master: 'eth0', ipam: { type: 'spiderpool', default_ipv4_ippool: ['p6'] } }));
    expect(lintManifests([v6Pool, single]).flatMap(r => r.findings).filter(f => f.rule === 'MV025').map(f => f.field))
      .toEqual(['spec.config.ipam.default_ipv4_ippool']);
  });

  test('the capabilities a chain declares: one of four shared records, each the same as a fresh one', () => {
    const caps = (capabilities: Array<object | undefined>) => checkNetworkAttachmentDefinition(nad({
      cniVersion: '0.3.1', plugins: capabilities.map((c, i) => (i === 0 ? { type: 'macvlan', master: 'eth0', ipam: {}, capabilities: c } : { type: 'tuning', capabilities: c })),
    })).parsed?.capabilities;
    expect(caps([undefined])).toEqual({ ips: false, mac: false });
    expect(caps([{ ips: true }])).toEqual({ ips: true, mac: false });
    expect(caps([undefined, { mac: true }])).toEqual({ ips: false, mac: true });
    expect(caps([{ ips: true }, { mac: true }])).toEqual({ ips: true, mac: true });
    expect(caps([{ ips: 'yes', mac: 1 }])).toEqual({ ips: false, mac: false });
    expect(caps([{ ips: true }])).toBe(caps([{ ips: true }, { ips: true }]));
  });

  test('a bad namespace after a good one is still reported; the parsed pool lists hold only strings', () => {
    const config = { cniVersion: '0.3.1', type: 'macvlan', master: 'eth0', ipam: { type: 'spiderpool', default_ipv4_ippool: ['a', 'b'] } };
    expect(checkNetworkAttachmentDefinition(nad(config)).findings).toEqual([]);
    expect(checkNetworkAttachmentDefinition(nad(config, 'Bad_NS')).findings.map(f => f.field)).toEqual(['metadata.namespace']);
    expect(checkNetworkAttachmentDefinition(nad(config)).parsed?.ipv4Pools).toEqual(['a', 'b']);
    const mixed = { ...config, ipam: { type: 'spiderpool', default_ipv6_ippool: ['a', 7, 'b'] } };
    expect(checkNetworkAttachmentDefinition(nad(mixed)).parsed?.ipv6Pools).toEqual(['a', 'b']);
  });
});
