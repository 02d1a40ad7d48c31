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
  // (objects of a set share a few apiVersion, kind and namespace triples, which come interleaved: the names of the
  // last few triples without a NUL are kept at hand, so such a triple is neither searched for NUL nor looked up again)
  private readonly recent: Array<NameGroup<T>> = [];
  private nextRecent = 0;

  /**
   * Records `owner` as the object of this identity unless one is recorded already; returns that first one.
   * `namespace` undefined and "" are the same (no namespace), as are `apiVersion` undefined and "".
   */
  public add(apiVersion: string | undefined, kind: string, namespace: string | undefined, name: string, owner: T): T | undefined {
    const smc = kind === 'SpiderMultusConfig';
    const k = smc ? 'NetworkAttachmentDefinition' : kind;
    const v = smc ? NAD_API_VERSION : apiVersion ?? '';
    const ns = namespace ?? '';
    let names: Map<string, T> | undefined;
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const g = recent[i];
      if (g.kind === k && g.apiVersion === v && g.namespace === ns) {
        names = g.names;
        break;
      }
    }
    if (names === undefined && !hasNul(v) && !hasNul(k) && !hasNul(ns)) {
      names = child(child(child(this.seen, v), k), ns);
      const g = new NameGroup(v, k, ns, names);
      if (recent.length < RECENT_GROUPS) {
        recent.push(g);
      } else {
        recent[this.nextRecent] = g;
        this.nextRecent = (this.nextRecent + 1) % RECENT_GROUPS;
      }
    }
    if (names === undefined || hasNul(name)) {
      const key = `${v}\u0000${k}\u0000${ns}\u0000${name}`;
      const joined = (this.joined ??= new Map());
      const first = joined.get(key);
      if (first === undefined) joined.set(key, owner);
      return first;
    }
    const first = names.get(name);
    if (first === undefined) names.set(name, owner);
    return first;
  }
}

/** How many apiVersion, kind and namespace triples {@link ObjectIdentityIndex} keeps at hand. */
const RECENT_GROUPS = 8;

/** The names seen of one apiVersion, kind and namespace (none with a NUL). */
class NameGroup<T> {
  constructor(readonly apiVersion: string, readonly kind: string, readonly namespace: string, readonly names: Map<string, T>) {}
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
