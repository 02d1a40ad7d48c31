import { Names } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * The name an object gets when the user gives none: cdk8s' stable, hashed DNS label of the construct path
 * (`scope` plus `id`), with every character a DNS-1123 label does not allow turned into "-", so that the
 * default always passes the library's own name rules.
 */
export function defaultObjectName(scope: Construct, id: string): string {
  const raw = Names.toDnsLabel(scope, { extra: [id] });
  return raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '') || 'object';
}
