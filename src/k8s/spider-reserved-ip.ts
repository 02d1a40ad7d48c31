import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { OPEN_OBJECT, checkConstructorArgs, obj, req } from '../shape';
import { dropChartNamespace } from './cluster-scoped';

/** Spec of a Spiderpool `SpiderReservedIP` (v2beta1). Field names follow the CRD. */
export interface SpiderReservedIpSpec {
  /**
   * 4 or 6.
   * @default - Spiderpool's webhook takes the family of `ips[0]`
   */
  readonly ipVersion?: number;
  /**
   * Addresses no pool hands out: single IPs or `a-b` ranges of one family.
   * @default - none
   */
  readonly ips?: string[];
}

/** Props of {@link SpiderReservedIp}. */
export interface SpiderReservedIpProps {
  /** Object metadata (cluster-scoped: no namespace). */
  readonly metadata: ApiObjectMetadata;
  /** The spec. */
  readonly spec: SpiderReservedIpSpec;
}

/** The props' shape (the metadata is cdk8s', what the spec says is for the rules). */
const PROPS_SHAPE = obj('SpiderReservedIpProps', { metadata: req(OPEN_OBJECT), spec: req(OPEN_OBJECT) });

/**
 * A Spiderpool `SpiderReservedIP` (`spiderpool.spidernet.io/v2beta1`, cluster-scoped), hand-written and thin:
 * addresses that no SpiderIPPool of the family hands out, whatever the pools' `ips` say.
 */
export class SpiderReservedIp extends ApiObject {
  /** Group, version and kind. */
  public static readonly GVK: GroupVersionKind = { apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderReservedIP' };

  constructor(scope: Construct, id: string, props: SpiderReservedIpProps) {
    checkConstructorArgs(scope, id, props, PROPS_SHAPE, 'new k8s.SpiderReservedIp()');
    // (fields listed, not spread: V8 gives each object of a `{ ...x, key }` literal a hidden class of its own)
    super(scope, id, {
      apiVersion: SpiderReservedIp.GVK.apiVersion,
      kind: SpiderReservedIp.GVK.kind,
      metadata: props.metadata,
      spec: props.spec,
    });
    dropChartNamespace(this);
  }
}
