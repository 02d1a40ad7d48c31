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
  const seen = new Map<string, ObjectIdentity<T>>();
  for (const o of objects) {
    const smc = o.kind === 'SpiderMultusConfig';
    const kind = smc ? 'NetworkAttachmentDefinition' : o.kind;
    const apiVersion = smc ? NAD_API_VERSION : o.apiVersion ?? '';
    const key = `${apiVersion}\u0000${kind}\u0000${o.namespace ?? ''}\u0000${o.name}`;
    const first = seen.get(key);
    if (first) {
      out.set(o, [duplicateObjectFinding(o.kind, `${o.namespace ? `${o.namespace}/` : ''}${o.name}`, describe(first, o))]);
    } else {
      seen.set(key, o);
    }
  }
  return out;
}

/** The MV097 finding of an object `kind` `qualifiedName` that `first` already defines. */
export function duplicateObjectFinding(kind: string, qualifiedName: string, first: string): Finding {
  return finding(RULES.duplicateObject, 'metadata.name', `${kind} "${qualifiedName}" is also defined by ${first}; applying both keeps only one`,
    'give one of them another name (or namespace)');
}
