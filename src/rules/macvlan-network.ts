/**
 * Rules on a macvlan network's own choices, before any object exists: which IPAM takes pools, what a
 * SpiderMultusConfig can express, the master ifacer creates, options only Spiderpool's controller reads.
 * The constructs build a {@link MacvlanNetworkModel} from their props; nothing here knows about constructs.
 */
import { Finding, RULES, finding } from './catalog';
import { IfacerModel, ifacerMaster } from '../cni/spider-multus-config';

/** A macvlan network as the network rules see it. */
export interface MacvlanNetworkModel {
  /** `NetworkAttachmentDefinition` or `SpiderMultusConfig`: what is synthesized. */
  readonly source: 'NetworkAttachmentDefinition' | 'SpiderMultusConfig';
  /** Macvlan mode (`bridge`, ...). */
  readonly mode: string;
  /** IPAM type (`spiderpool`, `whereabouts`, ...). */
  readonly ipamType: string;
  /** The host interface. */
  readonly master: string;
  /** Names of the network's default pools, in order. */
  readonly pools: readonly string[];
  /** The coordinator's podCidrType, when the helper is a coordinator that sets it. */
  readonly podCidrType?: string;
  /** Spiderpool ifacer, when it creates the master. */
  readonly ifacer?: IfacerModel;
}

/** MV091, MV092, MV093, MV098 and the network half of MV020 (a Spiderpool network without a pool). */
export function checkMacvlanNetwork(n: MacvlanNetworkModel): Finding[] {
  const out: Finding[] = [];
  if (n.source === 'SpiderMultusConfig') {
    const unsupported: string[] = [];
    if (n.mode !== 'bridge') unsupported.push(`macvlan mode "${n.mode}" (Spiderpool always generates bridge)`);
    if (n.ipamType !== 'spiderpool') unsupported.push(`${n.ipamType} IPAM (Spiderpool generates Spiderpool IPAM)`);
    for (const what of unsupported) {
      out.push(finding(RULES.smcUnsupported, 'source', `a SpiderMultusConfig cannot express ${what}`,
        'use source NadSource.NETWORK_ATTACHMENT_DEFINITION for this network, or drop the setting'));
    }
  } else if (n.podCidrType !== undefined) {
    out.push(finding(RULES.nadOnlyCoordinatorOption, 'helper', `podCidrType "${n.podCidrType}" has no CNI config key: on a NetworkAttachmentDefinition it would have no effect`,
      'use source NadSource.SPIDER_MULTUS_CONFIG, or set podCIDRType in the cluster\'s SpiderCoordinator'));
  }
  if (n.ifacer) {
    const expected = ifacerMaster(n.ifacer.interfaces, n.ifacer.vlanId, n.ifacer.bond?.name);
    if (expected !== n.master) {
      out.push(finding(RULES.ifacerMaster, 'master', `master "${n.master}" is not the interface ifacer creates ("${expected}")`,
        `set master to "${expected}", or change ifacer's interfaces/bond/vlanId`));
    }
  }
  // A Spiderpool network without pools of its own is fine when each pod picks its pools (attach / configurePrimary
  // options): MV020 is decided per pod NIC, where the pools are known.
  if (n.ipamType !== 'spiderpool' && n.pools.length > 0) {
    out.push(finding(RULES.poolsWithoutSpiderpool, 'pools', `${n.pools.map(p => `"${p}"`).join(', ')} given, but the network uses ${n.ipamType} IPAM, which never reads SpiderIPPools`,
      'drop the pools, or use Ipam.spiderpool()'));
  }
  return out;
}
