/** Rules across every object of a manifest set (lint) or of an app (synth). */
import { Finding, RULES, finding } from './catalog';

/** The NAD a SpiderMultusConfig generates has this apiVersion. */
const NAD_API_VERSION = 'k8s.cni.cncf.io/v1';

/** An object as the cross-object rules see it. */
export interface ObjectIdentity<T> {
  readonly apiVersion?: string;
  /** The kind (a SpiderMultusConfig counts as the NetworkAttachmentDefinition it generates). */
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** Who defines it, as the finding names it (`document 3`, a construct path). */
  readonly owner: T;
}

/**
 * MV097: the same object (apiVersion, kind, namespace, name) defined twice: applying both keeps only one.
 * Returns the findings of each later definition, keyed by its entry; `describe` names the first one.
 */
export function checkDuplicateObjects<T>(objects: readonly ObjectIdentity<T>[],
  describe: (first: ObjectIdentity<T>, later: ObjectIdentity<T>) => string): Map<ObjectIdentity<T>, Finding[]> {
  const out = new Map<ObjectIdentity<T>, Finding[]>();
  const index = new ObjectIdentityIndex<ObjectIdentity<T>>();
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    const first = index.add(o.apiVersion, o.kind, o.namespace, o.name, o);
    if (first) out.set(o, [duplicateObjectFinding(o.kind, o.namespace, o.name, describe(first, o))]);
  }
  return out;
}

/**
 * The objects seen so far by identity (apiVersion, kind, namespace, name; a SpiderMultusConfig as the NAD it
 * generates), for MV097 one object at a time: {@link checkDuplicateObjects} is a loop over {@link add}, and a pass
 * that visits each object once can call it there, without a list of identities.
 */
export class ObjectIdentityIndex<T> {
  // by apiVersion, kind, namespace and name, without building a key per object; the identities with a NUL in a part
  // by the parts joined with NULs (as one key: they can only be equal to each other that way)
  private readonly seen = new Map<string, Map<string, Map<string, Map<string, T>>>>();
  private joined: Map<string, T> | undefined = undefined;
  // (objects of a set share a few apiVersions, kinds and namespaces: the last ones without a NUL are not searched
  // again, and the names of the last apiVersion, kind and namespace are not looked up again)
  private cleanApiVersion: string | undefined = undefined;
  private cleanKind: string | undefined = undefined;
  private cleanNamespace: string | undefined = undefined;
  private lastApiVersion: string | undefined = undefined;
  private lastKind: string | undefined = undefined;
  private lastNamespace: string | undefined = undefined;
  private lastNames: Map<string, T> | undefined = undefined;

  /**
   * Records `owner` as the object of this identity unless one is recorded already; returns that first one.
   * `namespace` undefined and "" are the same (no namespace), as are `apiVersion` undefined and "".
   */
  public add(apiVersion: string | undefined, kind: string, namespace: string | undefined, name: string, owner: T): T | undefined {
    const smc = kind === 'SpiderMultusConfig';
    const k = smc ? 'NetworkAttachmentDefinition' : kind;
    const v = smc ? NAD_API_VERSION : apiVersion ?? '';
    const ns = namespace ?? '';
    if ((v !== this.cleanApiVersion && hasNul(v)) || (k !== this.cleanKind && hasNul(k))
      || (ns !== this.cleanNamespace && hasNul(ns)) || hasNul(name)) {
      const key = `${v}\u0000${k}\u0000${ns}\u0000${name}`;
      const joined = (this.joined ??= new Map());
      const first = joined.get(key);
      if (first === undefined) joined.set(key, owner);
      return first;
    }
    this.cleanApiVersion = v;
    this.cleanKind = k;
    this.cleanNamespace = ns;
    let names = this.lastNames;
    if (names === undefined || v !== this.lastApiVersion || k !== this.lastKind || ns !== this.lastNamespace) {
      names = this.lastNames = child(child(child(this.seen, v), k), ns);
      this.lastApiVersion = v;
      this.lastKind = k;
      this.lastNamespace = ns;
    }
    const first = names.get(name);
    if (first === undefined) names.set(name, owner);
    return first;
  }
}

function hasNul(text: string): boolean {
  return text.indexOf('\u0000') >= 0;
}

/** The map under `key`, made when missing. */
function child<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let m = map.get(key);
  if (!m) map.set(key, (m = new Map()));
  return m;
}

/** The MV097 finding of an object `kind` `name` (in `namespace`, if any) that `first` already defines. */
export function duplicateObjectFinding(kind: string, namespace: string | undefined, name: string, first: string): Finding {
  return finding(RULES.duplicateObject, 'metadata.name', `${kind} "${namespace ? `${namespace}/` : ''}${name}" is also defined by ${first}; applying both keeps only one`,
    'give one of them another name (or namespace)');
}
