/**
 * The 7 Linux bonding modes, spelled as nmstate (and the kernel's sysfs) spell them.
 */
export enum BondMode {
  /** Mode 0: packets round-robin over the members (needs a static link aggregation on the switch). */
  BALANCE_RR = 'balance-rr',
  /** Mode 1: one member active, the others standby (no switch configuration needed). */
  ACTIVE_BACKUP = 'active-backup',
  /** Mode 2: member chosen by `xmit_hash_policy` (needs a static link aggregation on the switch). */
  BALANCE_XOR = 'balance-xor',
  /** Mode 3: every packet on every member (needs a static link aggregation on the switch). */
  BROADCAST = 'broadcast',
  /** Mode 4: IEEE 802.3ad dynamic link aggregation (LACP; needs an LACP port channel / Eth-Trunk on the switch). */
  IEEE_802_3AD = '802.3ad',
  /** Mode 5: adaptive transmit load balancing (no switch configuration needed). */
  BALANCE_TLB = 'balance-tlb',
  /** Mode 6: adaptive load balancing, transmit and receive (no switch configuration needed). */
  BALANCE_ALB = 'balance-alb',
}

/** LACP rate (`lacp_rate`), 802.3ad only. */
export enum LacpRate {
  /** LACPDUs every 30 seconds (kernel default). */
  SLOW = 'slow',
  /** LACPDUs every second: faster detection of a dead link. */
  FAST = 'fast',
}

/** Transmit hash policy (`xmit_hash_policy`) of balance-xor, 802.3ad and balance-tlb bonds. */
export enum XmitHashPolicy {
  /** MAC addresses (kernel default). */
  LAYER2 = 'layer2',
  /** MAC and IP addresses. */
  LAYER2_3 = 'layer2+3',
  /** IP addresses and ports: spreads flows between the same two hosts. */
  LAYER3_4 = 'layer3+4',
  /** Like layer2+3, using inner headers of encapsulated traffic. */
  ENCAP2_3 = 'encap2+3',
  /** Like layer3+4, using inner headers of encapsulated traffic. */
  ENCAP3_4 = 'encap3+4',
  /** VLAN id and source MAC. */
  VLAN_SRCMAC = 'vlan+srcmac',
}

/** Typed bond options (rendered as nmstate `link-aggregation.options` or Spiderpool's `k=v;k=v` string). */
export interface BondOptions {
  /**
   * MII link monitoring interval in milliseconds (`miimon`). Not together with `arpInterval`.
   * @default - not set (NetworkManager then uses miimon 100)
   */
  readonly miimon?: number;
  /**
   * ARP link monitoring interval in milliseconds (`arp_interval`). Not together with `miimon`; not with
   * 802.3ad, balance-tlb or balance-alb; needs `arpIpTargets`.
   * @default - not set
   */
  readonly arpInterval?: number;
  /**
   * IPv4 addresses probed by ARP monitoring (`arp_ip_target`).
   * @default - none
   */
  readonly arpIpTargets?: string[];
  /**
   * LACP rate (`lacp_rate`); 802.3ad only.
   * @default - kernel default (slow)
   */
  readonly lacpRate?: LacpRate;
  /**
   * Transmit hash policy (`xmit_hash_policy`); balance-xor, 802.3ad and balance-tlb only.
   * @default - kernel default (layer2)
   */
  readonly xmitHashPolicy?: XmitHashPolicy;
  /**
   * Preferred member (`primary`); one of the members; active-backup, balance-tlb and balance-alb only.
   * @default - no preferred member
   */
  readonly primary?: string;
}

/** The host bond carrying the VLANs. */
export interface BondProps {
  /**
   * Bond interface name (at most 15 bytes, and `<name>.<vlan id>` too).
   * @default "bond0"
   */
  readonly name?: string;
  /** Member NICs, e.g. `['ens224', 'ens256']`; the same names on every selected node. */
  readonly members: string[];
  /** Bonding mode. */
  readonly mode: BondMode;
  /**
   * Bond options.
   * @default - none
   */
  readonly options?: BondOptions;
  /**
   * Bond MTU (also the MTU of the switch trunk ports).
   * @default 1500
   */
  readonly mtu?: number;
}
