/** Which object a network synthesizes for Multus. */
export enum NadSource {
  /** A NetworkAttachmentDefinition with the CNI config written out (default). */
  NETWORK_ATTACHMENT_DEFINITION = 'NetworkAttachmentDefinition',
  /**
   * A Spiderpool SpiderMultusConfig (cniType macvlan), from which Spiderpool's controller generates the
   * NetworkAttachmentDefinition of the same name and namespace. Spiderpool always generates bridge mode and
   * Spiderpool IPAM: other choices are rejected on this path.
   */
  SPIDER_MULTUS_CONFIG = 'SpiderMultusConfig',
}

/** A bond that Spiderpool's ifacer creates at pod start. */
export interface IfacerBondOptions {
  /** Bond interface name, e.g. `bond0`. */
  readonly name: string;
  /** Kernel bond mode number 0-6 (0 balance-rr, 1 active-backup, ..., 4 802.3ad). */
  readonly mode: number;
  /**
   * Bond options as Spiderpool takes them: `key=value;key=value`.
   * @default - kernel defaults
   */
  readonly options?: string;
}

/**
 * Spiderpool's `ifacer` plugin, chained before macvlan: it creates the bond of several host NICs and/or the
 * VLAN sub-interface at pod start, so the network's `master` need not exist beforehand.
 */
export interface IfacerOptions {
  /** Host NICs: one, or several joined by `bond`. */
  readonly interfaces: string[];
  /**
   * VLAN id of the sub-interface to create on the NIC or bond.
   * @default - no VLAN sub-interface
   */
  readonly vlanId?: number;
  /**
   * The bond joining `interfaces` (required with two or more).
   * @default - no bond
   */
  readonly bond?: IfacerBondOptions;
}
