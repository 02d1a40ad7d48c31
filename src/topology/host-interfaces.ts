import { checkShape, obj, opt, str } from '../shape';

/** Who creates the bond and the VLAN sub-interfaces on the hosts. */
export enum HostInterfacesKind {
  /** A kubernetes-nmstate NodeNetworkConfigurationPolicy. */
  NMSTATE = 'nmstate',
  /** Spiderpool's `ifacer` plugin, at pod start, configured through SpiderMultusConfig objects. */
  SPIDERPOOL_IFACER = 'spiderpool-ifacer',
  /** Nobody: the interfaces already exist on every selected node. */
  PRE_EXISTING = 'pre-existing',
}

/** Options of {@link HostInterfaces.nmstate}. */
export interface NmstateHostInterfacesOptions {
  /**
   * Name of the NodeNetworkConfigurationPolicy.
   * @default "<bond>-vlans"
   */
  readonly policyName?: string;
  /**
   * How many nodes nmstate reconfigures at once: a number or a percentage such as `"25%"`.
   * @default - nmstate's default ("50%")
   */
  readonly maxUnavailable?: string;
}

const NMSTATE_OPTIONS = obj('NmstateHostInterfacesOptions', { policyName: opt(str('bond0-vlans')), maxUnavailable: opt(str('25%')) });

/**
 * How the host side of a {@link VlanTopology} (bond and VLAN sub-interfaces) comes into being.
 */
export class HostInterfaces {
  /**
   * A kubernetes-nmstate NodeNetworkConfigurationPolicy creates the bond and the VLAN sub-interfaces (the default).
   * @param options the policy's name and how many nodes it reconfigures at once
   */
  public static nmstate(options: NmstateHostInterfacesOptions = {}): HostInterfaces {
    checkShape(options, NMSTATE_OPTIONS, { call: 'HostInterfaces.nmstate()' }, 'options');
    return new HostInterfaces(HostInterfacesKind.NMSTATE, options);
  }

  /**
   * Spiderpool's `ifacer` plugin creates the bond and `<bond>.<id>` when a pod starts. Each network becomes
   * a SpiderMultusConfig, from which Spiderpool generates the NetworkAttachmentDefinition of the same name.
   */
  public static spiderpoolIfacer(): HostInterfaces {
    return new HostInterfaces(HostInterfacesKind.SPIDERPOOL_IFACER, {});
  }

  /** The bond and VLAN sub-interfaces already exist on the nodes: nothing is synthesized for the hosts. */
  public static preExisting(): HostInterfaces {
    return new HostInterfaces(HostInterfacesKind.PRE_EXISTING, {});
  }

  /** Which mechanism. */
  public readonly kind: HostInterfacesKind;
  /** NodeNetworkConfigurationPolicy name (nmstate only; undefined means the default). */
  public readonly policyName?: string;
  /** nmstate `maxUnavailable` (nmstate only). */
  public readonly maxUnavailable?: string;

  private constructor(kind: HostInterfacesKind, options: NmstateHostInterfacesOptions) {
    this.kind = kind;
    this.policyName = options.policyName;
    this.maxUnavailable = options.maxUnavailable;
  }
}
