import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { OPEN_OBJECT, checkConstructorArgs, mapOf, obj, opt, req, str } from '../shape';
import { dropChartNamespace } from './cluster-scoped';

/** Spec of a kubernetes-nmstate NodeNetworkConfigurationPolicy. */
export interface NodeNetworkConfigurationPolicySpec {
  /**
   * Nodes the policy applies to (equality selector).
   * @default - every node
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * How many nodes may be reconfigured at once: a number or a percentage such as `"50%"`.
   * @default "50%" (nmstate default)
   */
  readonly maxUnavailable?: string;
  /** The nmstate desired state (`interfaces`, `routes`, ...), as nmstate spells it. */
  readonly desiredState: { [key: string]: any };
}

/** Props of {@link NodeNetworkConfigurationPolicy}. */
export interface NodeNetworkConfigurationPolicyProps {
  /** Object metadata (cluster-scoped). */
  readonly metadata: ApiObjectMetadata;
  /** The spec. */
  readonly spec: NodeNetworkConfigurationPolicySpec;
}

/** The props' shape (the metadata is cdk8s', what the spec says is for the rules). */
const PROPS_SHAPE = obj('NodeNetworkConfigurationPolicyProps', {
  metadata: req(OPEN_OBJECT),
  spec: req(obj('NodeNetworkConfigurationPolicySpec', { nodeSelector: opt(mapOf(str())), maxUnavailable: opt(str('50%')), desiredState: req(OPEN_OBJECT) })),
});

/** A kubernetes-nmstate `NodeNetworkConfigurationPolicy` (`nmstate.io/v1`, cluster-scoped). */
export class NodeNetworkConfigurationPolicy extends ApiObject {
  /** Group, version and kind. */
  public static readonly GVK: GroupVersionKind = { apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy' };

  constructor(scope: Construct, id: string, props: NodeNetworkConfigurationPolicyProps) {
    checkConstructorArgs(scope, id, props, PROPS_SHAPE, 'new k8s.NodeNetworkConfigurationPolicy()');
    // (fields listed, not spread: V8 gives each object of a `{ ...x, key }` literal a hidden class of its own)
    super(scope, id, {
      apiVersion: NodeNetworkConfigurationPolicy.GVK.apiVersion,
      kind: NodeNetworkConfigurationPolicy.GVK.kind,
      metadata: props.metadata,
      spec: props.spec,
    });
    dropChartNamespace(this);
  }
}
