import { Construct } from 'constructs';
import { IMacvlanNetwork, MacvlanNetwork, MacvlanNetworkProps } from './macvlan-network';
import { networkPropsShape } from './shapes';
import { StandaloneHelperPlugin } from '../cni/helper-plugins';
import { IpamType } from '../cni/ipam-options';
import { checkConstructorArgs, instanceOf } from '../shape';

const STANDALONE = Symbol.for('cdk8s-macvlan.MacvlanStandaloneNetwork');

const PROPS_SHAPE = networkPropsShape('MacvlanStandaloneNetworkProps', instanceOf(StandaloneHelperPlugin, 'StandaloneHelperPlugin',
  'StandaloneHelperPlugin.coordinator(), StandaloneHelperPlugin.spidernetVeth({...}) or StandaloneHelperPlugin.none()'));

/** Props of {@link MacvlanStandaloneNetwork}. */
export interface MacvlanStandaloneNetworkProps extends MacvlanNetworkProps {
  /**
   * The route helper chained after macvlan.
   * The coordinator needs an IP address on the NIC, so a layer-2-only network (`Ipam.none()`) gets none by default.
   * @default StandaloneHelperPlugin.coordinator(), or StandaloneHelperPlugin.none() with `Ipam.none()`
   */
  readonly helper?: StandaloneHelperPlugin;
}

/**
 * A standalone macvlan network: one that can be a pod's eth0 (`v1.multus-cni.io/default-network`). An overlay
 * network is not one, so the compiler refuses it where a standalone network is required.
 */
export interface IMacvlanStandaloneNetwork extends IMacvlanNetwork {
  /** Always true: marks the standalone kind (an overlay network has no such member). */
  readonly isStandalone: boolean;
}

/**
 * A macvlan network that becomes the pod's eth0 (`v1.multus-cni.io/default-network`), replacing the cluster
 * CNI for that pod. The coordinator runs in underlay mode (a veth pair to the node, so the pod still reaches
 * ClusterIP services). A pod may add further standalone networks, never overlay ones.
 */
export class MacvlanStandaloneNetwork extends MacvlanNetwork implements IMacvlanStandaloneNetwork {
  /**
   * True if `x` is a MacvlanStandaloneNetwork (works across copies of this library and for JavaScript callers).
   * @param x any value
   */
  public static isMacvlanStandaloneNetwork(x: any): x is MacvlanStandaloneNetwork {
    return x !== null && typeof x === 'object' && STANDALONE in x;
  }

  /** Always true (the standalone kind). */
  public readonly isStandalone: boolean = true;

  /** Keeps the type nominal: an overlay network is not assignable to a standalone one. */
  private readonly standaloneNetworkBrand = true;

  constructor(scope: Construct, id: string, props: MacvlanStandaloneNetworkProps) {
    checkConstructorArgs(scope, id, props, PROPS_SHAPE, 'new MacvlanStandaloneNetwork()');
    super(scope, id, props, 'underlay', (props.helper ?? (props.ipam?.type === IpamType.NONE ? StandaloneHelperPlugin.none() : defaultHelper())));
    Object.defineProperty(this, STANDALONE, { value: this.standaloneNetworkBrand });
  }
}

let sharedHelper: StandaloneHelperPlugin | undefined;

/**
 * The default helper (the coordinator with Spiderpool's defaults), one for every network: a helper is immutable
 * and a network keeps only its model.
 */
function defaultHelper(): StandaloneHelperPlugin {
  return sharedHelper ??= StandaloneHelperPlugin.coordinator();
}
