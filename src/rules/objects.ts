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
  // by apiVersion, kind, namespace and name, without building a key per object; the identities with a NUL in a part
  // by the parts joined with NULs (as one key: they can only be equal to each other that way)
  const seen = new Map<string, Map<string, Map<string, Map<string, ObjectIdentity<T>>>>>();
  let joined: Map<string, ObjectIdentity<T>> | undefined;
  // (objects of a set share a few apiVersions, kinds and namespaces: the last ones without a NUL are not searched
  // again, and the names of the last apiVersion, kind and namespace are not looked up again)
  let cleanApiVersion: string | undefined;
  let cleanKind: string | undefined;
  let cleanNamespace: string | undefined;
  let lastApiVersion: string | undefined;
  let lastKind: string | undefined;
  let lastNamespace: string | undefined;
  let lastNames: Map<string, ObjectIdentity<T>> | undefined;
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    const smc = o.kind === 'SpiderMultusConfig';
    const kind = smc ? 'NetworkAttachmentDefinition' : o.kind;
    const apiVersion = smc ? NAD_API_VERSION : o.apiVersion ?? '';
    const namespace = o.namespace ?? '';
    const name = o.name;
    let first: ObjectIdentity<T> | undefined;
    if ((apiVersion !== cleanApiVersion && hasNul(apiVersion)) || (kind !== cleanKind && hasNul(kind))
      || (namespace !== cleanNamespace && hasNul(namespace)) || hasNul(name)) {
      const key = `${apiVersion}\u0000${kind}\u0000${namespace}\u0000${name}`;
      first = (joined ??= new Map()).get(key);
      if (!first) joined.set(key, o);
    } else {
      cleanApiVersion = apiVersion;
      cleanKind = kind;
      cleanNamespace = namespace;
      let names = lastNames;
      if (names === undefined || apiVersion !== lastApiVersion || kind !== lastKind || namespace !== lastNamespace) {
        names = lastNames = child(child(child(seen, apiVersion), kind), namespace);
        lastApiVersion = apiVersion;
        lastKind = kind;
        lastNamespace = namespace;
      }
      first = names.get(name);
      if (!first) names.set(name, o);
    }
    if (first) out.set(o, [duplicateObjectFinding(o.kind, `${o.namespace ? `${o.namespace}/` : ''}${name}`, describe(first, o))]);
  }
  return out;
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

/** The MV097 finding of an object `kind` `qualifiedName` that `first` already defines. */
export function duplicateObjectFinding(kind: string, qualifiedName: string, first: string): Finding {
  return finding(RULES.duplicateObject, 'metadata.name', `${kind} "${qualifiedName}" is also defined by ${first}; applying both keeps only one`,
    'give one of them another name (or namespace)');
}
