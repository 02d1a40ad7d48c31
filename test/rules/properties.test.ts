/**
 * Hardening: random and adversarial input to every parser and to lintManifests. Each must return (a value
 * or findings), never throw, and finish quickly. Runs are bounded so the whole file stays well under 10 s.
 */
import fc from 'fast-check';
import * as YAML from 'yaml';
import { parseManifests } from '../../src/cli/main';
import { MAX_NESTING } from '../../src/cli/yaml-reader';
import {
  checkIpPool, checkNetworkAttachmentDefinition, checkSpiderMultusConfig, lintManifests, parseDefaultNetwork, parseIppoolAnnotation,
  parseIppoolsAnnotation, parseNetworkSelection,
} from '../../src/rules';

const RUNS = { numRuns: 150 };

/** Strings that look like what the parsers read, plus unicode, huge numbers and very long runs. */
const tricky = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '/', '@', ',', '[', '{', '"', '::', '10.0.0.0/8', '10.0.0.1-10.0.0.0', 'fd00::/129', '999999999999999999999',
    '1e309', 'ns/name@net1', 'a/b/c@d@e', '[{"name":"a/b"}]', '{"ipv4":["x"]}', 'eth0\u0000', '\u{1F600}', 'x'.repeat(300),
    '0.0.0.0/0', '255.255.255.255', '::ffff:1.2.3.4', '-', 'a-b', '[]', '[1,]', 'null'),
  fc.array(fc.constantFrom('a', '/', '@', ',', ' ', '0', '.', ':', '-', '[', ']', '{', '}', '"'), { maxLength: 60 }).map(a => a.join('')),
);

/** Arbitrary JSON-ish values, including nesting and big numbers. */
const jsonValue = fc.letrec(tie => ({
  value: fc.oneof({ depthSize: 'small' },
    tricky, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(Number.MAX_SAFE_INTEGER * 1000),
    fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('name', 'namespace', 'interface', 'ips', 'mac', 'default-route', 'ipv4', 'ipv6', 'type', 'x'), tie('value'), { maxKeys: 4 })),
})).value;

/** A deeply nested JSON text (arrays or objects). */
const deepJson = fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.boolean()).map(([depth, arr]) =>
  arr ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

/** A deeply nested block YAML document (`- - - x`, or `a: {a: ...}` flow maps in a block sequence). */
const deepYaml = fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.boolean()).map(([depth, seq]) =>
  seq ? '- '.repeat(depth) + 'x' : `- ${'{a: '.repeat(depth - 1)}1${'}'.repeat(depth - 1)}`);

/** Collections nesting of the texts above: the number of opening brackets and "- " in a row. */
function nestingOf(text: string): number {
  return (text.match(/^(- )*/)![0].length / 2) + (text.match(/[[{]/g)?.length ?? 0);
}

const annotationValue = fc.oneof(tricky, jsonValue.map(v => JSON.stringify(v) ?? ''), deepJson);

describe('parsers never throw', () => {
  test('network selection, default network, ippool(s) annotations', () => {
    fc.assert(fc.property(fc.oneof(annotationValue, jsonValue), (v) => {
      for (const parse of [parseNetworkSelection, parseDefaultNetwork, parseIppoolAnnotation, parseIppoolsAnnotation]) {
        const r = parse(v, 'f');
        expect(Array.isArray(r.findings)).toBe(true);
      }
    }), RUNS);
  });

  test('a JSON annotation value that does not parse is always a finding', () => {
    fc.assert(fc.property(annotationValue, (v) => {
      const r = parseNetworkSelection(v, 'f');
      if (r.value === undefined) expect(r.findings.length).toBeGreaterThan(0);
    }), RUNS);
  });

  test('pools, NADs and SpiderMultusConfigs from random fields', () => {
    const pool = fc.record({
      metadata: fc.record({ name: fc.oneof(tricky, jsonValue) }),
      spec: fc.record({
        subnet: fc.oneof(tricky, jsonValue),
        ips: fc.oneof(fc.array(tricky, { maxLength: 4 }), jsonValue),
        excludeIPs: fc.array(tricky, { maxLength: 3 }),
        gateway: tricky,
        routes: fc.array(fc.record({ dst: tricky, gw: tricky }), { maxLength: 3 }),
        ipVersion: fc.oneof(fc.constantFrom(4, 6), jsonValue),
        multusName: fc.oneof(fc.array(tricky, { maxLength: 3 }), jsonValue),
        podAffinity: jsonValue,
      }, { requiredKeys: [] }),
    }, { requiredKeys: [] });
    fc.assert(fc.property(pool, (p) => {
      const r = checkIpPool(p as any);
      expect(Array.isArray(r.findings)).toBe(true);
    }), RUNS);
    fc.assert(fc.property(fc.oneof(annotationValue, jsonValue), tricky, (config, name) => {
      expect(Array.isArray(checkNetworkAttachmentDefinition({ metadata: { name }, spec: { config } } as any).findings)).toBe(true);
      expect(Array.isArray(checkSpiderMultusConfig({ metadata: { name }, spec: { cniType: 'macvlan', macvlan: config, coordinator: config, chainCNIJsonData: [config] } } as any).findings)).toBe(true);
    }), RUNS);
  });

  test('huge IPv6 ranges are handled without enumerating', () => {
    const r = checkIpPool({ metadata: { name: 'p' }, spec: { subnet: 'fd00::/8', ips: ['fd00::1-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], excludeIPs: ['fd00::2'] } });
    // the only finding is the size itself (MV095), computed as a bigint, not by listing addresses
    expect(r.findings.map(f => [f.rule.id, f.message])).toEqual([['MV095', expect.stringMatching(/^the pool holds 1329227995784915872903807060280344575 addresses \(1329227995784915872903807060280344574 after excludeIPs\)/)]]);
  });
});

describe('lintManifests never throws', () => {
  const kind = fc.constantFrom('SpiderIPPool', 'NetworkAttachmentDefinition', 'SpiderMultusConfig', 'Pod', 'Deployment', 'CronJob', 'List', 'Namespace', 'Other');
  const annotations = fc.dictionary(fc.constantFrom('v1.multus-cni.io/default-network', 'k8s.v1.cni.cncf.io/networks', 'ipam.spidernet.io/ippools',
    'ipam.spidernet.io/ippool', 'k8s.v1.cni.cncf.io/network-status'), annotationValue, { maxKeys: 4 });
  const object = fc.record({
    kind,
    metadata: fc.record({ name: tricky, namespace: tricky, annotations }, { requiredKeys: [] }),
    spec: fc.oneof(jsonValue,
      fc.record({ template: fc.record({ metadata: fc.record({ annotations }) }), config: annotationValue, subnet: tricky }, { requiredKeys: [] })),
    items: fc.array(jsonValue, { maxLength: 3 }),
  }, { requiredKeys: ['kind'] });
  test('random object sets', () => {
    fc.assert(fc.property(fc.array(fc.oneof(object, jsonValue), { maxLength: 6 }), (objects) => {
      const results = lintManifests(objects);
      for (const r of results) for (const f of r.findings) expect(f.rule).toMatch(/^MV\d{3}$/);
    }), RUNS);
  });

  test('3000 adjacent pools: no overlap is reported', () => {
    const pools = Array.from({ length: 3000 }, (_, i) => ({
      apiVersion: 'spiderpool.spidernet.io/v2beta1',
      kind: 'SpiderIPPool',
      metadata: { name: `p${i}` },
      spec: { subnet: `10.${Math.floor(i / 256)}.${i % 256}.0/24`, ips: [`10.${Math.floor(i / 256)}.${i % 256}.10`] },
    }));
    expect(lintManifests(pools).flatMap(r => r.findings)).toEqual([]);
  });
});

describe('YAML reader never throws', () => {
  test('random text, aliases and deep nesting', () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom(
      'a: &a [*a]', 'a: [1,\nb: 2', '---\n---\n', '{', 'a: b: c', '\t- x', 'x: !!binary zz', 'k: v\nk: w',
      `a: &a [1,2,3,4,5,6,7,8,9]\nb: &b [${'*a,'.repeat(9)}*a]\nc: &c [${'*b,'.repeat(9)}*b]\nd: [${'*c,'.repeat(9)}*c]`,
    ), deepJson, deepYaml, jsonValue.map(v => YAML.stringify(v)));
    fc.assert(fc.property(text, (t) => {
      const objects: unknown[] = [];
      const origins: Array<{ file: string; document: number }> = [];
      const problems: Array<{ message: string }> = [];
      parseManifests(t, 'f.yaml', objects, origins, problems as any);
      expect(objects.length).toBe(origins.length);
      expect(() => lintManifests(objects)).not.toThrow();
    }), { numRuns: 100 });
  });

  test(`nesting beyond ${MAX_NESTING} levels is one stated problem, at the same place every run; up to it the value is read`, () => {
    fc.assert(fc.property(fc.oneof(deepJson, deepYaml), fc.integer({ min: 1, max: 3 }), (doc, copies) => {
      const depth = nestingOf(doc);
      const text = Array.from({ length: copies }, () => doc).join('\n---\n');
      const read = () => {
        const objects: unknown[] = [];
        const problems: Array<{ message: string; line?: number; col?: number }> = [];
        parseManifests(text, 'f.yaml', objects, [], problems as any);
        return { objects, problems };
      };
      const first = read();
      if (depth > MAX_NESTING) {
        expect(first.problems).toHaveLength(copies);
        for (const p of first.problems) expect(p.message).toMatch(`nesting deeper than ${MAX_NESTING} levels`);
        expect(first.objects).toEqual([]);
      } else {
        expect(first.problems).toEqual([]);
      }
      expect(read()).toEqual(first);
    }), { numRuns: 60 });
  });

  test('aliases cannot nest a value deeper than the bound, nor make it contain itself', () => {
    // each anchor nests the previous one 30 levels deeper: 4 of them are 120 levels
    const chain = Array.from({ length: 4 }, (_, i) => `a${i}: &a${i} ${'['.repeat(30)}${i === 0 ? '1' : `*a${i - 1}`}${']'.repeat(30)}`).join('\n');
    const problems: Array<{ message: string; line?: number }> = [];
    parseManifests(chain, 'f.yaml', [], [], problems as any);
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringMatching(`nesting deeper than ${MAX_NESTING} levels`) })]);

    const cyclic: Array<{ message: string; line?: number; col?: number }> = [];
    parseManifests('kind: Pod\nmetadata: &m\n  name: p\n  labels: *m\n', 'f.yaml', [], [], cyclic as any);
    expect(cyclic).toEqual([{ file: 'f.yaml', line: 4, col: 11, message: expect.stringMatching(/^alias \*m refers to a node that contains it/) }]);
  });
});
