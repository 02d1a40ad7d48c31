import { MacvlanMode } from '../cni/macvlan-mode';
import { IpPoolRoute } from '../networks';
import { NodeAddresses } from './node-addresses';

// declared beside the rules that read it; exported here, where users meet it (jsii needs an `export *` path)
import { VlanOffer } from '../rules/vlan-offer';
export * from '../rules/vlan-offer';

/** The address plan of one IP family of a VLAN. */
export interface VlanSubnetProps {
  /** The VLAN's subnet in canonical CIDR form, e.g. `172.16.100.0/24` or `fd00:100::/64`. */
  readonly subnet: string;
  /** The switch's VLANIF address on this VLAN: the pods' default gateway, inside `subnet`. */
  readonly gateway: string;
  /**
   * Allocatable addresses of the VLAN (single IPs or `a-b` ranges inside the subnet), shared by the
   * offers: with `VlanOffer.BOTH` they are split in two halves (standalone first) unless
   * `standaloneIps`/`overlayIps` are given. When the VLAN has reserved addresses (`reservedIps`) or static
   * node addresses, the pools get these ips without them (and without `excludeIps`).
   * @default - every host address of the subnet except the gateway (and the reserved and node addresses)
   */
  readonly ips?: string[];
  /**
   * Addresses never handed out (single IPs or `a-b` ranges), written to every pool of this family.
   * @default - none
   */
  readonly excludeIps?: string[];
  /**
   * Extra routes for pods (no default route: that is `gateway`).
   * @default - none
   */
  readonly routes?: IpPoolRoute[];
  /**
   * The standalone pool's addresses, when the split of `ips` should not be halves.
   * @default - `ips` (STANDALONE), or with BOTH: the first half of `ips` (or what `overlayIps` leaves)
   */
  readonly standaloneIps?: string[];
  /**
   * The overlay pool's addresses, when the split of `ips` should not be halves.
   * @default - `ips` (OVERLAY), or with BOTH: the second half of `ips` (or what `standaloneIps` leaves)
   */
  readonly overlayIps?: string[];
  /**
   * Addresses of the subnet that no pool may hand out (servers, appliances, virtual IPs on the VLAN): single
   * IPs or `a-b` ranges. They go into the VLAN's SpiderReservedIP of this family together with the gateway, and
   * out of the derived pool ranges; a pool whose `ips` still list one gets a warning (MV203).
   * @default - none (the SpiderReservedIP holds the gateway)
   */
  readonly reservedIps?: string[];
  /**
   * Name of the VLAN's SpiderReservedIP of this family (gateway and `reservedIps`).
   * @default "vlan<id>-reserved-v4" / "vlan<id>-reserved-v6"
   */
  readonly reservedIpName?: string;
  /**
   * The nodes' own addresses on the VLAN sub-interface: `NodeAddresses.perNode({...})` or
   * `NodeAddresses.dhcp()` (kubernetes-nmstate host interfaces only).
   * @default - no node address (the VLAN sub-interface has this family disabled)
   */
  readonly nodeAddresses?: NodeAddresses;
  /**
   * Name of the standalone network's pool of this family.
   * @default "vlan<id>-standalone-v4" / "vlan<id>-standalone-v6"
   */
  readonly standalonePoolName?: string;
  /**
   * Name of the overlay network's pool of this family.
   * @default "vlan<id>-overlay-v4" / "vlan<id>-overlay-v6"
   */
  readonly overlayPoolName?: string;
}

/** One VLAN of a {@link VlanTopology}. */
export interface VlanProps {
  /** The 802.1Q VLAN id, 1-4094. The host sub-interface is `<bond>.<id>`. */
  readonly id: number;
  /**
   * IPv4 plan of the VLAN (at least one of `ipv4` and `ipv6`).
   * @default - no IPv4
   */
  readonly ipv4?: VlanSubnetProps;
  /**
   * IPv6 plan of the VLAN (at least one of `ipv4` and `ipv6`).
   * @default - no IPv6
   */
  readonly ipv6?: VlanSubnetProps;
  /**
   * Which macvlan network(s) pods get for this VLAN.
   * @default VlanOffer.STANDALONE
   */
  readonly offer?: VlanOffer;
  /**
   * MTU of the VLAN sub-interface (and of the switch VLANIF); at most the bond MTU.
   * @default - the bond MTU
   */
  readonly mtu?: number;
  /**
   * MTU of the pods' macvlan NICs; at most the VLAN MTU.
   * @default - inherit the VLAN sub-interface's MTU
   */
  readonly macvlanMtu?: number;
  /**
   * Macvlan mode of the VLAN's networks (Spiderpool's ifacer supports bridge only).
   * @default MacvlanMode.BRIDGE
   */
  readonly macvlanMode?: MacvlanMode;
  /**
   * Name of the standalone NetworkAttachmentDefinition.
   * @default "macvlan-standalone-vlan<id>"
   */
  readonly standaloneNetworkName?: string;
  /**
   * Name of the overlay NetworkAttachmentDefinition.
   * @default "macvlan-overlay-vlan<id>"
   */
  readonly overlayNetworkName?: string;
}
