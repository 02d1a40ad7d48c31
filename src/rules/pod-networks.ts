import { IpFamily, checkInterfaceName } from '../net';
import { Finding, RULES, finding } from './catalog';

/** A pod NIC as the pod rules see it, whether it came from constructs or from parsed annotations. */
export interface PodNic {
  /** Interface name inside the pod (eth0, net1, ...). */
  readonly interface: string;
  /** `ns/name` of the NAD. */
  readonly network: string;
  /** Which macvlan use the network is made for, when known. */
  readonly kind: 'standalone' | 'overlay' | 'unknown';
  /** True for the `v1.multus-cni.io/default-network` NIC (eth0). */
  readonly isDefault: boolean;
  /** Whether the NIC's IPAM is Spiderpool (so it must appear in `ipam.spidernet.io/ippools`). */
  readonly spiderpool: boolean;
  /** The families the network serves (from its default pools). */
  readonly families: readonly IpFamily[];
  /** Pools selected for the NIC per family (from the pod annotation, else the NAD defaults). */
  readonly ipv4Pools: readonly string[];
  readonly ipv6Pools: readonly string[];
}

/** The pod-level rules: interface names, pairing of network types, IP pools per NIC. */
export function checkPodNics(nics: readonly PodNic[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, string>();
  for (const nic of nics) {
    const problem = checkInterfaceName(nic.interface);
    if (problem) {
      out.push(finding(RULES.podInterfaceName, `interface "${nic.interface}" of ${nic.network}`, `interface name ${problem}`,
        'choose a name of at most 15 bytes without "/", ":" or spaces, e.g. "net1"'));
    }
    const other = seen.get(nic.interface);
    if (other !== undefined) {
      out.push(finding(RULES.podDuplicateInterface, `interface "${nic.interface}" of ${nic.network}`,
        `interface name "${nic.interface}" is already used by ${other}`, 'give every NIC of the pod its own interface name'));
    } else {
      seen.set(nic.interface, nic.network);
    }
    if (nic.isDefault && nic.kind === 'overlay') {
      out.push(finding(RULES.podOverlayAsDefault, `default network ${nic.network}`,
        'an overlay macvlan network would replace the cluster CNI on eth0',
        'attach it as an additional network (k8s.v1.cni.cncf.io/networks), or use a standalone network as eth0'));
    }
    if (nic.spiderpool) {
      for (const family of nic.families) {
        const pools = family === 4 ? nic.ipv4Pools : nic.ipv6Pools;
        if (pools.length === 0) {
          out.push(finding(RULES.podNicWithoutPool, `interface "${nic.interface}" of ${nic.network}`,
            `the network serves IPv${family} but no IPv${family} pool is selected for this NIC`,
            `select an IPv${family} pool for "${nic.interface}" (or give the network one)`));
        }
      }
      if (nic.families.length === 0 && nic.ipv4Pools.length === 0 && nic.ipv6Pools.length === 0) {
        out.push(finding(RULES.podNicWithoutPool, `interface "${nic.interface}" of ${nic.network}`,
          'the NIC uses Spiderpool IPAM but neither the network nor the pod selects an IP pool',
          'add an IP pool to the network'));
      }
    }
  }
  const kinds = new Set(nics.map(n => n.kind).filter(k => k !== 'unknown'));
  if (kinds.has('standalone') && kinds.has('overlay')) {
    const s = nics.filter(n => n.kind === 'standalone').map(n => n.network);
    const o = nics.filter(n => n.kind === 'overlay').map(n => n.network);
    out.push(finding(RULES.podMixedNetworkTypes, 'networks',
      `standalone network(s) ${s.join(', ')} and overlay network(s) ${o.join(', ')} are attached to one pod`,
      'use only standalone networks (macvlan eth0) or only overlay networks (cluster CNI eth0) in a pod'));
  }
  return out;
}
