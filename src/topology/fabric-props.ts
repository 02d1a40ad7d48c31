import { BondProps } from './bond';
import { HostInterfaces } from './host-interfaces';
import { SwitchesProps } from './switches';
import { VlanOffer, VlanSubnetProps } from './vlan';
import { MacvlanMode } from '../cni/macvlan-mode';

/** A VLAN whose networks span the racks of a {@link Fabric}: what is the same in every rack. */
export interface FabricVlanProps {
  /** The 802.1Q VLAN id, 1-4094. The host sub-interface is `<bond>.<id>` on every rack. */
  readonly id: number;
  /**
   * Which macvlan network(s) pods get for this VLAN.
   * @default VlanOffer.STANDALONE
   */
  readonly offer?: VlanOffer;
  /**
   * MTU of the VLAN sub-interface (and of the switch VLANIF) on every rack; at most each rack's bond MTU.
   * @default - the rack's bond MTU
   */
  readonly mtu?: number;
  /**
   * MTU of the pods' macvlan NICs; at most the VLAN MTU.
   * @default - inherit the VLAN sub-interface's MTU
   */
  readonly macvlanMtu?: number;
  /**
   * Macvlan mode of the VLAN's networks.
   * @default MacvlanMode.BRIDGE
   */
  readonly macvlanMode?: MacvlanMode;
  /**
   * Name of the standalone NetworkAttachmentDefinition (one for every rack).
   * @default "macvlan-standalone-vlan<id>"
   */
  readonly standaloneNetworkName?: string;
  /**
   * Name of the overlay NetworkAttachmentDefinition (one for every rack).
   * @default "macvlan-overlay-vlan<id>"
   */
  readonly overlayNetworkName?: string;
}

/** A VLAN as one rack carries it: the rack's own subnet and gateway per family (layer 3 per rack). */
export interface FabricRackVlanProps {
  /** The VLAN id: one of the fabric's `vlans`. */
  readonly id: number;
  /**
   * The rack's IPv4 plan of the VLAN; every rack carrying the VLAN gives it the same families. The pool names
   * default to `vlan<id>-standalone-<rack>-v4` / `vlan<id>-overlay-<rack>-v4`. The gateway, the rack's switch
   * addresses and `reservedIps` go into the rack's SpiderReservedIP `<rack>-reserved-v4` (one for all its VLANs),
   * or into one of their own when `reservedIpName` is given. `nodeAddresses` are the rack's nodes' addresses on
   * the VLAN (nmstate host interfaces only): with `NodeAddresses.perNode()` the rack gets one host policy per
   * listed node (`<policyName>-<rack>-<node>`), so list every node of the rack; the addresses are kept out of the
   * rack's derived pool ranges.
   * @default - no IPv4
   */
  readonly ipv4?: VlanSubnetProps;
  /**
   * The rack's IPv6 plan of the VLAN. The pool names default to `vlan<id>-standalone-<rack>-v6` /
   * `vlan<id>-overlay-<rack>-v6`; reserved addresses as for `ipv4`, in `<rack>-reserved-v6`.
   * @default - no IPv6
   */
  readonly ipv6?: VlanSubnetProps;
}

/** One rack of a {@link Fabric}: its nodes, the VLANs it carries with its own subnets, optionally its own bond. */
export interface FabricRackProps {
  /**
   * The rack's name, a DNS-1123 label, part of its pools' and host policy's names (e.g. `rack1`).
   */
  readonly name: string;
  /**
   * The labels only this rack's nodes carry (equality selector), e.g. `{ "topology.kubernetes.io/rack": "rack1" }`:
   * the host policy's nodeSelector and the nodeAffinity of the rack's pools. No node may match two racks.
   */
  readonly nodeSelector: { [key: string]: string };
  /** The VLANs the rack carries, each with the rack's subnet and gateway (the rack switch's VLANIF address). */
  readonly vlans: FabricRackVlanProps[];
  /**
   * The rack's bond, when its nodes differ from the fabric's (other NICs, mode, options, MTU). Its name must be
   * the fabric's: the networks' master `<bond>.<id>` is one interface name on every node.
   * @default - the fabric's bond
   */
  readonly bond?: BondProps;
  /**
   * The rack's switches: one switch, or a redundant pair (MLAG with a peer link and a first-hop redundancy
   * gateway, or a stack), with the node ports. Read by {@link Fabric.switchPlan} and the switch configurations.
   * @default - one switch named "<rack>-switch", every bond member cabled to it, its VLANIF addresses the gateways
   */
  readonly switches?: SwitchesProps;
  /**
   * How many nodes the rack has: a DaemonSet placed on the rack runs one pod per node (its address demand).
   * @default - unknown
   */
  readonly nodeCount?: number;
}

/** Props of {@link Fabric}. */
export interface FabricProps {
  /** The bond of every rack's nodes (a rack may override it, keeping the name). */
  readonly bond: BondProps;
  /** The VLANs whose networks span the racks (one NetworkAttachmentDefinition per offer each). */
  readonly vlans: FabricVlanProps[];
  /** The racks, each with its nodes and its subnets per VLAN. */
  readonly racks: FabricRackProps[];
  /**
   * Who creates the bond and the VLAN sub-interfaces: one nmstate policy per rack (or per node with static node
   * addresses), Spiderpool ifacer (each network becomes a SpiderMultusConfig carrying the fabric's bond and every
   * rack's pools, so no rack may have a bond of its own), or nobody (pre-existing).
   * @default HostInterfaces.nmstate()
   */
  readonly hostInterfaces?: HostInterfaces;
  /**
   * Namespace of the NetworkAttachmentDefinitions.
   * @default "kube-system"
   */
  readonly namespace?: string;
  /**
   * Capacity warning threshold (rule MV171) of every pool of the fabric, percent of its addresses.
   * @default 90
   */
  readonly capacityWarnPercent?: number;
}

/** Options of {@link Fabric.placeWorkload}. */
export interface FabricPlacementOptions {
  /**
   * The racks the pods may run on, by name.
   * @default - every rack of the fabric
   */
  readonly racks?: string[];
}
