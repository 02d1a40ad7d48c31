import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { OPEN_OBJECT, checkConstructorArgs, obj, req } from '../shape';
import { dropChartNamespace } from './cluster-scoped';

/** One route of a SpiderIPPool. */
export interface SpiderIpPoolRoute {
  /** Destination CIDR. */
  readonly dst: string;
  /** Next hop, inside the pool's subnet. */
  readonly gw: string;
}

/** A Kubernetes label selector requirement. */
export interface LabelSelectorRequirement {
  /** Label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: string;
  /**
   * Values (for `In`/`NotIn`).
   * @default - none
   */
  readonly values?: string[];
}

/** A Kubernetes label selector. */
export interface LabelSelector {
  /**
   * Labels that must match exactly.
   * @default - none
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Set-based requirements.
   * @default - none
   */
  readonly matchExpressions?: LabelSelectorRequirement[];
}

/**
 * Spec of a Spiderpool `SpiderIPPool` (v2beta1). Field names follow the CRD, except `clusterDefault`, which is
 * the CRD's `default` (a reserved word in Java, C# and Go).
 */
export interface SpiderIpPoolSpec {
  /** 4 or 6. */
  readonly ipVersion: number;
  /** Canonical CIDR of the pool. */
  readonly subnet: string;
  /**
   * Allocatable IPs: single addresses or `a-b` ranges.
   * @default - none (no usable IP)
   */
  readonly ips?: string[];
  /**
   * IPs never allocated.
   * @default - none
   */
  readonly excludeIPs?: string[];
  /**
   * Default gateway handed to pods.
   * @default - none
   */
  readonly gateway?: string;
  /**
   * Extra routes.
   * @default - none
   */
  readonly routes?: SpiderIpPoolRoute[];
  /**
   * NADs (`ns/name`) allowed to use the pool.
   * @default - any
   */
  readonly multusName?: string[];
  /**
   * Node selector.
   * @default - any node
   */
  readonly nodeAffinity?: LabelSelector;
  /**
   * Namespace selector.
   * @default - any namespace
   */
  readonly namespaceAffinity?: LabelSelector;
  /**
   * Pod selector.
   * @default - any pod
   */
  readonly podAffinity?: LabelSelector;
  /**
   * Cluster default pool (the CRD's `spec.default`).
   * @default false
   */
  readonly clusterDefault?: boolean;
}

/** Props of {@link SpiderIpPool}. */
export interface SpiderIpPoolProps {
  /** Object metadata (cluster-scoped: no namespace). */
  readonly metadata: ApiObjectMetadata;
  /** The spec. */
  readonly spec: SpiderIpPoolSpec;
}

/** The props' shape (the metadata is cdk8s', what the spec says is for the rules). */
const PROPS_SHAPE = obj('SpiderIpPoolProps', { metadata: req(OPEN_OBJECT), spec: req(OPEN_OBJECT) });

/** A Spiderpool `SpiderIPPool` (`spiderpool.spidernet.io/v2beta1`, cluster-scoped), hand-written and thin. */
export class SpiderIpPool extends ApiObject {
  /** Group, version and kind. */
  public static readonly GVK: GroupVersionKind = { apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderIPPool' };

  /**
   * The spec as written to the manifest (CRD field names). Subclasses may update it until synth.
   * @internal
   */
  protected readonly _crdSpec: Record<string, any>;

  constructor(scope: Construct, id: string, props: SpiderIpPoolProps) {
    checkConstructorArgs(scope, id, props, PROPS_SHAPE, 'new k8s.SpiderIpPool()');
    const crdSpec = spiderIpPoolCrdSpec(props.spec);
    // (fields listed, not spread: V8 gives each object of a `{ ...x, key }` literal a hidden class of its own)
    super(scope, id, {
      apiVersion: SpiderIpPool.GVK.apiVersion,
      kind: SpiderIpPool.GVK.kind,
      metadata: props.metadata,
      spec: crdSpec,
    });
    this._crdSpec = crdSpec;
    dropChartNamespace(this);
  }
}

/** The spec under the CRD's field names (`clusterDefault` is `default`), with only the fields that are set. */
function spiderIpPoolCrdSpec(spec: SpiderIpPoolSpec): Record<string, any> {
  // (copied key by key: an object made by spread ({ ...rest }) gets a hidden class of its own as soon as a field is
  // added to it later (multusName, when a network binds the pool), and with thousands of pools every rule reading
  // them would run on megamorphic property loads)
  const out: Record<string, any> = {};
  for (const key of Object.keys(spec)) if (key !== 'clusterDefault') out[key] = (spec as unknown as Record<string, unknown>)[key];
  if (spec.clusterDefault !== undefined) out.default = spec.clusterDefault;
  return out;
}
