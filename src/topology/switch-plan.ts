/**
 * The switch plan: what the switches must be configured with so that the host side (bond, VLAN
 * sub-interfaces, pools and their gateways) works. Plain data, deterministic, the one input of the Markdown
 * plan (`switch-plan-markdown.ts`) and of the vendor renderers (`switch-config/`).
 *
 * Model (a fabric is a list of racks; `VlanTopology.switchPlan()` is the one-rack case):
 *
 *   SwitchPlan
 *     racks[]: SwitchRackPlan            one per rack (VlanTopology: one, named after the topology's id)
 *       name, nodeSelector               which nodes are cabled to this rack's switches
 *       bond, bondMode, memberNics       the host bond as the nodes run it
 *       aggregation                      LACP / STATIC / NONE (derived from the bond mode)
 *       allowedVlans, mtu                what every node-facing port (channel) carries
 *       switches[]                       one switch, or a redundant pair (index 0 is the preferred gateway)
 *       redundancy?                      MLAG (peer link, first-hop protocol) or STACK; absent for one switch
 *       memberLinks[]                    per bond member NIC: the switch it is cabled to
 *       portChannels[]                   per node (when the user listed nodes and ports): one port channel /
 *                                        Eth-Trunk spanning the member ports on both switches (MLAG)
 *       peerLink?                        MLAG only: ports, port-channel id, allowed VLANs, domain id, peer
 *                                        VLAN and keepalive addresses (one per switch)
 *       firstHop?                        MLAG only: protocol (VRRP/HSRP/VARP) and group id
 *       vlans[]: SwitchVlanPlan          per VLAN: id, host interface, MTU and, per family,
 *         vlanInterfaces[]               the virtual gateway (`address`, the pods' gateway) and one real
 *                                        address per switch (`switchAddresses`; with one switch or a stack
 *                                        the only address IS the gateway), the user's other reserved
 *                                        addresses (`reservedIps`) and the SpiderReservedIP holding them all
 *
 * Producers build a rack with `buildRackSwitchPlan()` (switch-plan-builder.ts) from the user's
 * {@link SwitchesProps} (switches.ts), which also returns the rule findings (MV210-MV214) to register.
 * The real (switch) addresses of a pair are inside the VLAN subnet: they must be reserved so that no pool
 * hands them out.
 */
import { FirstHopRedundancy, SwitchRedundancy } from './switches';

/** How the switch ports facing one node's bond members are grouped. */
export enum SwitchPortAggregation {
  /** An LACP port channel (Eth-Trunk in LACP mode): the bond runs 802.3ad. */
  LACP = 'lacp',
  /** A static link aggregation without LACP: the bond runs balance-rr, balance-xor or broadcast. */
  STATIC = 'static',
  /** Independent ports, each a trunk on its own: the bond runs active-backup, balance-tlb or balance-alb. */
  NONE = 'none',
}

/** One switch of a rack. */
export interface SwitchPlanSwitch {
  /** The switch name (host name / sysname; names its configuration). */
  readonly name: string;
  /** The bond member NICs (per node) cabled to this switch, in bond member order. */
  readonly cabledNics: string[];
}

/** Where one bond member NIC of every node of the rack is cabled. */
export interface SwitchMemberLinkPlan {
  /** The host NIC, e.g. `ens224`. */
  readonly nic: string;
  /** The switch it is cabled to. */
  readonly switchName: string;
}

/** One switch port facing one node's bond member. */
export interface SwitchPortPlan {
  /** The host NIC on the node's side. */
  readonly nic: string;
  /** The switch the port is on. */
  readonly switchName: string;
  /** The switch's port name, e.g. `10GE1/0/1`, `Ethernet1/1`. */
  readonly port: string;
}

/** The port channel (Eth-Trunk) facing one node: with MLAG it spans both switches, with the same id on each. */
export interface SwitchPortChannelPlan {
  /** The node. */
  readonly node: string;
  /** Port-channel / Eth-Trunk id (also the vPC / MLAG / M-LAG id of a pair). */
  readonly id: number;
  /** The member ports, in bond member order. */
  readonly ports: SwitchPortPlan[];
}

/** The keepalive (peer) address of one switch of an MLAG pair. */
export interface SwitchKeepalivePlan {
  /** The switch. */
  readonly switchName: string;
  /** The address, e.g. `169.254.0.1`. */
  readonly address: string;
  /** Address and prefix, e.g. `169.254.0.1/30`. */
  readonly cidr: string;
}

/** The peer link between the two switches of an MLAG pair. */
export interface SwitchPeerLinkPlan {
  /** The peer-link ports, the same names on both switches. */
  readonly ports: string[];
  /** The peer link's port-channel / Eth-Trunk id. */
  readonly portChannelId: number;
  /** VLANs the peer link carries (tagged), ascending. */
  readonly allowedVlans: number[];
  /** MLAG domain / vPC domain / M-LAG DFS group id. */
  readonly domainId: number;
  /** The VLAN the pair's control traffic uses between the switches (Arista MLAG peer VLAN). */
  readonly peerVlan: number;
  /** One keepalive address per switch, in switch order. */
  readonly keepalive: SwitchKeepalivePlan[];
}

/** The first-hop redundancy of an MLAG pair's gateways. */
export interface SwitchFirstHopPlan {
  /** VRRP, HSRP or VARP. */
  readonly protocol: FirstHopRedundancy;
  /** VRRP virtual router id / HSRP group, the same on every VLAN interface (unused by VARP). */
  readonly groupId: number;
}

/** One switch's own address on a VLAN. */
export interface SwitchAddressPlan {
  /** The switch. */
  readonly switchName: string;
  /** The address, e.g. `172.16.100.2`. */
  readonly address: string;
  /** Address and prefix as configured on the VLAN interface, e.g. `172.16.100.2/24`. */
  readonly cidr: string;
  /**
   * VRRP / HSRP priority of this switch (the first switch of a pair is preferred).
   * @default - no priority (one switch, a stack, or VARP)
   */
  readonly priority?: number;
}

/** The switch's layer-3 interface (VLANIF / SVI) on one VLAN for one IP family. */
export interface SwitchVlanInterfacePlan {
  /** 4 or 6. */
  readonly ipVersion: number;
  /** The VLAN subnet, e.g. `172.16.100.0/24`. */
  readonly subnet: string;
  /** The pods' gateway: the VLANIF address of one switch, or the virtual address of a pair. */
  readonly address: string;
  /** The subnet's prefix length. */
  readonly prefixLength: number;
  /** The gateway address and prefix, e.g. `172.16.100.1/24`. */
  readonly cidr: string;
  /**
   * Each switch's own address on the VLAN, in switch order. With one switch (or a stack) it is the
   * gateway itself; with an MLAG pair the gateway is virtual and each switch has a real address.
   */
  readonly switchAddresses: SwitchAddressPlan[];
  /**
   * The other addresses of the subnet that no pool hands out (the VLAN's `reservedIps`: servers, load-balancer
   * VIPs), as merged addresses and `a-b` ranges; empty when none.
   */
  readonly reservedIps: string[];
  /**
   * The SpiderReservedIP that holds this family's gateway, switch addresses and `reservedIps`.
   * @default - none named (a plan built without the library's objects)
   */
  readonly reservedIpName?: string;
}

/** What the switch needs for one VLAN. */
export interface SwitchVlanPlan {
  /** VLAN id. */
  readonly id: number;
  /** The host sub-interface on the bond, e.g. `bond0.100`. */
  readonly hostInterface: string;
  /** MTU of the VLAN (VLANIF MTU). */
  readonly mtu: number;
  /** One VLANIF address plan per IP family, IPv4 first. */
  readonly vlanInterfaces: SwitchVlanInterfacePlan[];
}

/** The switches of one rack and what they must be configured with. */
export interface SwitchRackPlan {
  /** The rack name. */
  readonly name: string;
  /** The nodes whose bond members are cabled to this rack's switches (empty: every node). */
  readonly nodeSelector: { [key: string]: string };
  /** The host bond. */
  readonly bond: string;
  /** Host bonding mode (nmstate spelling). */
  readonly bondMode: string;
  /** The host NICs, per node, that are cabled to switch ports, in bond member order. */
  readonly memberNics: string[];
  /** How the ports facing one node are grouped on the switch(es). */
  readonly aggregation: SwitchPortAggregation;
  /** VLAN ids every node-facing port must allow (tagged), ascending. */
  readonly allowedVlans: number[];
  /** MTU the node-facing ports must carry (the bond MTU). */
  readonly mtu: number;
  /** The rack's switches: one, or a redundant pair (the first one is the preferred gateway). */
  readonly switches: SwitchPlanSwitch[];
  /**
   * How a pair acts as one.
   * @default - one switch: no redundancy
   */
  readonly redundancy?: SwitchRedundancy;
  /** Per bond member NIC, the switch it is cabled to (bond member order). */
  readonly memberLinks: SwitchMemberLinkPlan[];
  /** Per node, its port channel (only for the nodes the user listed with their ports; empty otherwise). */
  readonly portChannels: SwitchPortChannelPlan[];
  /**
   * The peer link of an MLAG pair.
   * @default - none (one switch or a stack)
   */
  readonly peerLink?: SwitchPeerLinkPlan;
  /**
   * The first-hop redundancy of an MLAG pair's gateways.
   * @default - none (one switch or a stack: the VLANIF address is the gateway)
   */
  readonly firstHop?: SwitchFirstHopPlan;
  /** Per VLAN, ascending by id. */
  readonly vlans: SwitchVlanPlan[];
}

/** The switch configuration a {@link VlanTopology} (one rack) or a fabric (several racks) relies on. */
export interface SwitchPlan {
  /** The racks, in the order they were given. */
  readonly racks: SwitchRackPlan[];
}
