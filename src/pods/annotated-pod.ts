import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodNetworks } from './pod-networks';

/** Props of {@link AnnotatedPod}. */
export interface AnnotatedPodProps extends kplus.PodProps {
  /** The pod's macvlan NICs: `PodNetworks.standalone(...)` or `PodNetworks.overlay(...)`. */
  readonly networks: PodNetworks;
}

/**
 * A cdk8s-plus Pod carrying the Multus and Spiderpool annotations of its {@link PodNetworks}.
 * For Deployments, StatefulSets, DaemonSets and Jobs use `networks.applyTo(workload)`.
 */
export class AnnotatedPod extends kplus.Pod {
  /** The pod's networks. */
  public readonly networks: PodNetworks;

  constructor(scope: Construct, id: string, props: AnnotatedPodProps) {
    super(scope, id, props);
    if (!(props.networks instanceof Object) || typeof (props.networks as any).applyTo !== 'function') {
      throw new Error(`${this.node.path}: "networks" must be built with PodNetworks.standalone(...) or PodNetworks.overlay(...). Fix: pass a PodNetworks set.`);
    }
    this.networks = props.networks;
    props.networks.applyTo(this);
  }
}
