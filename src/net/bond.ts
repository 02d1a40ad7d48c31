/** Linux bonding facts, shared by every layer that checks or writes a bond. */

/** The 7 bonding modes as the kernel (and nmstate) spell them, in kernel order: mode 0-6. */
export const BOND_MODES: readonly string[] = ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'];

/** The typed bond options and their kernel (nmstate, Spiderpool ifacer) keys, in rendering order. */
export const BOND_OPTION_KEYS = {
  miimon: 'miimon',
  arpInterval: 'arp_interval',
  arpIpTargets: 'arp_ip_target',
  lacpRate: 'lacp_rate',
  xmitHashPolicy: 'xmit_hash_policy',
  primary: 'primary',
} as const;

/** Kernel number (0-6) of a bond mode; -1 if unknown. */
export function bondModeNumber(mode: string): number {
  return BOND_MODES.indexOf(mode);
}
