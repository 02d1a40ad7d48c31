/**
 * MV160's quick accept path (`meetsCrdSchema`, each schema compiled once into functions) decides as the full
 * finding walk (`crdSchemaFindings`) does, on objects generated from every vendored schema and then mutated:
 * wrong types, null, deleted required fields, unknown keys (at the root too), values off the enum, TypeMeta and
 * ObjectMeta of any shape, served and unserved versions. `checkCrdSchema` is the walk's findings or none.
 */
import fc from 'fast-check';
import { checkCrdSchema, crdSchemaFindings, crdSchemaKinds, meetsCrdSchema } from '../../src/rules';
import { SchemaNode } from '../../src/rules/crd-schema-types';
import { CRD_SCHEMAS } from '../../src/rules/crd-schemas.generated';

const key = fc.constantFrom('a', 'name', 'type', 'zzzUnknown', '', 'Name', 'x-y', '0');
const scalar = fc.oneof(fc.constantFrom<unknown>(null, undefined, '', '4', 'text', 'true', 0, 7, -1, 1.5, Number.NaN, true, false, 10n),
  fc.string({ maxLength: 6 }), fc.integer(), fc.double());
/** Any JSON-ish value, shallow. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(key, scalar, { maxKeys: 3 }));

/** A value that meets `node` (most of the time: generated strings may hit nothing, numbers are integers or not). */
function valid(node: SchemaNode, depth = 0): fc.Arbitrary<unknown> {
  if (node.enum) return fc.constantFrom(...node.enum);
  if (node.intOrString) return fc.oneof(fc.integer({ min: -5, max: 100 }), fc.string({ maxLength: 6 }));
  const object = (): fc.Arbitrary<unknown> => {
    const props = node.properties ?? {};
    const names = Object.keys(props);
    const record = fc.record(Object.fromEntries(names.map(k => [k, valid(props[k], depth + 1)])),
      { requiredKeys: (node.required ?? []).filter(r => names.includes(r)) });
    const extra = typeof node.additionalProperties === 'object'
      ? fc.dictionary(key, valid(node.additionalProperties, depth + 1), { maxKeys: 3 })
      : names.length === 0 || node.preserveUnknownFields || node.additionalProperties === true
        ? fc.dictionary(key, anyValue, { maxKeys: 3 }) : fc.constant({});
    return fc.tuple(extra, record).map(([e, r]) => Object.assign({}, e, r));
  };
  switch (node.type) {
    case 'string': return fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('10.0.0.0/24', 'bond0', 'macvlan'));
    case 'boolean': return fc.boolean();
    case 'integer': return fc.integer({ min: -5, max: 5000 });
    case 'number': return fc.oneof(fc.integer(), fc.double({ noNaN: true }));
    case 'array': return depth > 8 ? fc.constant([]) : fc.array(node.items ? valid(node.items, depth + 1) : anyValue, { maxLength: 3 });
    case 'object': return depth > 8 ? fc.constant({}) : object();
    default: return fc.oneof(scalar, fc.array(node.items ? valid(node.items, depth + 1) : scalar, { maxLength: 2 }), object());
  }
}

/** Every path to a value inside `value` (the value itself: []). */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap(k => paths((value as any)[k], [...prefix, k]))];
}

type Mutation = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'unknown-key'; key: string } | { kind: 'recase' };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  anyValue.map(value => ({ kind: 'set' as const, value })),
  fc.constant({ kind: 'delete' as const }),
  key.map(k => ({ kind: 'unknown-key' as const, key: k })),
  fc.constant({ kind: 'recase' as const }),
);

/** `obj` (a fresh copy) with `m` applied at one of its paths. */
function mutate(obj: Record<string, unknown>, at: number, m: Mutation): Record<string, unknown> {
  const all = paths(obj);
  const where = all[at % all.length];
  if (where.length === 0) {
    if (m.kind === 'unknown-key') obj[m.key] = 1;
    return obj;
  }
  let parent: any = obj;
  for (const k of where.slice(0, -1)) parent = parent[k];
  const last = where[where.length - 1];
  switch (m.kind) {
    case 'set': parent[last] = m.value; break;
    case 'delete': if (Array.isArray(parent)) parent.splice(Number(last), 1); else delete parent[last]; break;
    case 'unknown-key': if (parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) parent[last][m.key] = 1; break;
    case 'recase': if (typeof parent[last] === 'string') parent[last] = parent[last].toUpperCase(); break;
  }
  return obj;
}

/** A generated object of `gvk` (`group/version/Kind`): its schema's body, TypeMeta, some metadata. */
function objectOf(gvk: string): fc.Arbitrary<Record<string, unknown>> {
  const slash = gvk.lastIndexOf('/');
  const typeMeta = { apiVersion: gvk.slice(0, slash), kind: gvk.slice(slash + 1) };
  const metadata = fc.oneof(fc.constant({ name: 'n' }), fc.constant({ name: 'n', namespace: 'kube-system', labels: { a: 'b' } }), anyValue);
  return fc.tuple(valid(CRD_SCHEMAS[gvk].schema), metadata).map(([body, meta]) => {
    const obj = body !== null && typeof body === 'object' && !Array.isArray(body) ? body as Record<string, unknown> : {};
    return Object.assign(obj, typeMeta, { metadata: meta });
  });
}

function agrees(obj: Record<string, unknown>): boolean {
  const full = crdSchemaFindings(obj);
  const meets = meetsCrdSchema(obj);
  const checked = checkCrdSchema(obj);
  // (expect only on a disagreement: a deep comparison of every generated object would take most of the time)
  const same = checked.length === full.length && checked.every((f, i) => f === full[i] || JSON.stringify(f) === JSON.stringify(full[i]));
  if (meets !== (full.length === 0) || !same) {
    expect({ obj, meets }).toEqual({ obj, meets: full.length === 0 });
    expect(checked).toEqual(meets ? [] : full);
  }
  return meets;
}

describe('the quick check decides as the full walk does', () => {
  test.each(crdSchemaKinds())('%s: generated objects, then mutated ones (both outcomes seen)', gvk => {
    const outcomes = new Set<boolean>();
    fc.assert(fc.property(objectOf(gvk), fc.nat(), fc.array(mutation, { minLength: 0, maxLength: 3 }), (generated, at, mutations) => {
      agrees(generated);
      let obj = JSON.parse(JSON.stringify(generated, (_, v) => (typeof v === 'bigint' ? 1 : v)));
      mutations.forEach((m, i) => { obj = mutate(obj, at + i * 7, m); });
      outcomes.add(agrees(obj));
    }), { numRuns: 300, seed: 1600 });
    expect([...outcomes].sort()).toEqual([false, true]);
  });

  test.each(crdSchemaKinds())('%s: every path of generated objects set to each kind of value, deleted, given an unknown key', gvk => {
    const replacements: Mutation[] = [
      ...[null, '', '4', 'TEXT', 7, -1, 1.5, true, [], ['x'], [1.5], {}, { zzzUnknown: 1 }].map(value => ({ kind: 'set' as const, value })),
      { kind: 'delete' }, { kind: 'unknown-key', key: 'zzzUnknown' }, { kind: 'unknown-key', key: 'name' }, { kind: 'recase' },
    ];
    const outcomes = new Set<boolean>();
    for (const generated of fc.sample(objectOf(gvk), { numRuns: 12, seed: 1602 })) {
      const text = JSON.stringify(generated, (_, v) => (typeof v === 'bigint' ? 1 : v));
      const count = paths(JSON.parse(text)).length;
      for (let at = 0; at < count; at++) {
        for (const m of replacements) outcomes.add(agrees(mutate(JSON.parse(text), at, m)));
      }
    }
    expect([...outcomes].sort()).toEqual([false, true]);
  });

  test('objects of other versions, groups and shapes of TypeMeta', () => {
    const kinds = crdSchemaKinds();
    fc.assert(fc.property(
      fc.constantFrom(...kinds), fc.constantFrom<unknown>('v1', 'v9', 'v2beta1', 'v1beta1', undefined),
      fc.constantFrom<unknown>(undefined, 'apps', 'spiderpool.spidernet.io', 'nmstate.io', 'k8s.cni.cncf.io', '', 'spiderpool.spidernet.io.evil', 7),
      fc.constantFrom<unknown>(undefined, 'Deployment', 'SpiderIPPool', 'NodeNetworkConfigurationPolicy', 'NetworkAttachmentDefinition', 'spiderippool', null),
      (gvk, version, group, kind) => {
        const slash = gvk.lastIndexOf('/');
        const obj: Record<string, unknown> = { apiVersion: gvk.slice(0, slash), kind: gvk.slice(slash + 1), metadata: { name: 'n' }, spec: {} };
        if (group !== undefined) obj.apiVersion = typeof group === 'string' && typeof version === 'string' ? `${group}/${version}` : group;
        else if (version !== undefined) obj.apiVersion = version;
        if (kind !== undefined) obj.kind = kind;
        agrees(obj);
      },
    ), { numRuns: 300, seed: 1601 });
  });
});
