/**
 * A stand-in for what a node does with the library's output: Multus reads the pod's annotations, finds the
 * NADs, and runs each NAD's plugin chain; Spiderpool's IPAM hands out an address from the pool the pod's
 * `ipam.spidernet.io/ippools` annotation selects.
 *
 * Spiderpool's IPAM plugin and its coordinator need a cluster, so here:
 *  - the `spiderpool` IPAM block is replaced by the real `static` IPAM plugin with the next free address of
 *    the selected pool (honouring `ips`, `excludeIPs` and `gateway`, with the library's own range math);
 *  - the `coordinator` plugin is skipped (and reported as skipped).
 * Everything else in the macvlan config (master, mode, mtu) reaches the real plugin unchanged.
 */
import { generateNadConfigFromSpiderMultusConfig } from '../../src/cni';
import { Cidr, IpAddress, RangeSet, formatAddress } from '../../src/net';

export interface PoolSpec {
  name: string;
  ipVersion: number;
  subnet: string;
  ips?: string[];
  excludeIPs?: string[];
  gateway?: string;
  nodeAffinity?: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
  nodeName?: string[];
  multusName?: string[];
}

export interface Nad {
  ref: string;
  conflist: any;
}

/** One NIC a pod needs, resolved from its annotations. */
export interface NicPlan {
  ifName: string;
  /** Addresses the pod requests for this NIC (`ips` of the Multus JSON annotation). */
  ips?: string[];
  nad: Nad;
  isDefault: boolean;
  pools: PoolSpec[];
}

export interface WorkloadPlan {
  kind: string;
  name: string;
  /** True when eth0 is a macvlan NIC (default-network annotation). */
  standalone: boolean;
  nics: NicPlan[];
}

/** The parts of a manifest set a node needs. */
export class ManifestIndex {
  public readonly nads = new Map<string, Nad>();
  public readonly pools = new Map<string, PoolSpec>();
  public readonly workloads: Array<{ kind: string; name: string; annotations: Record<string, string> }> = [];

  constructor(objects: readonly any[]) {
    for (const o of objects) {
      if (o.kind === 'NetworkAttachmentDefinition') {
        const ref = `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
        this.nads.set(ref, { ref, conflist: JSON.parse(o.spec.config) });
      } else if (o.kind === 'SpiderMultusConfig') {
        // Spiderpool's controller would generate this NAD; the library models that generation.
        const generated = generateNadConfigFromSpiderMultusConfig(o);
        const ref = `${generated.namespace}/${generated.name}`;
        this.nads.set(ref, { ref, conflist: generated.config });
      } else if (o.kind === 'SpiderIPPool') {
        this.pools.set(o.metadata.name, { name: o.metadata.name, ...o.spec });
      } else if (o.spec?.template?.metadata?.annotations) {
        this.workloads.push({ kind: o.kind, name: o.metadata.name, annotations: o.spec.template.metadata.annotations });
      } else if (o.kind === 'Pod' && o.metadata?.annotations) {
        this.workloads.push({ kind: o.kind, name: o.metadata.name, annotations: o.metadata.annotations });
      }
    }
  }

  /** Resolves a workload's NICs the way Multus + Spiderpool would. */
  public plan(w: { kind: string; name: string; annotations: Record<string, string> }): WorkloadPlan {
    const nics: Array<{ ifName: string; ref: string; isDefault: boolean; ips?: string[] }> = [];
    const def = w.annotations['v1.multus-cni.io/default-network'];
    if (def) nics.push({ ifName: 'eth0', ref: def.includes('/') ? def : `kube-system/${def}`, isDefault: true });
    const extra = w.annotations['k8s.v1.cni.cncf.io/networks'];
    if (extra) {
      (JSON.parse(extra) as any[]).forEach((e, i) => nics.push({
        ifName: e.interface ?? `net${i + 1}`, ref: `${e.namespace ?? 'default'}/${e.name}`, isDefault: false, ips: e.ips,
      }));
    }
    const selected: any[] = JSON.parse(w.annotations['ipam.spidernet.io/ippools'] ?? '[]');
    return {
      kind: w.kind,
      name: w.name,
      standalone: def !== undefined,
      nics: nics.map(n => {
        const nad = this.nads.get(n.ref);
        if (!nad) throw new Error(`${w.kind} ${w.name}: NIC ${n.ifName} references NAD ${n.ref}, which is not in the manifests`);
        const entry = selected.find(s => s.interface === n.ifName);
        const ipam = nad.conflist.plugins.find((p: any) => p.type === 'macvlan')?.ipam ?? {};
        const names: string[] = entry
          ? [...(entry.ipv4 ?? []), ...(entry.ipv6 ?? [])]
          : [...(ipam.default_ipv4_ippool ?? []), ...(ipam.default_ipv6_ippool ?? [])];
        const pools = names.map(name => {
          const p = this.pools.get(name);
          if (!p) throw new Error(`${w.kind} ${w.name}: NIC ${n.ifName} selects pool ${name}, which is not in the manifests`);
          return p;
        });
        return { ifName: n.ifName, nad, isDefault: n.isDefault, pools, ips: n.ips };
      }),
    };
  }

  public plans(): WorkloadPlan[] {
    return this.workloads.map(w => this.plan(w));
  }
}

/** Hands out addresses from pools like Spiderpool would: ips minus excludeIPs minus the gateway, lowest first. */
export class PoolAllocator {
  private readonly next = new Map<string, { set: RangeSet; rangeIndex: number; offset: bigint }>();

  /** Next free address as `addr/prefix` with the pool's gateway. */
  public allocate(pool: PoolSpec): { address: string; gateway?: string; family: 4 | 6 } {
    let state = this.next.get(pool.name);
    if (!state) {
      const family = pool.ipVersion === 6 ? 6 : 4;
      let set = RangeSet.parse(family, pool.ips ?? []).subtract(RangeSet.parse(family, pool.excludeIPs ?? []));
      if (pool.gateway) set = set.subtract(RangeSet.parse(family, [pool.gateway]));
      state = { set, rangeIndex: 0, offset: 0n };
      this.next.set(pool.name, state);
    }
    const { set } = state;
    while (state.rangeIndex < set.ranges.length && set.ranges[state.rangeIndex].start + state.offset > set.ranges[state.rangeIndex].end) {
      state.rangeIndex++;
      state.offset = 0n;
    }
    if (state.rangeIndex >= set.ranges.length) throw new Error(`pool ${pool.name} is exhausted`);
    const value = set.ranges[state.rangeIndex].start + state.offset;
    state.offset++;
    const cidr = Cidr.parse(pool.subnet);
    const family = cidr.family;
    return { address: `${formatAddress(family, value)}/${cidr.prefix}`, gateway: pool.gateway, family };
  }
}

/**
 * The macvlan NAD chain with Spiderpool IPAM replaced by static IPAM for the given addresses. Only the
 * default NIC gets default routes (Spiderpool's coordinator would tune the others; it is skipped here).
 */
export function withStaticIpam(conflist: any, addresses: Array<{ address: string; gateway?: string; family: 4 | 6 }>, defaultRoutes: boolean): any {
  return {
    ...conflist,
    plugins: conflist.plugins.map((p: any) => {
      if (p.ipam?.type !== 'spiderpool') return p;
      const routes = defaultRoutes
        ? addresses.filter(a => a.gateway).map(a => ({ dst: a.family === 4 ? '0.0.0.0/0' : '::/0', gw: a.gateway }))
        : [];
      return { ...p, ipam: { type: 'static', addresses: addresses.map(a => ({ address: a.address })), routes } };
    }),
  };
}

/** The fabric's VLANs from the NAD masters (`bond0.<id>`) and the gateways of the pools their NADs use. */
export function vlansFrom(index: ManifestIndex): Array<{ id: number; master: string; gateways: string[] }> {
  const byMaster = new Map<string, Set<string>>();
  for (const nad of index.nads.values()) {
    const mac = nad.conflist.plugins.find((p: any) => p.type === 'macvlan');
    const gws = byMaster.get(mac.master) ?? new Set<string>();
    const ipam = mac.ipam ?? {};
    for (const name of [...(ipam.default_ipv4_ippool ?? []), ...(ipam.default_ipv6_ippool ?? [])]) {
      const pool = index.pools.get(name);
      if (pool?.gateway) gws.add(`${IpAddress.parse(pool.gateway).toString()}/${Cidr.parse(pool.subnet).prefix}`);
    }
    byMaster.set(mac.master, gws);
  }
  return [...byMaster.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([master, gws], i) => {
    const m = /\.(\d+)$/.exec(master);
    return { id: m ? Number(m[1]) : 1 + i, master, gateways: [...gws].sort() };
  });
}

/**
 * What libcni does for a plugin that declares `"capabilities": {"ips": true}` when the pod's annotation asks for
 * addresses: it passes them as `runtimeConfig.ips`.
 */
export function withRuntimeIps(conflist: any, ips: readonly string[] | undefined): any {
  if (!ips || ips.length === 0) return conflist;
  return {
    ...conflist,
    plugins: conflist.plugins.map((p: any) => (p.capabilities?.ips ? { ...p, runtimeConfig: { ips: [...ips] } } : p)),
  };
}

/**
 * The pools a NIC lists that Spiderpool keeps for a pod on a node with these labels (and name): those whose
 * `nodeName` lists the node or, without nodeName, whose `nodeAffinity` label selector matches the node's labels
 * (spidernet-io/spiderpool pkg/ipam/allocate.go `selectByPod`); the order is kept, Spiderpool allocates from the
 * first one with a free address.
 */
export function admittedPools(pools: readonly PoolSpec[], node: { name: string; labels: Record<string, string> }): PoolSpec[] {
  return pools.filter(p => {
    if (p.nodeName && p.nodeName.length > 0) return p.nodeName.includes(node.name);
    const sel = p.nodeAffinity;
    if (!sel) return true;
    const has = (k: string) => Object.prototype.hasOwnProperty.call(node.labels, k);
    if (!Object.entries(sel.matchLabels ?? {}).every(([k, v]) => has(k) && node.labels[k] === v)) return false;
    return (sel.matchExpressions ?? []).every(r => {
      const values = r.values ?? [];
      switch (r.operator) {
        case 'In': return has(r.key) && values.includes(node.labels[r.key]);
        case 'NotIn': return !has(r.key) || !values.includes(node.labels[r.key]);
        case 'Exists': return has(r.key);
        case 'DoesNotExist': return !has(r.key);
        default: throw new Error(`unsupported label selector operator ${r.operator}`);
      }
    });
  });
}

/** Whether a pod spec's required node affinity (ORed terms of matchExpressions) and nodeSelector admit the node. */
export function schedulable(podSpec: any, labels: Record<string, string>): boolean {
  const selector: Record<string, string> = podSpec?.nodeSelector ?? {};
  if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) return false;
  const terms: any[] = podSpec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return true;
  return terms.some(t => admittedPools([{ name: 't', ipVersion: 4, subnet: '0.0.0.0/0', nodeAffinity: { matchExpressions: t.matchExpressions ?? [] } }],
    { name: '', labels }).length === 1);
}
