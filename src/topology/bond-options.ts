/**
 * Internal helpers turning bond props into the spellings nmstate and Spiderpool want.
 */
import { BondMode, BondOptions } from './bond';

const MODE_ORDER = [BondMode.BALANCE_RR, BondMode.ACTIVE_BACKUP, BondMode.BALANCE_XOR, BondMode.BROADCAST,
  BondMode.IEEE_802_3AD, BondMode.BALANCE_TLB, BondMode.BALANCE_ALB];

/** Kernel number (0-6) of a bond mode, as Spiderpool's SpiderMultusConfig wants it; -1 if unknown. */
export function bondModeNumber(mode: BondMode): number {
  return MODE_ORDER.indexOf(mode);
}

/** The bond options as ordered key/value strings, in kernel spelling. */
export function bondOptionEntries(options: BondOptions = {}): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (options.miimon !== undefined) out.push(['miimon', String(options.miimon)]);
  if (options.arpInterval !== undefined) out.push(['arp_interval', String(options.arpInterval)]);
  if (options.arpIpTargets !== undefined && options.arpIpTargets.length > 0) out.push(['arp_ip_target', options.arpIpTargets.join(',')]);
  if (options.lacpRate !== undefined) out.push(['lacp_rate', options.lacpRate]);
  if (options.xmitHashPolicy !== undefined) out.push(['xmit_hash_policy', options.xmitHashPolicy]);
  if (options.primary !== undefined) out.push(['primary', options.primary]);
  return out;
}
