/**
 * MV160: a custom resource of a vendored upstream CRD (Spiderpool, Multus NAD, kubernetes-nmstate) must match
 * that CRD's structural schema, the way the API server (and kubectl's default strict field validation) checks
 * it: no unknown fields, the declared types, the required fields, the enum values. Like kubeconform, without
 * a cluster: the schemas are pruned at build time into ./crd-schemas.generated.ts.
 *
 * What the API server does first is followed so nothing it accepts is refused: `null` for a field that is not
 * `nullable` is pruned (dropped) before validation, so it counts as absent; `apiVersion`, `kind` and `metadata`
 * are the API server's own (TypeMeta, ObjectMeta), not the CRD's, and are skipped; an object without declared `properties` (or with
 * `x-kubernetes-preserve-unknown-fields`) keeps unknown fields.
 */
import { Finding, RULES, finding } from './catalog';
import { CrdSchema, SchemaNode } from './crd-schema-types';
import { CRD_SCHEMAS } from './crd-schemas.generated';

/** The vendored schema of `apiVersion` + `kind`, if there is one. */
export function crdSchemaOf(apiVersion: unknown, kind: unknown): CrdSchema | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const key = `${apiVersion}/${kind}`;
  return Object.prototype.hasOwnProperty.call(CRD_SCHEMAS, key) ? CRD_SCHEMAS[key] : undefined;
}

const KINDS: readonly string[] = Object.keys(CRD_SCHEMAS).sort();
/** `group/` of each vendored schema's API group (an object of any other group has no schema to meet). */
const GROUP_PREFIXES: readonly string[] = [...new Set(KINDS.map(k => k.slice(0, k.indexOf('/') + 1)))];

/** The `group/version/Kind` keys of the vendored schemas. */
export function crdSchemaKinds(): string[] {
  return [...KINDS];
}

/** True for an object whose API group is one of the vendored CRDs' groups. */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Whether `apiVersion` is of a vendored CRD's group (`group/...`), without cutting the group out of it. */
function ofVendoredGroup(apiVersion: string): boolean {
  for (let i = 0; i < GROUP_PREFIXES.length; i++) if (apiVersion.startsWith(GROUP_PREFIXES[i])) return true;
  return false;
}

/**
 * MV160 findings for one object. Objects of other API groups get none; an object of a vendored CRD's group
 * and kind in a version the CRD does not serve is refused (the API server answers "no matches for kind").
 */
export function checkCrdSchema(obj: Record<string, any>): readonly Finding[] {
  return meetsCrdSchema(obj) ? NO_FINDINGS : crdSchemaFindings(obj);
}

/** No findings (shared, frozen: most objects meet their schema). */
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * Whether {@link crdSchemaFindings} finds nothing: the same decisions without building a field path or a
 * message (objects meet their schema far more often than not).
 */
export function meetsCrdSchema(obj: Record<string, any>): boolean {
  const apiVersion = obj.apiVersion;
  const kind = obj.kind;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return true;
  const fit = COMPILED.get(apiVersion)?.get(kind);
  if (fit !== undefined) return fit(obj);
  if (!ofVendoredGroup(apiVersion)) return true;
  const group = groupOf(apiVersion);
  return !KINDS.some(k => k.startsWith(`${group}/`) && k.endsWith(`/${kind}`));
}

/**
 * The decision of {@link walk} for one schema node, without field paths and messages: true when walk finds
 * nothing in `value`. Each node of a vendored schema is compiled once into such a function, specialized to what the
 * node declares (its type test, its enum, its items, its few properties), so checking an object reads no schema
 * data and allocates nothing.
 */
type Fit = (value: unknown) => boolean;

/** (null and undefined fit every node: the API server prunes null, and absent is absent) */
const unset = (value: unknown): value is null | undefined => value === null || value === undefined;

/**
 * The function deciding `node`. `atRoot`: the node is where walk's path is empty (the object itself, and a
 * property named "" of it), whose TypeMeta and ObjectMeta keys are skipped.
 */
function compile(node: SchemaNode, atRoot: boolean): Fit {
  const values = node.enum;
  const inValues: Fit | undefined = values === undefined ? undefined : compileEnum(values);
  const type = node.intOrString ? 'int-or-string' : node.type;
  switch (type) {
    case 'string':
      return inValues ? v => unset(v) || (typeof v === 'string' && inValues(v)) : v => unset(v) || typeof v === 'string';
    case 'boolean':
      return inValues ? v => unset(v) || (typeof v === 'boolean' && inValues(v)) : v => unset(v) || typeof v === 'boolean';
    case 'integer':
      return inValues ? v => unset(v) || (Number.isInteger(v) && inValues(v)) : v => unset(v) || Number.isInteger(v);
    case 'number':
      return inValues ? v => unset(v) || (typeof v === 'number' && inValues(v)) : v => unset(v) || typeof v === 'number';
    case 'int-or-string': {
      const scalar: Fit = v => typeof v === 'string' || Number.isInteger(v);
      return inValues ? v => unset(v) || (scalar(v) && inValues(v)) : v => unset(v) || scalar(v);
    }
    case 'array': {
      const items = node.items ? compile(node.items, false) : undefined;
      const array = items ? arrayOf(items) : Array.isArray;
      return inValues ? v => unset(v) || (Array.isArray(v) && inValues(v) && array(v)) : v => unset(v) || array(v);
    }
    case 'object': {
      const object = compileObject(node, atRoot);
      const isObject: Fit = v => typeof v === 'object' && v !== null && !Array.isArray(v);
      return inValues ? v => unset(v) || (isObject(v) && inValues(v) && object(v as Record<string, unknown>))
        : v => unset(v) || (isObject(v) && object(v as Record<string, unknown>));
    }
    case undefined: {
      // any type: a list is checked against items, an object against the properties, a scalar only by the enum
      const items = node.items ? compile(node.items, false) : undefined;
      const array = items ? arrayOf(items) : undefined;
      const object = compileObject(node, atRoot);
      return v => {
        if (unset(v)) return true;
        if (inValues && !inValues(v)) return false;
        if (Array.isArray(v)) return array === undefined || array(v);
        return typeof v !== 'object' || object(v as Record<string, unknown>);
      };
    }
    default: {
      // a type outside the schema language: matched by the name typeOf gives the value, as walk matches it
      return v => unset(v) || (typeOf(v) === type && (inValues === undefined || inValues(v)));
    }
  }
}

/** Every item fits. */
function arrayOf(items: Fit): (v: unknown) => boolean {
  return v => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (!items(v[i])) return false;
    return true;
  };
}

/** The value is one of `values` (`===`). */
function compileEnum(values: readonly unknown[]): Fit {
  const list = [...values];
  return v => {
    for (let i = 0; i < list.length; i++) if (list[i] === v) return true;
    return false;
  };
}

/**
 * An object node's required fields and properties, as walk decides them: every required field set (null only where
 * the field is nullable), every own key a declared property that fits, else an entry of `additionalProperties`
 * that fits, else a key the node keeps (no declared properties, preserve-unknown-fields or additionalProperties:
 * true). Keys are matched with `===` against the declared names (a handful per node; no lookup table).
 */
function compileObject(node: SchemaNode, atRoot: boolean): (obj: Record<string, unknown>) => boolean {
  const props = node.properties ?? {};
  const names = Object.keys(props);
  const children = names.map(k => compile(props[k], atRoot && k === ''));
  const additional = typeof node.additionalProperties === 'object' ? compile(node.additionalProperties, false) : undefined;
  const closed = names.length > 0 && !node.preserveUnknownFields && node.additionalProperties !== true;
  const required = node.required ?? [];
  const requiredNullable = required.map(r => props[r]?.nullable === true);
  const count = names.length;
  // (a guess of where each key is: after the key at j, the key at next[j] came last time, the first key at next[count];
  // objects of one kind mostly list their keys in one order, so a key is mostly found at the first comparison)
  const next = new Int32Array(count + 1);
  const hasOwn = Object.prototype.hasOwnProperty;
  return obj => {
    for (let i = 0; i < required.length; i++) {
      const v = obj[required[i]];
      if (v === undefined || (v === null && !requiredNullable[i])) return false;
    }
    let previous = count;
    for (const key in obj) {
      if (!hasOwn.call(obj, key)) continue;
      // TypeMeta and ObjectMeta are the API server's own, whatever the CRD declares
      if (atRoot && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
      let i = next[previous];
      if (names[i] !== key) {
        i = 0;
        while (i < count && names[i] !== key) i++;
        if (i < count) next[previous] = i;
      }
      if (i < count) {
        previous = i;
        if (!children[i](obj[key])) return false;
      } else if (additional) {
        if (!additional(obj[key])) return false;
      } else if (closed) {
        return false;
      }
    }
    return true;
  };
}

/** The vendored schemas, compiled, by apiVersion and kind. */
const COMPILED: ReadonlyMap<string, ReadonlyMap<string, Fit>> = (() => {
  const out = new Map<string, Map<string, Fit>>();
  for (const key of Object.keys(CRD_SCHEMAS)) {
    const slash = key.lastIndexOf('/');
    const apiVersion = key.slice(0, slash);
    let kinds = out.get(apiVersion);
    if (!kinds) out.set(apiVersion, (kinds = new Map()));
    kinds.set(key.slice(slash + 1), compile(CRD_SCHEMAS[key].schema, true));
  }
  return out;
})();

/** The MV160 findings of {@link checkCrdSchema}, computed in full. */
export function crdSchemaFindings(obj: Record<string, any>): Finding[] {
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return [];
  const schema = crdSchemaOf(apiVersion, kind);
  if (!schema) {
    const group = groupOf(apiVersion);
    const served = KINDS.filter(k => k.startsWith(`${group}/`) && k.endsWith(`/${kind}`));
    if (group === '' || served.length === 0) return [];
    const versions = served.map(k => `${k.split('/')[0]}/${k.split('/')[1]}`);
    return [finding(RULES.crdSchema, 'apiVersion',
      `${kind} is not served as ${apiVersion} by the upstream CRD (served: ${versions.join(', ')}), so the API server finds no such kind`,
      `write apiVersion: ${versions[versions.length - 1]}`)];
  }
  const out: Finding[] = [];
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  walk(obj, schema.schema, '', '#', { out, where: `${schema.crd} ${version}` });
  return out;
}

interface Ctx {
  readonly out: Finding[];
  /** The schema's name: `spiderippools.spiderpool.spidernet.io v2beta1` */
  readonly where: string;
}

function join(path: string, key: string): string {
  return path === '' ? key : /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A short rendering of a value: scalars as written, lists and maps by size (never deep, never throwing). */
function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length === 0 ? '' : value.every(v => v === null || typeof v !== 'object') && value.length <= 3 ? value.map(show).join(', ') : `${value.length} item(s)`}]`;
  if (value !== null && typeof value === 'object') return `{${Object.keys(value).length} field(s)}`;
  if (typeof value === 'string') {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
  }
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}

function matchesType(value: unknown, node: SchemaNode): boolean {
  // (the common cases without naming the type)
  if (!node.intOrString) {
    if (node.type === undefined) return true;
    if (node.type === 'string') return typeof value === 'string';
    if (node.type === 'boolean') return typeof value === 'boolean';
    if (node.type === 'array') return Array.isArray(value);
    if (node.type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
  const actual = typeOf(value);
  if (node.intOrString) return actual === 'integer' || actual === 'string';
  switch (node.type) {
    case undefined: return true;
    case 'integer': return actual === 'integer';
    case 'number': return actual === 'integer' || actual === 'number';
    case 'object': return actual === 'object';
    default: return actual === node.type;
  }
}

function walk(value: unknown, node: SchemaNode, path: string, schemaPath: string, ctx: Ctx): void {
  // null is pruned by the API server unless the field is nullable: nothing to check either way
  if (value === null || value === undefined) return;
  const field = path === '' ? '(object)' : path;
  if (!matchesType(value, node)) {
    const expected = node.intOrString ? 'an integer or a string' : `${article(node.type!)} ${node.type}`;
    ctx.out.push(finding(RULES.crdSchema, field,
      `expected ${expected}, got ${typeOf(value)} ${show(value)} (schema ${ctx.where} ${schemaPath}/${node.intOrString ? 'x-kubernetes-int-or-string' : 'type'})`,
      fixForType(value, node)));
    return;
  }
  if (node.enum && !node.enum.some(e => e === value)) {
    const near = node.enum.find(e => typeof e === 'string' && typeof value === 'string' && e.toLowerCase() === value.toLowerCase());
    ctx.out.push(finding(RULES.crdSchema, field,
      `${show(value)} is not one of ${node.enum.map(show).join(', ')} (schema ${ctx.where} ${schemaPath}/enum)`,
      near !== undefined ? `write ${show(near)}` : `use one of ${node.enum.map(show).join(', ')}`));
  }
  if (Array.isArray(value)) {
    if (node.items) value.forEach((item, i) => walk(item, node.items!, `${field}[${i}]`, `${schemaPath}/items`, ctx));
    return;
  }
  if (typeOf(value) !== 'object') return;
  const obj = value as Record<string, unknown>;
  for (const req of node.required ?? []) {
    if (obj[req] === undefined || (obj[req] === null && !node.properties?.[req]?.nullable)) {
      ctx.out.push(finding(RULES.crdSchema, join(path, req),
        `required field "${req}" is missing (schema ${ctx.where} ${schemaPath}/required)`,
        `set ${join(path, req)}`));
    }
  }
  const props = node.properties;
  for (const key of Object.keys(obj)) {
    const child = props && Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined;
    const childPath = join(path, key);
    // TypeMeta and ObjectMeta are the API server's own, whatever the CRD declares
    if (path === '' && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
    if (child) {
      walk(obj[key], child, childPath, `${schemaPath}/properties/${key}`, ctx);
    } else if (typeof node.additionalProperties === 'object') {
      // map entries are written as the other rules write them: `spec.nodeSelector[rack]`
      walk(obj[key], node.additionalProperties, `${field === '(object)' ? '' : field}[${key}]`, `${schemaPath}/additionalProperties`, ctx);
    } else if (props && Object.keys(props).length > 0 && !node.preserveUnknownFields && node.additionalProperties !== true) {
      const known = Object.keys(props).filter(k => !(path === '' && ['apiVersion', 'kind', 'metadata'].includes(k)));
      const intended = likelyIntended(key, known);
      ctx.out.push(finding(RULES.crdSchema, childPath,
        `unknown field "${key}"${intended ? ` (did you mean "${intended}"?)` : ''}: not in schema ${ctx.where} ${schemaPath}/properties, `
        + 'so kubectl (strict field validation, its default) refuses the object and the API server drops the value for other clients',
        intended ? `rename "${key}" to "${intended}"` : `remove "${key}"; the fields here are ${known.join(', ')}`));
    }
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? 'an' : 'a';
}

function fixForType(value: unknown, node: SchemaNode): string {
  const type = node.intOrString ? 'integer' : node.type;
  if (typeof value === 'string' && (type === 'integer' || type === 'number') && value.trim() !== '' && Number.isFinite(Number(value))) {
    return `write ${value.trim()} without quotes`;
  }
  if (typeof value === 'string' && type === 'boolean' && /^(true|false)$/i.test(value.trim())) return `write ${value.trim().toLowerCase()} without quotes`;
  if (type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return `quote it: "${String(value)}"`;
  if (type === 'array') return `write it as a list: [${show(value)}]`;
  return `give it ${node.intOrString ? 'an integer or a string' : `${article(type!)} ${type}`} value`;
}

/**
 * The known field a misspelt one most likely meant: the same letters in another case (`excludeIps` ->
 * `excludeIPs`), or one at most two edits away (a third of the name for short names), if exactly one is closest.
 */
export function likelyIntended(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameLetters = known.filter(k => k.toLowerCase() === lower);
  if (sameLetters.length === 1) return sameLetters[0];
  const limit = Math.min(2, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k; bestDistance = d; tie = false;
    } else if (d === bestDistance) {
      tie = true;
    }
  }
  return best !== undefined && bestDistance <= limit && !tie ? best : undefined;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
