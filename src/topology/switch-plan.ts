/** How the switch ports facing one node's bond members are grouped. */
export enum SwitchPortAggregation {
  /** An LACP port channel (Eth-Trunk in LACP mode): the bond runs 802.3ad. */
  LACP = 'lacp',
  /** A static link aggregation without LACP: the bond runs balance-rr, balance-xor or broadcast. */
  STATIC = 'static',
  /** Independent ports, each a trunk on its own: the bond runs active-backup, balance-tlb or balance-alb. */
  NONE = 'none',
}

/** The switch ports facing the nodes' bond members. */
export interface SwitchTrunkPlan {
  /** The nodes whose bond members are cabled to these ports (empty: every node). */
  readonly nodeSelector: { [key: string]: string };
  /** The host bond. */
  readonly bond: string;
  /** Host bonding mode (nmstate spelling). */
  readonly bondMode: string;
  /** The host NICs, per node, that must be cabled to trunk ports. */
  readonly memberNics: string[];
  /** How the ports facing one node are grouped on the switch. */
  readonly aggregation: SwitchPortAggregation;
  /** VLAN ids the trunk must allow (tagged), ascending. */
  readonly allowedVlans: number[];
  /** MTU the trunk ports must carry (the bond MTU). */
  readonly mtu: number;
}

/** The switch's layer-3 interface (VLANIF / SVI) on one VLAN for one IP family. */
export interface SwitchVlanInterfacePlan {
  /** 4 or 6. */
  readonly ipVersion: number;
  /** The VLAN subnet, e.g. `172.16.100.0/24`. */
  readonly subnet: string;
  /** The VLANIF address: the pods' gateway. */
  readonly address: string;
  /** The subnet's prefix length. */
  readonly prefixLength: number;
  /** Address and prefix as configured on the switch, e.g. `172.16.100.1/24`. */
  readonly cidr: string;
}

/** What the switch needs for one VLAN. */
export interface SwitchVlanPlan {
  /** VLAN id. */
  readonly id: number;
  /** The host sub-interface on the bond, e.g. `bond0.100`. */
  readonly hostInterface: string;
  /** MTU of the VLAN (VLANIF MTU). */
  readonly mtu: number;
  /** One VLANIF address per IP family, IPv4 first. */
  readonly vlanInterfaces: SwitchVlanInterfacePlan[];
}

/** The switch configuration a {@link VlanTopology} relies on. */
export interface SwitchPlan {
  /** The trunk ports. */
  readonly trunk: SwitchTrunkPlan;
  /** Per VLAN, ascending by id. */
  readonly vlans: SwitchVlanPlan[];
}
