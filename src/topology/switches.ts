/**
 * What the user says about a rack's switches: one switch, or a redundant pair (MLAG or stack), how the bond
 * members are cabled, the peer link, the node ports and the first-hop gateway. Shared by `VlanTopology`
 * (prop `switches`) and the multi-rack fabric (per rack); `buildRackSwitchPlan()` turns it into a
 * {@link SwitchRackPlan}.
 */
// declared beside the rules that read them; exported here, where users meet them (jsii needs an `export *` path)
import { FirstHopRedundancy, SwitchRedundancy } from '../rules/switch-kinds';
export * from '../rules/switch-kinds';

/** The switch ports of one node, for the port-channel configuration. */
export interface SwitchNodePortsProps {
  /** The node's name (used in port descriptions; unique in the rack). */
  readonly node: string;
  /**
   * The switch port each bond member of the node is cabled to, in bond member order (the port is on the
   * switch that member is cabled to, see `SwitchesProps.cabling`), e.g. `['10GE1/0/1', '10GE1/0/1']` for the
   * same port number on both switches of a pair.
   */
  readonly ports: string[];
  /**
   * The node's port-channel / Eth-Trunk id (with MLAG the same id on both switches, also its vPC / MLAG /
   * M-LAG id).
   * @default - `firstPortChannelId` plus the node's index in `nodes`
   */
  readonly portChannelId?: number;
}

/** The peer link of an MLAG pair and the pair's control settings. */
export interface SwitchPeerLinkProps {
  /** The ports joining the two switches (the same port names on both), aggregated into one port channel. */
  readonly ports: string[];
  /**
   * The peer link's port-channel / Eth-Trunk id.
   * @default 1
   */
  readonly portChannelId?: number;
  /**
   * VLANs the peer link carries. It must carry every VLAN of the rack (rule MV211).
   * @default - every VLAN of the rack
   */
  readonly allowedVlans?: number[];
  /**
   * MLAG domain id (Cisco `vpc domain`; Arista `domain-id <rack>-<id>`). Huawei's DFS group id is always 1.
   * @default 1
   */
  readonly domainId?: number;
  /**
   * The VLAN of the pair's control traffic between the switches: the Arista MLAG peer VLAN, whose interface
   * holds the keepalive addresses; not one of the rack's VLANs (the Arista configuration refuses that). Huawei
   * and Cisco configurations do not use it.
   * @default 4094
   */
  readonly peerVlan?: number;
  /**
   * One keepalive address per switch, in switch order, with prefix: on Arista EOS the address of the peer VLAN
   * interface (written by the configuration); on Cisco NX-OS the mgmt0 addresses (vPC peer-keepalive in VRF
   * management) and on Huawei VRP the DFS group's source and peer addresses, both configured outside this
   * configuration.
   * @default ["169.254.0.1/30", "169.254.0.2/30"]
   */
  readonly keepaliveAddresses?: string[];
}

/** The real (per-switch) addresses of one VLAN's gateway interfaces on an MLAG pair. */
export interface SwitchGatewayAddressProps {
  /** The VLAN id. */
  readonly vlanId: number;
  /**
   * One IPv4 address per switch, in switch order, inside the VLAN's IPv4 subnet.
   * @default - the first two host addresses of the subnet that are not the gateway
   */
  readonly ipv4?: string[];
  /**
   * One IPv6 address per switch, in switch order, inside the VLAN's IPv6 subnet.
   * @default - the first two host addresses of the subnet that are not the gateway
   */
  readonly ipv6?: string[];
}

/** The switches of a rack. */
export interface SwitchesProps {
  /**
   * The switch names (host name / sysname, names each configuration): one switch, or two for a redundant
   * pair. The first switch of a pair is the preferred gateway.
   */
  readonly names: string[];
  /**
   * How the two switches of a pair act as one (ignored for one switch).
   * @default SwitchRedundancy.MLAG
   */
  readonly redundancy?: SwitchRedundancy;
  /**
   * Which switch each bond member NIC is cabled to: NIC name to switch name, every member listed.
   * @default - one switch: every member; a pair: the members alternate, the first to the first switch, the second to the second
   */
  readonly cabling?: { [nic: string]: string };
  /**
   * The peer link of an MLAG pair (required for MLAG; not allowed otherwise).
   * @default - none
   */
  readonly peerLink?: SwitchPeerLinkProps;
  /**
   * The nodes and their switch ports, for the port-channel configuration.
   * @default - none: the configurations describe the node ports in comments
   */
  readonly nodes?: SwitchNodePortsProps[];
  /**
   * The port-channel id of the first node in `nodes`; the next nodes count up.
   * @default 10
   */
  readonly firstPortChannelId?: number;
  /**
   * The first-hop redundancy protocol of an MLAG pair's gateways (VRRP on every vendor, HSRP only on Cisco
   * NX-OS, VARP on Arista EOS and, as the M-LAG dual-active gateway, on Huawei VRP).
   * @default FirstHopRedundancy.VRRP
   */
  readonly firstHopRedundancy?: FirstHopRedundancy;
  /**
   * VRRP virtual router id (1-255) / HSRP group (0-4095), the same on every VLAN interface (groups are
   * per interface).
   * @default 1
   */
  readonly firstHopGroupId?: number;
  /**
   * The switches' real addresses per VLAN (MLAG pair only), for the VLANs whose defaults do not fit.
   * @default - per VLAN and family, the first two host addresses of the subnet that are not the gateway
   */
  readonly gatewayAddresses?: SwitchGatewayAddressProps[];
}
