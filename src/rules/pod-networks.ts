// (from the modules themselves, not the net index: a call through the index's re-export is a getter call per use)
import { Finding, RULES, finding } from './catalog';
import { IpAddress, IpFamily } from '../net/address';
import { checkInterfaceName } from '../net/names';

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
  /**
   * The network's main plugin is macvlan.
   * @default true
   */
  readonly macvlan?: boolean;
  /**
   * A route helper (coordinator, or spidernet veth/router) runs after the main plugin.
   * @default true
   */
  readonly routeHelper?: boolean;
  /** The macvlan master of the NIC's network, when known. */
  readonly master?: string;
  /** The macvlan mode of the NIC's network, when known. */
  readonly mode?: string;
  /** Gateways this NIC claims the default route for (`default-route` of the Multus annotation). */
  readonly defaultRoutes?: readonly string[];
  /** The network's IPAM type (`spiderpool`, `static`, ...), when known. */
  readonly ipamType?: string;
  /** The network's IPAM takes per-pod addresses and has no fixed ones (static IPAM without addresses). */
  readonly needsPodAddresses?: boolean;
  /** Addresses the pod requests for this NIC (`ips` of the Multus selection). */
  readonly ips?: readonly string[];
}

/** What the pod rules know about a pool, by name (pools not in the index are not checked). */
export interface PoolInfo {
  readonly family?: IpFamily;
  /** The pool's multusName (`ns/name` or bare names); empty or undefined: any network may use it. */
  readonly multusName?: readonly string[];
}

/** Cross-object context of the pod rules. */
export interface PodRuleContext {
  /** Pools by name. */
  readonly pools?: ReadonlyMap<string, PoolInfo>;
}

/** The pod-level rules: interface names, pairing of network types, IP pools per NIC. */
export function checkPodNics(nics: readonly PodNic[], context: PodRuleContext = {}): Finding[] {
  const out: Finding[] = [];
  // (what the rules ask of the pod as a whole, found once: this runs for every pod, most with one or two NICs, and
  // allocates nothing for a pod without findings)
  const n = nics.length;
  let hasDefault = false;
  let helpedStandalone = false;
  let standalone = false;
  let overlay = false;
  for (let i = 0; i < n; i++) {
    const nic = nics[i];
    if (nic.isDefault) hasDefault = true;
    if (nic.kind === 'standalone') {
      standalone = true;
      if (nic.routeHelper ?? true) helpedStandalone = true;
    } else if (nic.kind === 'overlay') {
      overlay = true;
    }
  }
  // (NIC names seen: a scan over the NICs before for a small pod, a map for a large one)
  const seen = n > SMALL_POD ? new Map<string, string>() : undefined;
  for (let i = 0; i < n; i++) {
    const nic = nics[i];
    const problem = checkInterfaceName(nic.interface);
    if (problem) {
      out.push(finding(RULES.podInterfaceName, nicField(nic), `interface name ${problem}`,
        'choose a name of at most 15 bytes without "/", ":" or spaces, e.g. "net1"'));
    }
    const reserved = nic.interface === 'eth0' && !nic.isDefault && !hasDefault
      ? 'the cluster CNI (eth0 of a pod whose default network is not macvlan)'
      : nic.interface === 'veth0' && helpedStandalone ? 'the coordinator\'s veth pair (underlay mode creates veth0)' : undefined;
    if (reserved) {
      out.push(finding(RULES.podDuplicateInterface, nicField(nic),
        `interface name "${nic.interface}" is taken by ${reserved}`, 'choose another name, e.g. "net1"'));
    }
    const other = seen ? seen.get(nic.interface) : firstNetworkOf(nics, i);
    if (other !== undefined) {
      out.push(finding(RULES.podDuplicateInterface, nicField(nic),
        `interface name "${nic.interface}" is already used by ${other}`, 'give every NIC of the pod its own interface name'));
    } else if (seen) {
      seen.set(nic.interface, nic.network);
    }
    if (nic.isDefault && nic.kind === 'overlay') {
      out.push(finding(RULES.podOverlayAsDefault, `default network ${nic.network}`,
        'an overlay macvlan network would replace the cluster CNI on eth0',
        'attach it as an additional network (k8s.v1.cni.cncf.io/networks), or use a standalone network as eth0'));
    }
    if (nic.spiderpool) {
      for (let f = 0; f < nic.families.length; f++) {
        const family = nic.families[f];
        const pools = family === 4 ? nic.ipv4Pools : nic.ipv6Pools;
        if (pools.length === 0) {
          out.push(finding(RULES.podNicWithoutPool, nicField(nic),
            `the network serves IPv${family} but no IPv${family} pool is selected for this NIC`,
            `select an IPv${family} pool for "${nic.interface}" (or give the network one)`));
        }
      }
      if (nic.families.length === 0 && nic.ipv4Pools.length === 0 && nic.ipv6Pools.length === 0) {
        out.push(finding(RULES.podNicWithoutPool, nicField(nic),
          'the NIC uses Spiderpool IPAM but neither the network nor the pod selects an IP pool',
          'add an IP pool to the network, or select pools for this NIC (attach options, or configurePrimary for eth0)'));
      }
    }
  }
  if (n > 1) checkPassthru(nics, out);
  checkPodCrossObject(nics, context, out);
  if (!hasDefault && standalone) {
    for (let i = 0; i < n; i++) {
      const nic = nics[i];
      if (nic.isDefault || nic.kind !== 'standalone') continue;
      out.push(finding(RULES.podStandaloneWithoutDefault, nicField(nic),
        `${nic.network} runs the coordinator in underlay mode, but eth0 is the cluster CNI`,
        'make a standalone network the default network (v1.multus-cni.io/default-network), or attach an overlay network instead'));
    }
  }
  if (standalone && overlay) {
    const s = nics.filter(x => x.kind === 'standalone').map(x => x.network);
    const o = nics.filter(x => x.kind === 'overlay').map(x => x.network);
    out.push(finding(RULES.podMixedNetworkTypes, 'networks',
      `standalone network(s) ${s.join(', ')} and overlay network(s) ${o.join(', ')} are attached to one pod`,
      'use only standalone networks (macvlan eth0) or only overlay networks (cluster CNI eth0) in a pod'));
  }
  return out;
}

/** Up to this many NICs, a pod's names are compared by a scan rather than through a map. */
const SMALL_POD = 8;

/** The field a NIC's findings name. */
function nicField(nic: PodNic): string {
  return `interface "${nic.interface}" of ${nic.network}`;
}

/** The network of the first NIC before `i` that has NIC `i`'s interface name. */
function firstNetworkOf(nics: readonly PodNic[], i: number): string | undefined {
  const name = nics[i].interface;
  for (let j = 0; j < i; j++) if (nics[j].interface === name) return nics[j].network;
  return undefined;
}

/** Passthru mode hands the whole master to one macvlan child: two NICs of a pod cannot share it. */
function checkPassthru(nics: readonly PodNic[], out: Finding[]): void {
  const byMaster = new Map<string, PodNic>();
  for (let i = 0; i < nics.length; i++) {
    const nic = nics[i];
    if (nic.master === undefined) continue;
    const first = byMaster.get(nic.master);
    if (!first) {
      byMaster.set(nic.master, nic);
      continue;
    }
    if (nic.mode === 'passthru' || first.mode === 'passthru') {
      out.push(finding(RULES.passthruShared, nicField(nic),
        `master ${nic.master} already carries "${first.interface}" (${first.network}) and a passthru macvlan takes the master for itself`,
        'attach the second NIC to another master, or use bridge mode for both networks'));
    }
  }
}

/** The pools one NIC selects for one family: of that family, and serving the NIC's network (multusName). */
function checkSelectedPools(nic: PodNic, family: IpFamily, names: readonly string[],
  pools: ReadonlyMap<string, PoolInfo>, out: Finding[]): void {
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const pool = pools.get(name);
    if (!pool) continue;
    if (pool.family !== undefined && pool.family !== family) {
      out.push(finding(RULES.poolFamilyMismatch, nicField(nic), `pool "${name}" is IPv${pool.family} but is selected as an IPv${family} pool`,
        `list "${name}" under ipv${pool.family}, or select an IPv${family} pool`));
    }
    const allowed = pool.multusName;
    if (allowed !== undefined && allowed.length > 0 && !servesNetwork(allowed, nic.network)) {
      out.push(finding(RULES.poolMultusNameMismatch, nicField(nic),
        `pool "${name}" only serves ${allowed.join(', ')} (its multusName), so Spiderpool refuses to allocate from it for ${nic.network}`,
        `add "${nic.network}" to the multusName of "${name}", or select a pool of ${nic.network}`));
    }
  }
}

/** Pools vs. networks, default routes and the eth0 route helper. */
function checkPodCrossObject(nics: readonly PodNic[], context: PodRuleContext, out: Finding[]): void {
  const pools = context.pools;
  let routes = false;
  for (let i = 0; i < nics.length; i++) {
    const nic = nics[i];
    if (pools) {
      // (one call per family rather than a loop over a literal [[4, ...], [6, ...]]: this runs for every NIC of every pod)
      checkSelectedPools(nic, 4, nic.ipv4Pools, pools, out);
      checkSelectedPools(nic, 6, nic.ipv6Pools, pools, out);
    }
    if (nic.isDefault && (nic.macvlan ?? true) && !(nic.routeHelper ?? true)) {
      out.push(finding(RULES.podNoRouteHelper, `default network ${nic.network}`,
        'eth0 is macvlan without a coordinator (or veth) plugin, so the pod cannot reach ClusterIP services or its own node',
        'chain the Spiderpool coordinator (mode underlay or auto) after macvlan in the network\'s config'));
    }
    if (nic.defaultRoutes !== undefined && nic.defaultRoutes.length > 0) routes = true;
  }
  // (most pods claim no default route: nothing to gather)
  if (!routes) return;
  const gateways = new Map<IpFamily, string[]>();
  for (const nic of nics) {
    for (const gw of nic.defaultRoutes ?? []) {
      const ip = IpAddress.tryParse(gw);
      if (!ip) continue;
      const list = gateways.get(ip.family) ?? [];
      list.push(`${gw} (${nic.interface})`);
      gateways.set(ip.family, list);
    }
  }
  for (const [family, list] of gateways) {
    if (list.length > 1) {
      out.push(finding(RULES.podDefaultRouteEcmp, 'networks', `${list.length} IPv${family} default-route gateways: ${list.join(', ')} (Multus does not support ECMP for default-route)`,
        `keep "default-route" for IPv${family} on one network only`));
    }
  }
}

/** Whether one of a pool's multusName entries names `network` (a loop, not a closure: this runs for every NIC). */
function servesNetwork(multusNames: readonly string[], network: string): boolean {
  for (let i = 0; i < multusNames.length; i++) if (sameNetwork(multusNames[i], network)) return true;
  return false;
}

/** `ns/name` equals `ns/name`; a bare multusName entry matches by name (its namespace is Spiderpool's). */
function sameNetwork(multusName: string, network: string): boolean {
  if (multusName.includes('/')) return multusName === network;
  return network.split('/').pop() === multusName;
}

/**
 * The rules on a pod's network set as the constructs build it, before any annotation exists: it attaches
 * something (MV096), and per-pod addresses are requested only where the network's IPAM takes them (MV094;
 * the other half of MV094, a network that needs them and got none, is read from the annotations by
 * {@link checkPodAnnotations}, for synth and `lint` alike).
 */
export function checkPodNetworkSet(nics: readonly PodNic[]): Finding[] {
  if (nics.length === 0) {
    return [finding(RULES.podEmptyNetworks, 'networks', 'the set attaches no network, so the pod gets no macvlan NIC',
      'pass at least one network to PodNetworks.overlay(...), or do not apply the set')];
  }
  const out: Finding[] = [];
  for (const nic of nics) {
    const where = `interface "${nic.interface}" of ${nic.network}`;
    const requested = nic.ips !== undefined && nic.ips.length > 0;
    if (requested && !nic.needsPodAddresses) {
      out.push(finding(RULES.podAddresses, where, `ips ${nic.ips!.join(', ')} are requested, but ${nic.ipamType ?? 'the'} IPAM of ${nic.network} ignores per-pod addresses`,
        'drop ips, or give the network Ipam.staticAddresses() without fixed addresses'));
    }
  }
  return out;
}
