import { Construct } from 'constructs';
import { IMacvlanNetwork, MacvlanNetwork, MacvlanNetworkProps } from './macvlan-network';
import { networkPropsShape } from './shapes';
import { OverlayHelperPlugin } from '../cni/helper-plugins';
import { IpamType } from '../cni/ipam-options';
import { checkConstructorArgs, instanceOf } from '../shape';

const OVERLAY = Symbol.for('cdk8s-macvlan.MacvlanOverlayNetwork');

const PROPS_SHAPE = networkPropsShape('MacvlanOverlayNetworkProps', instanceOf(OverlayHelperPlugin, 'OverlayHelperPlugin',
  'OverlayHelperPlugin.coordinator(), OverlayHelperPlugin.spidernetRouter({...}) or OverlayHelperPlugin.none()'));

/** Props of {@link MacvlanOverlayNetwork}. */
export interface MacvlanOverlayNetworkProps extends MacvlanNetworkProps {
  /**
   * The route helper chained after macvlan.
   * The coordinator needs an IP address on the NIC, so a layer-2-only network (`Ipam.none()`) gets none by default.
   * @default OverlayHelperPlugin.coordinator(), or OverlayHelperPlugin.none() with `Ipam.none()`
   */
  readonly helper?: OverlayHelperPlugin;
}

/**
 * An overlay macvlan network: an extra NIC beside the cluster CNI's eth0. A standalone network is not one, so
 * the compiler refuses it where an overlay network is required.
 */
export interface IMacvlanOverlayNetwork extends IMacvlanNetwork {
  /** Always true: marks the overlay kind (a standalone network has no such member). */
  readonly isOverlay: boolean;
}

/**
 * A macvlan network attached as an extra NIC (net1, net2, ...) beside the cluster CNI's eth0
 * (`k8s.v1.cni.cncf.io/networks`). The coordinator runs in overlay mode. It can never be a pod's default
 * network, and a pod using it can only add further overlay networks.
 */
export class MacvlanOverlayNetwork extends MacvlanNetwork implements IMacvlanOverlayNetwork {
  /**
   * True if `x` is a MacvlanOverlayNetwork (works across copies of this library and for JavaScript callers).
   * @param x any value
   */
  public static isMacvlanOverlayNetwork(x: any): x is MacvlanOverlayNetwork {
    return x !== null && typeof x === 'object' && OVERLAY in x;
  }

  /** Always true (the overlay kind). */
  public readonly isOverlay: boolean = true;

  /** Keeps the type nominal: a standalone network is not assignable to an overlay one. */
  private readonly overlayNetworkBrand = true;

  constructor(scope: Construct, id: string, props: MacvlanOverlayNetworkProps) {
    checkConstructorArgs(scope, id, props, PROPS_SHAPE, 'new MacvlanOverlayNetwork()');
    super(scope, id, props, 'overlay', (props.helper ?? (props.ipam?.type === IpamType.NONE ? OverlayHelperPlugin.none() : defaultHelper())));
    Object.defineProperty(this, OVERLAY, { value: this.overlayNetworkBrand });
  }
}

let sharedHelper: OverlayHelperPlugin | undefined;

/**
 * The default helper (the coordinator with Spiderpool's defaults), one for every network: a helper is immutable
 * and a network keeps only its model.
 */
function defaultHelper(): OverlayHelperPlugin {
  return sharedHelper ??= OverlayHelperPlugin.coordinator();
}
