/**
 * The switch-side kinds the switch rules read (declared here, beside the rules; users meet them through
 * src/topology/switches.ts).
 */

/** How the two switches of a redundant pair act as one for the nodes' bonds. */
export enum SwitchRedundancy {
  /**
   * Multi-chassis link aggregation: two switches with their own control planes joined by a peer link
   * (Huawei M-LAG, Cisco vPC, Arista MLAG). A node's port channel spans both switches; each switch has its
   * own address on every VLAN and a first-hop redundancy protocol shares the pods' gateway between them.
   */
  MLAG = 'mlag',
  /**
   * Stacking: the two switches form one logical switch with one configuration (Huawei iStack / CSS). A
   * node's Eth-Trunk has members on both; the VLANIF address is the gateway itself (no peer link, no
   * first-hop protocol). Cisco NX-OS and Arista EOS switches do not stack: use MLAG there.
   */
  STACK = 'stack',
}

/** The first-hop redundancy protocol that shares the pods' gateway address between the two switches of an MLAG pair. */
export enum FirstHopRedundancy {
  /** VRRP (RFC 5798; VRRPv3 for IPv6): Huawei VRP, Cisco NX-OS and Arista EOS. One switch answers at a time. */
  VRRP = 'vrrp',
  /** HSRP (Cisco): Cisco NX-OS only. One switch answers at a time. */
  HSRP = 'hsrp',
  /**
   * VARP, Arista's virtual-router (anycast) gateway: both switches answer for the virtual address with one
   * shared virtual MAC (`ip virtual-router mac-address`). Arista EOS; on Huawei VRP the M-LAG dual-active
   * gateway (both switches hold the gateway address with one virtual MAC, `mac-address`).
   */
  VARP = 'varp',
}
