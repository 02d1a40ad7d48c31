import { Finding, RULES, finding } from './catalog';
import { describe, isPlainObject } from './ip-pool';
import { checkDns1123Label } from '../net/names';

/** The field of a finding about the document (or List item) as a whole. */
export const DOCUMENT_FIELD = '(document)';

const TYPE_META_KEYS = ['apiVersion', 'kind'] as const;
const NAME_KEYS = ['name', 'generateName', 'namespace'] as const;
const MAP_KEYS = ['labels', 'annotations'] as const;

/** Multus and Spiderpool annotations of a Pod, which the pod annotation rules check themselves. */
const POD_ANNOTATION_PREFIXES = ['k8s.v1.cni.cncf.io/', 'v1.multus-cni.io/', 'ipam.spidernet.io/'];

/**
 * What kubectl needs before anything else: a mapping (MV150) with string `apiVersion` and `kind`, and
 * metadata of the types ObjectMeta has (MV151): a name (or generateName) and a namespace that are strings,
 * the namespace a DNS-1123 label, labels and annotations mappings of strings. kubectl refuses the whole
 * file otherwise (its JSON decoding into ObjectMeta fails, or the API server rejects the namespace).
 * Returns the findings; never throws.
 */
export function checkObjectShape(value: unknown): readonly Finding[] {
  return isPlainShape(value) ? NO_FINDINGS : objectShapeFindings(value);
}

/** No findings (shared, frozen). */
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * Whether {@link objectShapeFindings} finds nothing, decided without a list, for the common object: apiVersion and
 * kind non-empty strings, metadata a mapping with a non-empty string name, no generateName, labels or annotations,
 * and no namespace or the last one found a label. Anything else is left to the full check.
 */
function isPlainShape(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const apiVersion = value.apiVersion;
  const kind = value.kind;
  if (typeof apiVersion !== 'string' || apiVersion.length === 0 || typeof kind !== 'string' || kind.length === 0) return false;
  const meta = value.metadata;
  if (!isPlainObject(meta)) return false;
  const name = meta.name;
  if (typeof name !== 'string' || name.length === 0) return false;
  if (meta.generateName !== undefined || meta.labels !== undefined || meta.annotations !== undefined) return false;
  const namespace = meta.namespace;
  return namespace === undefined || (typeof namespace === 'string' && namespace.length > 0 && namespace === lastLabelNamespace);
}

/** The findings of {@link checkObjectShape}, computed in full. */
export function objectShapeFindings(value: unknown): Finding[] {
  const out: Finding[] = [];
  if (!isPlainObject(value)) {
    out.push(finding(RULES.objectShape, DOCUMENT_FIELD, `${what(value)} is not a Kubernetes object, so kubectl rejects the file`,
      'write an object (a mapping with apiVersion, kind and metadata), or remove the value'));
    return out;
  }
  if (unset(value.apiVersion) && unset(value.kind)) {
    // not a manifest at all (another tool's configuration, a values file): one finding, not one per field
    out.push(finding(RULES.objectShape, DOCUMENT_FIELD, 'the mapping has neither apiVersion nor kind, so it is not a Kubernetes object and kubectl rejects the file',
      'lint only Kubernetes manifests (leave other YAML files out of the paths given), or add apiVersion, kind and metadata'));
    return out;
  }
  // (each key read by name: every kind of object comes through here, and a read by a variable key is the slow one)
  checkTypeMeta(TYPE_META_KEYS[0], value.apiVersion, out);
  checkTypeMeta(TYPE_META_KEYS[1], value.kind, out);
  const meta = value.metadata;
  if (meta === undefined || meta === null) {
    out.push(finding(RULES.objectMeta, 'metadata', 'metadata is not set, so the object has no name and kubectl rejects it', 'add metadata with a name'));
    return out;
  }
  if (!isPlainObject(meta)) {
    out.push(finding(RULES.objectMeta, 'metadata', `metadata is ${what(meta)}, not a mapping, so kubectl rejects the object`, 'write metadata as a mapping with a name'));
    return out;
  }
  checkNameField(NAME_KEYS[0], meta.name, out);
  checkNameField(NAME_KEYS[1], meta.generateName, out);
  checkNameField(NAME_KEYS[2], meta.namespace, out);
  if ((meta.name === undefined || meta.name === null || meta.name === '') && (typeof meta.generateName !== 'string' || meta.generateName === '')) {
    out.push(finding(RULES.objectMeta, 'metadata.name', 'metadata.name is not set, so kubectl rejects the object', 'give the object a name'));
  }
  // (objects share a few namespaces: the last one found a label is not checked again)
  if (typeof meta.namespace === 'string' && meta.namespace !== '' && meta.namespace !== lastLabelNamespace) {
    const problem = checkDns1123Label(meta.namespace);
    if (problem === undefined) lastLabelNamespace = meta.namespace;
    if (problem) {
      out.push(finding(RULES.objectMeta, 'metadata.namespace', `namespace "${meta.namespace}" ${problem}, so the API server rejects the object`,
        'use a namespace name of lower-case letters, digits and "-"'));
    }
  }
  const podChecksOwn = value.kind === 'Pod';
  const labels = meta.labels;
  if (labels !== undefined && labels !== null) checkStringMap(MAP_KEYS[0], labels, podChecksOwn, out);
  const annotations = meta.annotations;
  if (annotations !== undefined && annotations !== null) checkStringMap(MAP_KEYS[1], annotations, podChecksOwn, out);
  return out;
}

function unset(v: unknown): boolean {
  return v === undefined || v === null;
}

/** The namespace of the last object whose namespace was a DNS-1123 label. */
let lastLabelNamespace: string | undefined;

/** apiVersion or kind: set, and a non-empty string. */
function checkTypeMeta(key: (typeof TYPE_META_KEYS)[number], v: unknown, out: Finding[]): void {
  if (v === undefined || v === null) {
    out.push(finding(RULES.objectShape, key, `${key} is not set, so kubectl rejects the object`, `set ${key} (for example ${key === 'kind' ? 'kind: Pod' : 'apiVersion: v1'})`));
  } else if (typeof v !== 'string' || v.length === 0) {
    out.push(finding(RULES.objectShape, key, `${key} is ${what(v)}, not a name, so kubectl rejects the object`, `write ${key} as a non-empty string`));
  }
}

/** metadata.name, generateName or namespace: a string when set. */
function checkNameField(key: (typeof NAME_KEYS)[number], v: unknown, out: Finding[]): void {
  if (v !== undefined && v !== null && typeof v !== 'string') {
    out.push(finding(RULES.objectMeta, `metadata.${key}`, `metadata.${key} is ${what(v)}, not a string, so kubectl rejects the object`, quoteFix(key, v)));
  }
}

/** metadata.labels or annotations (set): a mapping of strings. */
function checkStringMap(key: (typeof MAP_KEYS)[number], map: unknown, podChecksOwn: boolean, out: Finding[]): void {
  if (!isPlainObject(map)) {
    out.push(finding(RULES.objectMeta, `metadata.${key}`, `metadata.${key} is ${what(map)}, not a mapping, so kubectl rejects the object`,
      `write ${key} as a mapping of names to strings`));
    return;
  }
  let bad: string[] | undefined; // (sorted for the findings' order: only keys with a value that is not a string)
  // (the own keys as Object.keys lists them, without the list)
  for (const k in map) if (Object.prototype.hasOwnProperty.call(map, k) && typeof map[k] !== 'string') (bad ??= []).push(k);
  for (const k of bad?.sort() ?? []) {
    const v = map[k];
    if (key === 'annotations' && podChecksOwn && POD_ANNOTATION_PREFIXES.some(p => k.startsWith(p))) continue;
    out.push(finding(RULES.objectMeta, `metadata.${key}[${k}]`, `the value is ${what(v)}, not a string, so kubectl rejects the object`, quoteFix(k, v)));
  }
}

/** How to make a value a string. */
function quoteFix(key: string, v: unknown): string {
  if (typeof v === 'boolean') return 'quote the value (kubectl reads unquoted y, n, yes, no, on, off, true and false as booleans)';
  if (typeof v === 'number') return `quote it: ${key}: "${String(v)}"`;
  return `write ${key} as a string`;
}

/** `the string "hello"`, `the number 42`, `a list`, `null`. */
function what(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `a list (${describe(v)})`;
  if (typeof v === 'string') return `the string ${describe(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `the ${typeof v} ${String(v)}`;
  if (isPlainObject(v)) return `a mapping (${describe(v)})`;
  return `a ${typeof v}`;
}
