import { ApiObject } from 'cdk8s';

/** Longest DNS-1123 label: NAD names (Multus' `ns/name` form) and SpiderIPPool names use this form. */
const MAX_LABEL = 63;
/** cdk8s' hash length (the first characters of the construct's address). */
const HASH_LEN = 8;

/**
 * Gives an object the chart's own default name when the user gave none: `Chart.of(obj).generateObjectName(obj)`
 * (the cdk8s naming every other object of the chart gets, with its hash unless the chart sets
 * `disableResourceNameHashes`, and a chart's override of `generateObjectName`). cdk8s keeps "_" and "." from
 * construct ids, which a DNS-1123 label does not allow: they become "-". When hashes are off and that cleaning
 * changed the name, the construct's hash is appended anyway, so two ids that clean alike (`a.b`, `a_b`) never
 * give one name. Call right after `super()`, before anything reads the name; does nothing when `given` is set.
 */
export function applyDefaultObjectName(obj: ApiObject, given: string | undefined): void {
  if (given !== undefined) return;
  const generated = obj.name;
  let name = clean(generated);
  if (name === generated) return;
  const hash = obj.node.addr.slice(0, HASH_LEN);
  if (!name.endsWith(`-${hash}`)) {
    // hashes are off (or the chart's own naming has none): the hash keeps cleaned names apart
    const head = name.slice(0, MAX_LABEL - HASH_LEN - 1).replace(/-+$/, '');
    name = head ? `${head}-${hash}` : hash;
  }
  // ApiObject keeps the name it generated in two places (read-only for users, set once here, before any reader)
  (obj as { name: string }).name = name;
  (obj.metadata as unknown as { name?: string }).name = name;
}

/** "_" and "." as "-", runs of "-" as one, none at either end, at most 63 characters. */
function clean(name: string): string {
  const out = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+/, '').slice(0, MAX_LABEL).replace(/-+$/, '');
  return out || 'object';
}
