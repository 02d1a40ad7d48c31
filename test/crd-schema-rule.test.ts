/**
 * MV160 (custom resources against their upstream CRD schema): the generated module is what the generator
 * writes from crds/, each kind of problem is reported with its field and schema path, the API server's
 * leniencies are kept (no false alarms), and on random mutations of real objects it agrees with ajv
 * running the full upstream schema (for everything but unknown fields, which ajv does not see).
 */
import * as fs from 'fs';
import * as fc from 'fast-check';
import { addVlanTopologyScenario } from '../examples/vlan-topology';
import { renderSchemaModule, GENERATED } from '../scripts/gen-crd-schemas';
import { LintFinding, checkCrdSchema, crdSchemaFindings, crdSchemaKinds, likelyIntended, lintManifests, meetsCrdSchema } from '../src/rules';
import { knownKinds, schemaErrors } from './support/crd-schemas';
import { synthObjects, testApp } from './support/synth';

const POOL = { apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderIPPool', metadata: { name: 'p' }, spec: { subnet: '10.0.0.0/24', ips: ['10.0.0.10-10.0.0.20'] } };
const SMC = {
  apiVersion: 'spiderpool.spidernet.io/v2beta1',
  kind: 'SpiderMultusConfig',
  metadata: { name: 'm', namespace: 'kube-system' },
  spec: { cniType: 'macvlan', macvlan: { master: ['bond0.100'], ippools: { ipv4: ['p'] } }, coordinator: { mode: 'underlay', podCIDRType: 'cluster' } },
};

function schema(obj: object): string[] {
  return checkCrdSchema(obj as Record<string, any>).map(f => `${f.field}: ${f.message}. Fix: ${f.fix}`);
}

function withSpec(base: any, spec: object): any {
  return { ...base, spec: { ...base.spec, ...spec } };
}

describe('generated schema module', () => {
  test('is what scripts/gen-crd-schemas.ts writes from crds/ (run npx projen crds:refresh after changing crds/)', () => {
    expect(fs.readFileSync(GENERATED, 'utf8')).toBe(renderSchemaModule());
  });

  test('covers every served CRD version the test suite validates against, and stays small', () => {
    expect(crdSchemaKinds()).toEqual(knownKinds());
    expect(fs.statSync(GENERATED).size).toBeLessThan(32 * 1024);
  });
});

describe('MV160 findings', () => {
  test('a valid pool and SpiderMultusConfig have none', () => {
    expect(schema(POOL)).toEqual([]);
    expect(schema(SMC)).toEqual([]);
  });

  test('unknown field, with the likely intended one (SpiderIPPool excludeIps)', () => {
    expect(schema(withSpec(POOL, { excludeIps: ['10.0.0.15'] }))).toEqual([
      'spec.excludeIps: unknown field "excludeIps" (did you mean "excludeIPs"?): not in schema spiderippools.spiderpool.spidernet.io v2beta1 '
      + '#/properties/spec/properties, so kubectl (strict field validation, its default) refuses the object and the API server drops the value '
      + 'for other clients. Fix: rename "excludeIps" to "excludeIPs"',
    ]);
  });

  test('misspelt SpiderMultusConfig fields, nested too', () => {
    const smc = withSpec(SMC, { cniTyp: 'macvlan', macvlan: { masters: ['bond0.100'] }, enableCordinator: true });
    const fields = checkCrdSchema(smc).map(f => [f.field, f.fix]);
    expect(fields).toEqual(expect.arrayContaining([
      ['spec.cniTyp', 'rename "cniTyp" to "cniType"'],
      ['spec.enableCordinator', 'rename "enableCordinator" to "enableCoordinator"'],
      ['spec.macvlan.masters', 'rename "masters" to "master"'],
    ]));
  });

  test('an unknown field with no near name lists the fields there', () => {
    expect(schema(withSpec(POOL, { zzz: 1 }))[0]).toMatch(/^spec\.zzz: unknown field "zzz": .*Fix: remove "zzz"; the fields here are default, disable, excludeIPs, gateway, ipVersion, ips, multusName, /);
  });

  test('wrong type, with the schema path', () => {
    expect(schema(withSpec(POOL, { ipVersion: '4', default: 'true', ips: '10.0.0.10' })).sort()).toEqual([
      'spec.default: expected a boolean, got string "true" (schema spiderippools.spiderpool.spidernet.io v2beta1 #/properties/spec/properties/default/type). Fix: write true without quotes',
      'spec.ipVersion: expected an integer, got string "4" (schema spiderippools.spiderpool.spidernet.io v2beta1 #/properties/spec/properties/ipVersion/type). Fix: write 4 without quotes',
      'spec.ips: expected an array, got string "10.0.0.10" (schema spiderippools.spiderpool.spidernet.io v2beta1 #/properties/spec/properties/ips/type). Fix: write it as a list: ["10.0.0.10"]',
    ]);
  });

  test('missing required field', () => {
    const { subnet: _subnet, ...spec } = POOL.spec;
    expect(schema({ ...POOL, spec })).toEqual([
      'spec.subnet: required field "subnet" is missing (schema spiderippools.spiderpool.spidernet.io v2beta1 #/properties/spec/required). Fix: set spec.subnet',
    ]);
  });

  test('enum: cniType, coordinator mode, podCIDRType, ipVersion', () => {
    const smc = withSpec(SMC, { cniType: 'Macvlan', coordinator: { mode: 'underlay-mode', podCIDRType: 'flannel' } });
    expect(schema(smc)).toEqual([
      'spec.cniType: "Macvlan" is not one of "macvlan", "ipvlan", "vlan", "sriov", "ovs", "ib-sriov", "ipoib", "custom" (schema spidermultusconfigs.spiderpool.spidernet.io v2beta1 #/properties/spec/properties/cniType/enum). Fix: write "macvlan"',
      'spec.coordinator.mode: "underlay-mode" is not one of "auto", "underlay", "overlay", "disabled" (schema spidermultusconfigs.spiderpool.spidernet.io v2beta1 #/properties/spec/properties/coordinator/properties/mode/enum). Fix: use one of "auto", "underlay", "overlay", "disabled"',
      'spec.coordinator.podCIDRType: "flannel" is not one of "auto", "cluster", "calico", "cilium", "none" (schema spidermultusconfigs.spiderpool.spidernet.io v2beta1 #/properties/spec/properties/coordinator/properties/podCIDRType/enum). Fix: use one of "auto", "cluster", "calico", "cilium", "none"',
    ]);
    expect(schema(withSpec(POOL, { ipVersion: 5 }))[0]).toMatch(/^spec\.ipVersion: 5 is not one of 4, 6 /);
  });

  test('what the API server accepts is accepted: null (pruned), int-or-string, preserve-unknown-fields, metadata, other groups', () => {
    expect(schema(withSpec(POOL, { gateway: null, excludeIPs: null }))).toEqual([]);
    const nncp = (spec: object) => ({ apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy', metadata: { name: 'n', anything: 1 }, spec });
    expect(schema(nncp({ maxUnavailable: 3, desiredState: { interfaces: [{ 'name': 'bond0', 'anything-nmstate-has': { x: 1 } }] } }))).toEqual([]);
    expect(schema(nncp({ maxUnavailable: '50%' }))).toEqual([]);
    expect(schema(nncp({ maxUnavailable: true }))[0]).toMatch(/^spec\.maxUnavailable: expected an integer or a string, got boolean true .*x-kubernetes-int-or-string\)/);
    expect(schema({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { whatever: 1 } })).toEqual([]);
    expect(schema({ apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderEndpoint', metadata: { name: 'x' } })).toEqual([]);
  });

  test('a known kind in a version its CRD does not serve', () => {
    expect(schema({ ...POOL, apiVersion: 'spiderpool.spidernet.io/v1' })).toEqual([
      'apiVersion: SpiderIPPool is not served as spiderpool.spidernet.io/v1 by the upstream CRD (served: spiderpool.spidernet.io/v2beta1), '
      + 'so the API server finds no such kind. Fix: write apiVersion: spiderpool.spidernet.io/v2beta1',
    ]);
  });

  test('a field another rule already explains is reported once, by that rule', () => {
    const findings: LintFinding[] = lintManifests([withSpec(POOL, { ipVersion: '4' })]).flatMap(r => r.findings);
    expect(findings.filter(f => f.field === 'spec.ipVersion').map(f => f.rule)).toEqual(['MV009']);
  });

  test('likely intended field: case, one or two edits, never a tie or a far one', () => {
    expect(likelyIntended('excludeips', ['excludeIPs', 'ips'])).toBe('excludeIPs');
    expect(likelyIntended('gatway', ['gateway', 'routes'])).toBe('gateway');
    expect(likelyIntended('ab', ['ac', 'ad'])).toBeUndefined();
    expect(likelyIntended('vlan', ['default', 'gateway'])).toBeUndefined();
  });
});

describe('our own output is schema-clean', () => {
  test('the VLAN topology example', () => {
    const app = testApp();
    addVlanTopologyScenario(app);
    const objects = app.charts.flatMap(c => synthObjects(c));
    expect(objects.flatMap(o => checkCrdSchema(o))).toEqual([]);
    expect(objects.filter(o => checkCrdSchema({ ...o, spec: { ...o.spec, zzzUnknown: 1 } }).length > 0).length).toBeGreaterThan(0);
  });
});

describe('agrees with ajv on the full upstream schema (types, required fields, enums)', () => {
  const app = testApp();
  addVlanTopologyScenario(app);
  const seeds = [POOL, SMC, ...app.charts.flatMap(c => synthObjects(c)).filter(o => crdSchemaKinds().includes(`${o.apiVersion}/${o.kind}`))];

  /** All leaf and object paths of an object's spec. */
  function paths(value: any, prefix: string[] = []): string[][] {
    if (value === null || typeof value !== 'object') return [prefix];
    return [prefix, ...Object.keys(value).flatMap(k => paths(value[k], [...prefix, k]))];
  }

  function mutate(obj: any, where: string[], replacement: unknown): any {
    const copy = JSON.parse(JSON.stringify(obj));
    let cur = copy;
    for (const k of where.slice(0, -1)) cur = cur[k];
    const last = where[where.length - 1];
    if (replacement === '<delete>') {
      if (Array.isArray(cur)) cur.splice(Number(last), 1);
      else delete cur[last];
    } else {
      cur[last] = replacement;
    }
    return copy;
  }

  test('on random mutations of real objects', () => {
    const outcomes = new Set<boolean>();
    fc.assert(fc.property(
      fc.integer({ min: 0, max: seeds.length - 1 }),
      fc.nat(),
      fc.constantFrom<unknown>('<delete>', 'text', '4', 7, 1.5, true, [], {}, ['x'], 'Macvlan', 'underlay', 'auto'),
      (which, at, replacement) => {
        const seed = seeds[which];
        const candidates = paths(seed.spec ?? {}, ['spec']).filter(p => p.length > 1);
        if (candidates.length === 0) return;
        const obj = mutate(seed, candidates[at % candidates.length], replacement);
        const ours = checkCrdSchema(obj).filter(f => !f.message.startsWith('unknown field'));
        const ajv = schemaErrors(obj);
        outcomes.add(ajv.length === 0);
        expect({ obj, oursValid: ours.length === 0, ours: ours.map(f => f.field) })
          .toEqual({ obj, oursValid: ajv.length === 0, ours: expect.anything() });
      },
    ), { numRuns: 400, seed: 160 });
    expect([...outcomes].sort()).toEqual([false, true]);
  });

  test('the quick check (no paths, no messages) decides as the full walk does, unknown fields and root keys too', () => {
    const outcomes = new Set<boolean>();
    const variants = [
      ...seeds,
      { ...POOL, apiVersion: 'spiderpool.spidernet.io/v1' }, { ...POOL, apiVersion: 'v1' }, { ...POOL, apiVersion: 'apps/v1', kind: 'Deployment' },
      { ...POOL, '': { x: 1 } }, { ...POOL, metadata: 7 }, { ...POOL, spec: null }, { ...POOL, status: {} },
    ];
    fc.assert(fc.property(
      fc.integer({ min: 0, max: variants.length - 1 }),
      fc.nat(),
      fc.constantFrom<unknown>('<delete>', '<unknown>', '<nothing>', null, 'text', '4', 7, 1.5, true, [], {}, ['x'], [{}], 'Macvlan', 'underlay', 'auto'),
      (which, at, replacement) => {
        const seed = variants[which];
        const candidates = paths(seed).filter(p => p.length > 0);
        let obj = JSON.parse(JSON.stringify(seed));
        if (replacement === '<unknown>') {
          const objects = [[], ...candidates].filter(p => p.reduce((v: any, k) => v?.[k], obj) instanceof Object);
          obj = mutate(obj, [...objects[at % objects.length], 'zzzUnknown'], 1);
        } else if (replacement !== '<nothing>') {
          obj = mutate(obj, candidates[at % candidates.length], replacement);
        }
        const full = crdSchemaFindings(obj);
        outcomes.add(full.length === 0);
        expect({ obj, meets: meetsCrdSchema(obj) }).toEqual({ obj, meets: full.length === 0 });
        expect(checkCrdSchema(obj)).toEqual(meetsCrdSchema(obj) ? [] : full);
      },
    ), { numRuns: 600, seed: 161 });
    expect([...outcomes].sort()).toEqual([false, true]);
  });
});
