import { ApiObjectMetadataDefinition } from 'cdk8s';
import { IConstruct } from 'constructs';
import { IPodMetadata } from './workload';

/** The resolvers every cdk8s App has (Lazy, implicit tokens, number/string unions): a user's come before them. */
const CDK8S_RESOLVERS = 3;

/**
 * The first of `keys` the pod metadata synthesizes (its resolved value is not undefined), in the order of `keys`.
 * This is what `meta.toJson().annotations` says ({@link writtenAnnotationBySynth}); for cdk8s' own metadata class
 * (every cdk8s-plus 2.x pod template of this cdk8s) in an app with only cdk8s' resolvers, it is read from the
 * metadata's annotation map without rendering the metadata (one render per workload was most of `applyTo`): with
 * those resolvers, a synthesized annotation is one of the map's own keys, so a map without any of `keys` gives
 * none. Otherwise (a key is in the map, whose value may resolve to nothing; another metadata class; a resolver of
 * the user's), the metadata is rendered.
 */
export function writtenAnnotation(meta: IPodMetadata, keys: readonly string[]): string | undefined {
  if (!mayHaveAnnotation(meta, keys)) return undefined;
  return writtenAnnotationBySynth(meta, keys);
}

/**
 * {@link writtenAnnotation} by rendering the metadata (the general way; exported for the property test that holds
 * the shortcut to it).
 * @internal
 */
export function writtenAnnotationBySynth(meta: IPodMetadata, keys: readonly string[]): string | undefined {
  const existing = meta.toJson()?.annotations ?? {};
  for (const key of keys) if (existing[key] !== undefined) return key;
  return undefined;
}

/** False only when the rendered metadata is known to have none of `keys` (see {@link writtenAnnotation}). */
function mayHaveAnnotation(meta: IPodMetadata, keys: readonly string[]): boolean {
  if (!(meta instanceof ApiObjectMetadataDefinition)) return true;
  const m = meta as unknown as { annotations?: unknown; apiObject?: IConstruct; _additionalAttributes?: { resolve?: unknown } };
  const map = m.annotations;
  if (map === null || typeof map !== 'object' || Object.getPrototypeOf(map) !== Object.prototype) return true;
  // (the implicit-token resolver would call a `resolve` function of the metadata object or of the map itself)
  if (typeof (map as { resolve?: unknown }).resolve === 'function' || typeof m._additionalAttributes?.resolve === 'function') return true;
  if (!onlyCdk8sResolvers(m.apiObject)) return true;
  for (let i = 0; i < keys.length; i++) if (Object.prototype.hasOwnProperty.call(map, keys[i])) return true;
  return false;
}

/** Whether the app of `obj` resolves with cdk8s' own resolvers only (the root's `resolvers`, as `App.of` finds it). */
function onlyCdk8sResolvers(obj: IConstruct | undefined): boolean {
  if (obj === undefined) return false;
  let root: IConstruct = obj;
  while (root.node.scope) root = root.node.scope; // (node.root builds the list of every scope on the way)
  const resolvers = (root as { resolvers?: unknown }).resolvers;
  return Array.isArray(resolvers) && resolvers.length === CDK8S_RESOLVERS;
}
