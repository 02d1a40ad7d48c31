/** The pruned structural schema of one CRD field (what scripts/gen-crd-schemas.ts keeps of openAPIV3Schema). */
export interface SchemaNode {
  readonly type?: string;
  readonly properties?: { readonly [field: string]: SchemaNode };
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly enum?: readonly unknown[];
  readonly nullable?: boolean;
  readonly preserveUnknownFields?: boolean;
  readonly intOrString?: boolean;
}

/** One served version of a vendored CRD. */
export interface CrdSchema {
  /** The CRD's name, e.g. `spiderippools.spiderpool.spidernet.io`. */
  readonly crd: string;
  /** The vendored file it comes from (repository-relative). */
  readonly source: string;
  readonly schema: SchemaNode;
}
