import { ApiObjectMetadataDefinition } from 'cdk8s';

/**
 * A number that changes when an ApiObject's annotations change (written after construction through
 * `metadata.addAnnotation`): 0 without annotations, else a hash of every key and value. Read at each validation
 * pass for the objects whose `object()` includes their annotations; only objects that have some pay the hash.
 */
export function annotationsVersion(metadata: ApiObjectMetadataDefinition): number {
  // (cdk8s keeps them in the metadata's `annotations` map; read without rendering the metadata)
  const map = (metadata as unknown as { annotations?: unknown }).annotations;
  if (typeof map !== 'object' || map === null) return 0;
  let h = 1;
  let any = false;
  for (const key in map) {
    if (!Object.prototype.hasOwnProperty.call(map, key)) continue;
    any = true;
    h = mix(h, key);
    const value = (map as Record<string, unknown>)[key];
    h = mix(h, typeof value === 'string' ? value : String(value));
  }
  return any ? h + 1 : 0;
}

/** A polynomial hash modulo a prime over the string's UTF-16 units, then a separator (exact in doubles). */
function mix(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = (h * 65599 + s.charCodeAt(i)) % 2147483647;
  return (h * 65599 + 0x10000) % 2147483647;
}
