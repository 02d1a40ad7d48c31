import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IPodNetworks, OverlayPodNetworks, StandalonePodNetworks } from './pod-networks';
import { checkConstructorArgs, custom, obj, req } from '../shape';

/** Only `networks` is ours: the other props are cdk8s-plus' to check. */
const PROPS_SHAPE = obj('AnnotatedPodProps', {
  networks: req(custom('a PodNetworks set', v => v instanceof StandalonePodNetworks || v instanceof OverlayPodNetworks,
    'pass a set built with PodNetworks.standalone(...) or PodNetworks.overlay(...)')),
}, { openKeys: true });

/** Props of {@link AnnotatedPod}. */
export interface AnnotatedPodProps extends kplus.PodProps {
  /** The pod's macvlan NICs: `PodNetworks.standalone(...)` or `PodNetworks.overlay(...)`. */
  readonly networks: IPodNetworks;
}

/**
 * A cdk8s-plus Pod carrying the Multus and Spiderpool annotations of its {@link PodNetworks}.
 * For Deployments, StatefulSets, DaemonSets and Jobs use `networks.applyTo(workload)`.
 */
export class AnnotatedPod extends kplus.Pod {
  /** The pod's networks. */
  public readonly networks: IPodNetworks;

  constructor(scope: Construct, id: string, props: AnnotatedPodProps) {
    checkConstructorArgs(scope, id, props, PROPS_SHAPE, 'new AnnotatedPod()');
    super(scope, id, props);
    this.networks = props.networks;
    props.networks.applyTo(this);
  }
}
