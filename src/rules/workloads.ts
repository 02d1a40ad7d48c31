// (from the modules themselves, not the net index: a call through the index's re-export is a getter call per use)
import { Finding, RULES, finding } from './catalog';
import { describe } from './ip-pool';
import {
  Conjunction, HOSTNAME_LABEL, LabelSelectorModel, NODE_NAME_FIELD, NodePlacement, NodeRequirement,
  describeEqualities, disjointFromEqualities, equalitiesOverlap, formatSelector,
  impliesLabelSelector, impliesNodeNames, missingEqualities, placementConjunctions, placementRequirements, selectorRequirements, splitByValues,
  unsatisfiable,
} from './node-selection';
import { IpAddress, IpFamily } from '../net/address';
import { RangeSet } from '../net/range';

/** Share of a pool's addresses above which the capacity warning (MV171) fires, unless told otherwise. */
export const DEFAULT_CAPACITY_WARN_PERCENT = 90;

/** Pool annotation that sets the capacity warning threshold of one pool (percent, 1-100). */
export const CAPACITY_WARN_ANNOTATION = 'capacity.cdk8s-macvlan.io/warn-percent';
/** Workload annotation that declares on how many nodes a DaemonSet runs (for its address demand). */
export const NODE_COUNT_ANNOTATION = 'capacity.cdk8s-macvlan.io/nodes';

/** How many pods a workload runs, as its controller sees it (undefined fields: Kubernetes' defaults). */
export interface WorkloadScale {
  /** `spec.replicas` (Deployment, StatefulSet, ReplicaSet, ReplicationController). */
  readonly replicas?: number;
  /** Deployment: false for the Recreate strategy (no surge). @default true */
  readonly rollingUpdate?: boolean;
  /** Deployment / DaemonSet `rollingUpdate.maxSurge`: a count or `"NN%"`. */
  readonly maxSurge?: number | string;
  /** Job (and a CronJob's job): `parallelism`. */
  readonly parallelism?: number;
  /** Job: `completions`. */
  readonly completions?: number;
  /** DaemonSet: the number of nodes it runs on, when declared. */
  readonly nodeCount?: number;
  /** The replica count is owned by an autoscaler (cdk8s-plus `hasAutoscaler`): the peak is unknown. */
  readonly autoscaled?: boolean;
}

/** One NIC of a workload's pods, for the workload rules. */
export interface WorkloadNic {
  readonly interface: string;
  /** `ns/name` of the network. */
  readonly network: string;
  readonly ipv4Pools: readonly string[];
  readonly ipv6Pools: readonly string[];
  /** The network's host interface (macvlan master), when known. */
  readonly master?: string;
}

/** A workload (or bare pod) as the capacity, placement and host-network rules see it. */
export interface WorkloadModel {
  /** Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob. */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly scale: WorkloadScale;
  readonly placement: NodePlacement;
  /** `spec.hostNetwork` of the pod. */
  readonly hostNetwork?: boolean;
  /** Field paths for findings (pod spec prefix, e.g. `spec.template.spec`). */
  readonly podSpecField: string;
  /** The Multus/Spiderpool annotation keys the pod template carries. */
  readonly networkAnnotations: readonly string[];
  readonly nics: readonly WorkloadNic[];
}

/** A pool as the capacity and placement rules see it. */
export interface PoolModel {
  readonly name: string;
  readonly family?: IpFamily;
  /** Allocatable addresses (ips minus excludeIPs minus gateway minus reserved IPs); undefined: unknown. */
  readonly supply?: bigint;
  /** Capacity warning threshold of this pool, percent. */
  readonly warnPercent?: number;
  readonly nodeAffinity?: LabelSelectorModel;
  readonly nodeName?: readonly string[];
  /** The subnet as written (for MV194: pools of different subnets listed together). */
  readonly subnet?: string;
}

/** One interface a host policy (NodeNetworkConfigurationPolicy) brings up. */
export interface HostInterfaceModel {
  readonly name: string;
  readonly type?: string;
  /** Bond ports. */
  readonly ports?: readonly string[];
  readonly vlanBase?: string;
  readonly vlanId?: number;
  /** Field path inside the policy. */
  readonly field: string;
}

/** A host policy: the interfaces it creates on the nodes it selects. */
export interface HostPolicyModel {
  readonly name: string;
  /** Equality node selector (empty: every node). */
  readonly nodeSelector: { readonly [key: string]: string };
  readonly interfaces: readonly HostInterfaceModel[];
}

/** A network's main plugin and host interface (for the macvlan/ipvlan master conflict). */
export interface NetworkMasterModel {
  readonly ref: string;
  readonly plugin: 'macvlan' | 'ipvlan';
  readonly master: string;
  /** Field of the master in the network's object. */
  readonly field: string;
}

/** The peak pod count of a workload, or why it is unknown. */
export interface PeakPods {
  readonly pods?: number;
  /** How the number came about (`replicas 4 + maxSurge 1`), or why it is unknown. */
  readonly explanation: string;
}

/** `ceil(total * pct / 100)` for `"NN%"`, the number itself otherwise (Kubernetes' intstr scaling, rounding up). */
export function scaledValue(value: number | string | undefined, total: number, fallbackPercent: number): number | undefined {
  if (value === undefined) return Math.ceil((total * fallbackPercent) / 100);
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const m = /^(\d+)%$/.exec(value);
  if (m) return Math.ceil((total * Number(m[1])) / 100);
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

function count(n: number | undefined, fallback: number): number | undefined {
  if (n === undefined) return fallback;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Peak number of pods a workload runs at once, rollouts included (terminating pods aside). */
export function peakPods(kind: string, scale: WorkloadScale): PeakPods {
  switch (kind) {
    case 'Pod':
      return { pods: 1, explanation: 'a pod' };
    case 'Deployment': {
      if (scale.autoscaled) return { explanation: 'replicas are set by an autoscaler' };
      const replicas = count(scale.replicas, 1);
      if (replicas === undefined) return { explanation: `replicas ${describe(scale.replicas)} is not a count` };
      if (scale.rollingUpdate === false) return { pods: replicas, explanation: `replicas ${replicas}, Recreate strategy` };
      const surge = scaledValue(scale.maxSurge, replicas, 25);
      if (surge === undefined) return { explanation: `maxSurge ${describe(scale.maxSurge)} is not a count or percentage` };
      return { pods: replicas + surge, explanation: `replicas ${replicas} + maxSurge ${surge}${scale.maxSurge === undefined ? ' (25%)' : typeof scale.maxSurge === 'string' ? ` (${scale.maxSurge})` : ''}` };
    }
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'ReplicationController': {
      if (scale.autoscaled) return { explanation: 'replicas are set by an autoscaler' };
      const replicas = count(scale.replicas, 1);
      if (replicas === undefined) return { explanation: `replicas ${describe(scale.replicas)} is not a count` };
      return { pods: replicas, explanation: `replicas ${replicas}` };
    }
    case 'Job':
    case 'CronJob': {
      const parallelism = count(scale.parallelism, 1);
      if (parallelism === undefined) return { explanation: `parallelism ${describe(scale.parallelism)} is not a count` };
      const completions = count(scale.completions, Number.MAX_SAFE_INTEGER);
      const pods = Math.min(parallelism, completions ?? parallelism);
      return { pods, explanation: pods < parallelism ? `completions ${pods}` : `parallelism ${parallelism}` };
    }
    case 'DaemonSet': {
      const nodes = scale.nodeCount;
      if (nodes === undefined || !Number.isInteger(nodes) || nodes < 0) {
        return { explanation: `one pod per node, and the node count is not declared (annotation ${NODE_COUNT_ANNOTATION})` };
      }
      const surge = scaledValue(scale.maxSurge, nodes, 0);
      if (surge === undefined) return { explanation: `maxSurge ${describe(scale.maxSurge)} is not a count or percentage` };
      return { pods: nodes + surge, explanation: `${nodes} node(s)${surge > 0 ? ` + maxSurge ${surge}` : ''}` };
    }
    default:
      return { explanation: `unknown workload kind ${kind}` };
  }
}

/** Allocatable addresses of a pool: `allocatable` (ips minus excludeIPs) without the gateway and reserved IPs. */
export function poolSupply(allocatable: RangeSet, gateway?: string | IpAddress, reserved?: RangeSet): bigint {
  let set = allocatable;
  if (reserved && reserved.family === set.family && !reserved.isEmpty) set = set.subtract(reserved);
  const gw = typeof gateway === 'string' ? IpAddress.tryParse(gateway) : gateway;
  return set.size - (gw && gw.family === set.family && set.contains(gw) ? 1n : 0n);
}

/** Capacity of the workloads on one pool. */
export interface CapacityStatusRow {
  readonly pool: string;
  readonly ipVersion?: number;
  /** Allocatable addresses (undefined: the pool's address plan does not parse). */
  readonly supply?: bigint;
  /**
   * Peak pods of every NIC that can take addresses from the pool: those that list it and whose placement admits
   * a node its nodeAffinity / nodeName admits (an upper bound when such a NIC can also take from other pools).
   */
  readonly demand: number;
  /** Peak pods of the NICs that can take addresses from this pool only (the certain part of `demand`). */
  readonly pinnedDemand: number;
  /**
   * `ok`, `at-risk` (enough addresses together, but the scheduler may put more pods on this pool's nodes than it
   * has addresses: MV195), `warning` (above the threshold) or `exceeded`.
   */
  readonly status: 'ok' | 'at-risk' | 'warning' | 'exceeded';
  readonly warnPercent: number;
  readonly workloads: readonly CapacityWorkloadRow[];
}

/** One NIC of a workload on a pool, in the capacity table. */
export interface CapacityWorkloadRow {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly interface: string;
  /** Peak pods (undefined: unknown, see explanation). */
  readonly pods?: number;
  readonly explanation: string;
  /**
   * How many pools of this family the NIC can take its addresses from (one per rack its pods can run on); the
   * scheduler decides how the pods spread over them. Absent: every pod takes its address from this pool.
   */
  readonly spreadOver?: number;
}

/** Everything the workload rules found, by the model each finding belongs to. */
export interface WorkloadAnalysis<W, P, H, N> {
  readonly capacity: CapacityStatusRow[];
  readonly workloads: Map<W, Finding[]>;
  readonly pools: Map<P, Finding[]>;
  readonly hostPolicies: Map<H, Finding[]>;
  readonly networks: Map<N, Finding[]>;
}

/** Inputs of {@link analyzeWorkloads}. */
export interface WorkloadAnalysisInput<W extends WorkloadModel, P extends PoolModel, H extends HostPolicyModel, N extends NetworkMasterModel> {
  readonly workloads: readonly W[];
  readonly pools: readonly P[];
  readonly hostPolicies?: readonly H[];
  readonly networks?: readonly N[];
  /** Default warning threshold, percent. @default 90 */
  readonly warnPercent?: number;
  /**
   * Whether to build the capacity table (the findings are the same without it).
   * @default true
   */
  readonly capacity?: boolean;
}

function push<K>(map: Map<K, Finding[]>, key: K, f: Finding): void {
  const list = map.get(key);
  if (list) list.push(f); else map.set(key, [f]);
}

function workloadLabel(w: WorkloadModel): string {
  return `${w.kind} ${w.namespace}/${w.name}`;
}

/**
 * The workload-aware rules, in one pass linear in workloads, NICs, pools and host interfaces:
 * address capacity per pool (MV170 error, MV171 warning), placement against host policies (MV172) and pool node
 * affinity (MV173), pools of different subnets on one NIC that can admit one node (MV194), hostNetwork pods with macvlan annotations (MV174), macvlan masters that are bond ports
 * (MV175), one VLAN id under two names on a node (MV176) and masters shared by macvlan and ipvlan (MV177).
 */
export function analyzeWorkloads<W extends WorkloadModel, P extends PoolModel, H extends HostPolicyModel, N extends NetworkMasterModel>(
  input: WorkloadAnalysisInput<W, P, H, N>): WorkloadAnalysis<W, P, H, N> {
  const out: WorkloadAnalysis<W, P, H, N> = { capacity: [], workloads: new Map(), pools: new Map(), hostPolicies: new Map(), networks: new Map() };
  // (loops over pools, interfaces and networks call a function per element: this runs once per pass, and a loop
  // body run in place would stay unoptimized at a few thousand elements)
  const poolsByName = new Map<string, P>();
  for (let i = 0; i < input.pools.length; i++) addFirst(poolsByName, input.pools[i].name, input.pools[i]);
  const policies = input.hostPolicies ?? [];

  // Host interfaces by name (who creates a master), bond ports by name.
  const creators = new Map<string, H[]>();
  const portOf = new Map<string, Array<{ policy: H; bond: string }>>();
  for (const h of policies) {
    for (let i = 0; i < h.interfaces.length; i++) addHostInterface(h, h.interfaces[i], creators, portOf);
  }

  // Demand: per pool, and per distinct set of pools one NIC can take addresses from for one family. A NIC that
  // lists several pools (one per rack) takes from the pools whose nodeAffinity admits the node its pod runs on:
  // the pools its placement cannot reach carry none of its demand.
  const table = new DemandTable<W, P>(poolsByName);
  for (let i = 0; i < input.workloads.length; i++) table.addWorkload(input.workloads[i]);
  const selections = table.selections;
  const byPool = table.byPool;
  const NO_ROWS: CapacityWorkloadRow[] = [];
  const perPool = { get: (n: string) => byPool.get(n)?.rows };
  // A hostNetwork pod gets no NIC from Multus (MV174): it takes no address and needs no host interface.
  const attached = (w: W) => (w.hostNetwork === true ? [] : w.nics);
  const pinnedByPool = { get: (n: string) => byPool.get(n)?.pinned };

  // A NIC that can take from several pools: a selection's demand is what every selection within its pools
  // needs; its supply the sum of theirs.
  // (needed only when some NIC lists several pools of a family)
  const keysByPool = new Map<string, string[]>();
  if (table.spread) {
    for (const [key, s] of selections) {
      for (const p of s.pools) {
        const keys = keysByPool.get(p);
        if (keys) keys.push(key); else keysByPool.set(p, [key]);
      }
    }
  }
  const poolStatus = new Map<string, CapacityStatusRow['status']>();
  const rank = { 'ok': 0, 'at-risk': 1, 'warning': 2, 'exceeded': 3 } as const;
  const defaultWarn = input.warnPercent ?? DEFAULT_CAPACITY_WARN_PERCENT;
  // (one selection's status in a function: this runs once per pass, and a loop body run a few hundred times would
  // otherwise stay unoptimized)
  const checkSelection = (s: Selection): void => {
    // (one pool is the common case: no lists, and no big integers for a pool of a few thousand addresses)
    const single = s.pools.length === 1 ? poolsByName.get(s.pools[0])! : undefined;
    if (single !== undefined) {
      if (single.supply === undefined) return;
      const status = capacityStatus(s.pods, single.supply, single.warnPercent ?? defaultWarn);
      if (status === 'ok') return;
      if (rank[status] > rank[poolStatus.get(single.name) ?? 'ok']) poolStatus.set(single.name, status);
      reportSelection(s, [single], single.supply, s.pods, single.warnPercent ?? defaultWarn, status);
      return;
    }
    const members = s.pools.map(n => poolsByName.get(n)!);
    if (members.some(p => p.supply === undefined)) return;
    const supply = members.reduce((a, p) => a + p.supply!, 0n);
    const demand = demandWithin(s, selections, keysByPool);
    const warn = Math.min(...members.map(p => p.warnPercent ?? defaultWarn));
    const status = capacityStatus(demand, supply, warn);
    for (const n of s.pools) if (rank[status] > rank[poolStatus.get(n) ?? 'ok']) poolStatus.set(n, status);
    if (status === 'ok') return;
    reportSelection(s, members, supply, demand, warn, status);
  };
  const reportSelection = (s: Selection, members: readonly P[], supply: bigint, demand: number, warn: number, status: 'exceeded' | 'warning'): void => {
    const target = members[0];
    const label = s.pools.length === 1 ? `pool "${s.pools[0]}"` : `pools ${s.pools.map(n => `"${n}"`).join(' + ')} (listed together on a NIC${members.some(constrained) ? ', each admitting some of its pods\' nodes' : ''})`;
    const users = describeUsers(s.pools.flatMap(n => perPool.get(n) ?? []));
    if (status === 'exceeded') {
      push(out.pools, target, finding(RULES.capacityExceeded, 'spec.ips',
        `${label} has ${supply} allocatable address(es) but its workloads need ${demand} at their peak (${users}); the pods beyond that stay in ContainerCreating`,
        'add addresses to ips (or list another pool of this family for these NICs), or lower replicas / maxSurge'));
    } else {
      const pct = supply === 0n ? 100 : Number((BigInt(demand) * 1000n) / supply) / 10;
      push(out.pools, target, finding(RULES.capacityWarning, 'spec.ips',
        `${label} is ${pct}% used at the workloads' peak (${demand} of ${supply} addresses: ${users}), above the ${warn}% threshold; terminating pods keep their address until their containers stop, so a rollout can briefly need more`,
        `add addresses to ips, or raise the threshold (IpPool capacityWarnPercent, annotation ${CAPACITY_WARN_ANNOTATION}, or lint --capacity-warn)`));
    }
  };
  for (const s of selections.values()) checkSelection(s);

  // Pods spread over the pools of several racks by the scheduler: enough addresses in total, but a pool whose
  // nodes no other pool of the selection admits serves every pod the scheduler puts there. Its worst case is every
  // pod that can land on its nodes (one pass over the selections; the pools of one selection compared once).
  const atMost = new Map<string, number>();
  if (table.spread) for (const s of selections.values()) for (const n of s.pools) atMost.set(n, (atMost.get(n) ?? 0) + s.pods);
  const reported = new Set<string>();
  for (const s of table.spread ? selections.values() : []) {
    if (s.pools.length < 2) continue;
    const members = s.pools.map(n => poolsByName.get(n)!);
    const short = (p: P) => !reported.has(p.name) && p.supply !== undefined && poolStatus.get(p.name) !== 'exceeded' && BigInt(atMost.get(p.name) ?? 0) > p.supply;
    // (the pools' nodes are compared only when one of them could run short)
    if (!members.some(short)) continue;
    for (const p of exclusivePools(members)) {
      if (!short(p)) continue;
      const worst = atMost.get(p.name) ?? 0;
      reported.add(p.name);
      if (rank[poolStatus.get(p.name) ?? 'ok'] < rank['at-risk']) poolStatus.set(p.name, 'at-risk');
      const pinned = pinnedByPool.get(p.name) ?? 0;
      push(out.pools, p, finding(RULES.capacityConcentrated, 'spec.ips',
        `pool "${p.name}" (${describePoolNodes(p)}) has ${p.supply} allocatable address(es) and is the only pool those nodes get for ${describeUsers(perPool.get(p.name) ?? [])}; ${pinned > 0 ? `${pinned} pod(s) can run nowhere else, and ` : ''}the scheduler decides how many of the other pods land there, up to ${worst} at the peak, while Spiderpool gives a pod on these nodes addresses of this pool only: if the scheduler concentrates the pods on these nodes, the pods beyond ${p.supply} stay in ContainerCreating although the pools together have enough`,
        'add addresses to this pool, pin the workloads to racks (nodeSelector, or Fabric.placeWorkload with options.racks) so that each pool\'s demand is known, or keep the pods spread (a topologySpreadConstraint on the rack label with whenUnsatisfiable: DoNotSchedule) and acknowledge MV195'));
    }
  }

  if (input.capacity !== false) {
    for (const p of input.pools) {
      const d = byPool.get(p.name);
      const rows = d?.rows ?? NO_ROWS;
      if (rows.length === 0 && poolsByName.get(p.name) !== p) continue;
      out.capacity.push({
        pool: p.name,
        ipVersion: p.family,
        supply: p.supply,
        demand: d?.demand ?? 0,
        pinnedDemand: d?.pinned ?? 0,
        status: poolStatus.get(p.name) ?? 'ok',
        warnPercent: p.warnPercent ?? defaultWarn,
        workloads: rows === NO_ROWS ? [] : rows,
      });
    }
  }

  // Per workload: hostNetwork, placement, bond ports.
  // (pairs of pools of different subnets that can admit one node, per pool list of a NIC)
  const mixedSubnets = new Map<string, Array<[P, P]>>();
  const whereOf = (nic: WorkloadNic) => `interface "${nic.interface}" of ${nic.network}`;
  // One family's pools of a NIC: pools of different subnets admitting one node (MV194), pools admitting the pods'
  // nodes (MV173).
  const checkFamilyPlacement = (w: W, nic: WorkloadNic, family: IpFamily, names: readonly string[], pinned: string | undefined,
    conjunctions: () => Conjunction[]) => {
    if (names.length === 0) return;
    // (one pool that admits every node is the common case: nothing to compare)
    if (names.length === 1) {
      const only = poolsByName.get(names[0]);
      if (only === undefined || !constrained(only)) return;
    }
    const pools: P[] = [];
    for (let i = 0; i < names.length; i++) {
      const p = poolsByName.get(names[i]);
      if (p === undefined) return; // (a pool the set does not have: MV110's)
      pools.push(p);
    }
    if (pools.length > 1 && pinned === undefined) {
      const key = names.join('\u0000');
      let pairs = mixedSubnets.get(key);
      if (!pairs) mixedSubnets.set(key, (pairs = mixedSubnetPairs(pools)));
      const terms = pairs.length > 0 ? placementRequirements(w.placement) : [];
      const pair = pairs.find(([p, q]) => terms.some(t =>
        !unsatisfiable([...t, ...selectorRequirements(p.nodeAffinity), ...selectorRequirements(q.nodeAffinity)])));
      if (pair) {
        const [p, q] = pair;
        push(out.workloads, w, finding(RULES.rackPoolsOverlap, `${w.podSpecField}.nodeSelector`,
          `${whereOf(nic)} lists IPv${family} pools "${p.name}" (${p.subnet}) and "${q.name}" (${q.subnet}), and ${workloadLabel(w)} can run on a node ${p.nodeAffinity && q.nodeAffinity ? 'both pools\' nodeAffinity admit' : 'both pools admit (one has no nodeAffinity)'}; Spiderpool filters the listed pools by node and allocates from the first that has a free address, so such a pod can get "${q.name}"'s subnet, which the switch of its rack does not route`,
          'pin each pool to the nodes of its rack with nodeAffinity on one label with a different value per rack (Fabric does this), or list pools of one subnet only'));
      }
    }
    for (let i = 0; i < pools.length; i++) if (!constrained(pools[i])) return; // a pool for every node
    const bad = conjunctions().find(c => !pools.some(p => poolAdmits(p, c, pinned)));
    if (!bad) return;
    const fix = pools[0].nodeName && pools[0].nodeName.length > 0
      ? `run the pods only on ${pools[0].nodeName.join(', ')} (required node affinity on kubernetes.io/hostname), or select a pool without nodeName`
      : `add nodeSelector ${formatSelector(Object.entries(pools[0].nodeAffinity?.matchLabels ?? {}))}${(pools[0].nodeAffinity?.matchExpressions ?? []).length > 0 ? ' and required node affinity matching its matchExpressions' : ''} to the pod template, or select a pool whose nodeAffinity covers the pods' nodes`;
    push(out.workloads, w, finding(RULES.placementPool, `${w.podSpecField}.nodeSelector`,
      `${whereOf(nic)} allocates IPv${family} from ${pools.map(p => `"${p.name}"`).join(', ')}, whose ${pools.map(p => (p.nodeName && p.nodeName.length > 0 ? `nodeName ${p.nodeName.join(', ')}` : 'nodeAffinity')).join(' / ')} does not admit every node ${workloadLabel(w)} can be scheduled on; pods elsewhere get no address`,
      fix));
  };
  // (workloads placed alike share their conjunctions, by the placement as JSON)
  const placements = new Map<string, Conjunction[]>();
  for (let wi = 0; wi < input.workloads.length; wi++) {
    const w = input.workloads[wi];
    if (w.hostNetwork === true && w.networkAnnotations.length > 0) {
      push(out.workloads, w, finding(RULES.hostNetworkMacvlan, `${w.podSpecField}.hostNetwork`,
        `the pod runs in the host's network namespace, so no CNI plugin runs for it and Multus ignores ${w.networkAnnotations.join(', ')}`,
        'drop hostNetwork: true to give the pod its macvlan NICs, or drop the network annotations'));
    }
    const nics = attached(w);
    if (nics.length === 0) continue;
    let conjList: Conjunction[] | undefined;
    const conjunctions = () => (conjList ??= conjunctionsOf(w.placement, placements));
    const pinned = w.placement.nodeName;
    const plainSelector = !w.placement.requiredTerms || w.placement.requiredTerms.length === 0 ? w.placement.nodeSelector ?? {} : undefined;
    for (let ni = 0; ni < nics.length; ni++) {
      const nic = nics[ni];
      const made = nic.master !== undefined ? creators.get(nic.master) : undefined;
      // a plain nodeSelector that repeats a creating policy's selector: nothing more to compare
      if (made && made.length > 0 && pinned === undefined && !(plainSelector && someIncludes(made, plainSelector))) {
        const conjs = conjunctions();
        const bad = conjs.find(c => !createdOn(made, c));
        if (bad) {
          const h = made[0];
          const missing = missingEqualities(bad, h.nodeSelector);
          push(out.workloads, w, finding(RULES.placementHostInterface, `${w.podSpecField}.nodeSelector`,
            `${whereOf(nic)} needs host interface ${nic.master}, which ${made.map(x => `host policy ${x.name}`).join(' / ')} creates only on nodes matching ${made.map(x => describeEqualities(x.nodeSelector)).join(' / ')}, but ${workloadLabel(w)} can be scheduled on other nodes`,
            made.length > 1
              ? `keep the pods on nodes matching one of ${made.map(x => describeEqualities(x.nodeSelector)).join(' / ')}: add nodeSelector ${formatSelector(missing)} to the pod template, or required node affinity with one term per policy (Fabric.placeWorkload() adds its racks')`
              : `add nodeSelector ${formatSelector(missing)} to the pod template (VlanTopology.placeWorkload() adds the topology's)`));
        }
      }
      checkFamilyPlacement(w, nic, 4, nic.ipv4Pools, pinned, conjunctions);
      checkFamilyPlacement(w, nic, 6, nic.ipv6Pools, pinned, conjunctions);
      const ports = nic.master !== undefined ? portOf.get(nic.master) : undefined;
      if (ports === undefined) continue;
      for (const { policy, bond } of ports) {
        if (pinned === undefined && conjunctions().every(c => disjointFromEqualities(c, policy.nodeSelector))) continue;
        push(out.workloads, w, finding(RULES.masterIsBondPort, `${w.podSpecField}.nodeSelector`,
          `${whereOf(nic)} uses ${nic.master} as macvlan master, but host policy ${policy.name} makes it a port of bond ${bond} on nodes matching ${describeEqualities(policy.nodeSelector)} (the kernel gives the device to the bond or to macvlan, not both)`,
          `use the bond (or a VLAN on it, e.g. ${bond}.<id>) as the network's master, or keep the pods off those nodes`));
      }
    }
  }

  // One VLAN id on one base interface under two names, on nodes two policies (or one) share.
  // base -> id -> the names given to that VLAN, in order, each with the policies using it (usually one name: nothing
  // to compare; a list rather than a map per VLAN, and no key string: a fabric's policy has thousands of VLANs)
  const vlans = new Map<string, Map<number, Array<VlanName<H>>>>();
  const addVlan = (h: H, i: HostInterfaceModel): void => {
    if (i.vlanBase === undefined || i.vlanId === undefined) return;
    let byId = vlans.get(i.vlanBase);
    if (!byId) vlans.set(i.vlanBase, (byId = new Map()));
    const names = byId.get(i.vlanId);
    if (!names) {
      byId.set(i.vlanId, [{ name: i.name, users: [{ policy: h, iface: i }] }]);
      return;
    }
    let clash: { policy: H; iface: HostInterfaceModel } | undefined;
    let same: VlanName<H> | undefined;
    for (let n = 0; n < names.length; n++) {
      if (names[n].name === i.name) {
        same = names[n];
        continue;
      }
      // (within one policy MV026 reports it)
      clash ??= names[n].users.find(o => o.policy !== h && equalitiesOverlap(o.policy.nodeSelector, h.nodeSelector));
    }
    if (clash) {
      push(out.hostPolicies, h, finding(RULES.vlanIdTwoNames, `${i.field}.vlan.id`,
        `VLAN ${i.vlanId} on ${i.vlanBase} is named "${i.name}" here and "${clash.iface.name}" by host policy ${clash.policy.name}, on nodes both select (${describeEqualities(Object.assign({}, clash.policy.nodeSelector, h.nodeSelector))}); the kernel refuses a second VLAN device with the same id on one interface`,
        `use one name for VLAN ${i.vlanId} on ${i.vlanBase} (e.g. "${clash.iface.name}"), or give the policies disjoint nodeSelectors`));
    }
    if (same) same.users.push({ policy: h, iface: i }); else names.push({ name: i.name, users: [{ policy: h, iface: i }] });
  };
  // (only policies that differ can clash: with one policy, nothing to file)
  if (policies.length > 1) for (const h of policies) for (let i = 0; i < h.interfaces.length; i++) addVlan(h, h.interfaces[i]);

  // One master for macvlan and ipvlan networks.
  const byMaster = new Map<string, N[]>();
  const networks = input.networks ?? [];
  // (only a master with an ipvlan network can have a finding: without any, nothing to gather)
  let ipvlanNetworks = false;
  for (let i = 0; i < networks.length && !ipvlanNetworks; i++) ipvlanNetworks = networks[i].plugin === 'ipvlan';
  if (ipvlanNetworks) for (let i = 0; i < networks.length; i++) addToList(byMaster, networks[i].master, networks[i]);
  const checkMaster = (master: string, nets: readonly N[]): void => {
    // (most masters have one network, or only macvlan ones: nothing to filter)
    let anyIpvlan = false;
    for (let i = 0; i < nets.length && !anyIpvlan; i++) anyIpvlan = nets[i].plugin === 'ipvlan';
    if (!anyIpvlan) return;
    const ipvlan = nets.filter(n => n.plugin === 'ipvlan');
    for (const n of nets.filter(x => x.plugin === 'macvlan')) {
      push(out.networks, n, finding(RULES.macvlanIpvlanMaster, n.field,
        `master ${master} is also the master of ipvlan network(s) ${ipvlan.map(x => x.ref).join(', ')}; an interface carries macvlan or ipvlan children, not both, so pods of the second kind fail on a node that has the first`,
        'give the macvlan and the ipvlan networks different masters (e.g. separate VLAN sub-interfaces)'));
    }
  };
  byMaster.forEach((nets, master) => checkMaster(master, nets));
  return out;
}

/**
 * Pairs of `pools` with different subnets that can admit one node (MV194): neither pinned to node names with
 * disjoint lists, nor with node affinities that require different values of one label. A pool pinned by name
 * against one pinned by labels cannot be compared (the nodes' labels are unknown): not reported.
 */
function mixedSubnetPairs<P extends PoolModel>(pools: readonly P[]): Array<[P, P]> {
  const out: Array<[P, P]> = [];
  const named = (p: P) => p.nodeName !== undefined && p.nodeName.length > 0;
  for (let i = 0; i < pools.length; i++) {
    for (let j = i + 1; j < pools.length; j++) {
      const p = pools[i];
      const q = pools[j];
      if (p.subnet === undefined || q.subnet === undefined || p.subnet === q.subnet) continue;
      if (named(p) || named(q)) {
        if (named(p) && named(q) && p.nodeName!.some(n => q.nodeName!.includes(n))) out.push([p, q]);
        else if (named(p) !== named(q) && (p.nodeAffinity === undefined && !named(p) || q.nodeAffinity === undefined && !named(q))) out.push([p, q]);
        continue;
      }
      if (!unsatisfiable([...selectorRequirements(p.nodeAffinity), ...selectorRequirements(q.nodeAffinity)])) out.push([p, q]);
    }
  }
  return out;
}

/**
 * Below this many addresses (and for thresholds up to 4096%), a pool's capacity is compared in plain numbers:
 * every product stays under 2^53, so the result is the big-integer comparison's.
 */
const SMALL_SUPPLY = 2n ** 40n;

/**
 * `exceeded` when the peak needs more addresses than there are, `warning` above `warn` percent (of its whole
 * part), else `ok`.
 */
export function capacityStatus(demand: number, supply: bigint, warn: number): 'ok' | 'warning' | 'exceeded' {
  const whole = Math.floor(warn);
  if (supply < SMALL_SUPPLY && Number.isSafeInteger(demand) && demand < 2 ** 40 && Number.isInteger(whole) && Math.abs(whole) <= 4096) {
    const n = Number(supply);
    return demand > n ? 'exceeded' : demand * 100 > n * whole ? 'warning' : 'ok';
  }
  return BigInt(demand) > supply ? 'exceeded' : BigInt(demand) * 100n > supply * BigInt(whole) ? 'warning' : 'ok';
}

/** The pools of one family a NIC can take addresses from, with their pods' peak. */
interface Selection {
  readonly pools: readonly string[];
  pods: number;
}

const constrained = (p: PoolModel) => p.nodeAffinity !== undefined || (p.nodeName !== undefined && p.nodeName.length > 0);

/**
 * Which of the pools a NIC lists admit a node the workload's pods can run on (Spiderpool filters the listed
 * pools by the node's labels). When it cannot be told (a pod pinned by nodeName, whose labels are unknown), a
 * pool counts as reachable. Cached per pool list and placement: workloads placed alike cost one decision.
 */
/** The demand on one pool: the NICs that can take its addresses, their peak pods, and those that can take no other. */
interface PoolDemand {
  readonly rows: CapacityWorkloadRow[];
  demand: number;
  pinned: number;
}

/** The demand of the workloads' NICs, per pool and per selection (the pools one NIC can take a family's addresses from). */
class DemandTable<W extends WorkloadModel, P extends PoolModel> {
  public readonly byPool = new Map<string, PoolDemand>();
  public readonly selections = new Map<string, Selection>();
  /** Whether some selection has more than one pool. */
  public spread = false;
  private readonly reach = new PoolReach<P>();
  /**
   * The peak of Deployments with a replica count and a rolling update, by maxSurge and replica count: most
   * workloads of an app are alike (a result is only read).
   */
  private readonly deploymentPeaks = new Map<number | string | undefined, Map<number, PeakPods>>();

  constructor(private readonly poolsByName: ReadonlyMap<string, P>) {}

  public addWorkload(w: W): void {
    // A hostNetwork pod gets no NIC from Multus (MV174): it takes no address.
    if (w.hostNetwork === true || w.nics.length === 0) return;
    const peak = this.peakOf(w);
    const key: { placement?: string } = {};
    for (let i = 0; i < w.nics.length; i++) {
      const nic = w.nics[i];
      // (the row of the NIC's single-pool families: one object for both)
      const row = this.addFamily(w, nic, peak, nic.ipv4Pools, undefined, key);
      this.addFamily(w, nic, peak, nic.ipv6Pools, row, key);
    }
  }

  /** {@link peakPods} of the workload. */
  private peakOf(w: W): PeakPods {
    const scale = w.scale;
    if (w.kind !== 'Deployment' || typeof scale.replicas !== 'number' || scale.rollingUpdate === false || scale.autoscaled === true) {
      return peakPods(w.kind, scale);
    }
    let bySurge = this.deploymentPeaks.get(scale.maxSurge);
    if (bySurge === undefined) this.deploymentPeaks.set(scale.maxSurge, (bySurge = new Map()));
    let peak = bySurge.get(scale.replicas);
    if (peak === undefined) bySurge.set(scale.replicas, (peak = peakPods(w.kind, scale)));
    return peak;
  }

  /** One family of a NIC; returns the NIC's single-pool row (made here if `row` is undefined and needed). */
  private addFamily(w: W, nic: WorkloadNic, peak: PeakPods, names: readonly string[], row: CapacityWorkloadRow | undefined,
    key: { placement?: string }): CapacityWorkloadRow | undefined {
    if (names.length === 0) return row;
    // (one pool per family is the common case: no set, no sort)
    const distinct = names.length === 1 ? names : [...new Set(names)];
    let known = distinct.length === 1 ? (this.poolsByName.has(distinct[0]) ? distinct : NO_POOL_NAMES)
      : distinct.filter(n => this.poolsByName.has(n));
    const allKnown = known.length === distinct.length;
    if (known.length > 1) {
      const reachable = this.reach.of(known.map(n => this.poolsByName.get(n)!), w.placement, () => (key.placement ??= JSON.stringify(w.placement)));
      // (none reachable: the placement rule MV173 reports it; the demand stays on the listed pools)
      if (reachable.length > 0 && reachable.length < known.length) known = reachable.map(p => p.name);
    }
    let familyRow: CapacityWorkloadRow;
    if (known.length > 1) {
      familyRow = {
        kind: w.kind,
        namespace: w.namespace,
        name: w.name,
        interface: nic.interface,
        pods: peak.pods,
        explanation: peak.explanation,
        spreadOver: known.length,
      };
    } else {
      familyRow = row ??= {
        kind: w.kind, namespace: w.namespace, name: w.name, interface: nic.interface, pods: peak.pods, explanation: peak.explanation,
      };
    }
    const pods = peak.pods ?? 0;
    for (let i = 0; i < known.length; i++) {
      const n = known[i];
      const d = this.byPool.get(n);
      if (d) {
        d.rows.push(familyRow);
        d.demand += pods;
        if (known.length === 1) d.pinned += pods;
      } else {
        this.byPool.set(n, { rows: [familyRow], demand: pods, pinned: known.length === 1 ? pods : 0 });
      }
    }
    if (known.length === 0 || !allKnown || peak.pods === undefined) return row;
    if (known.length > 1) this.spread = true;
    const selectionKey = known.length === 1 ? known[0] : [...known].sort().join('\u0000');
    const s = this.selections.get(selectionKey);
    if (s) s.pods += peak.pods; else this.selections.set(selectionKey, { pools: known, pods: peak.pods });
    return row;
  }
}

/** One name given to a VLAN (id on a base interface), with the host policies (and their interfaces) using it. */
interface VlanName<H> {
  readonly name: string;
  readonly users: Array<{ readonly policy: H; readonly iface: HostInterfaceModel }>;
}

/** No pool of the set (shared: nothing changes it). */
const NO_POOL_NAMES: readonly string[] = Object.freeze([]);

/** The demand of every selection whose pools all belong to selection `s` (several pools). */
function demandWithin(s: Selection, selections: ReadonlyMap<string, Selection>, keysByPool: ReadonlyMap<string, readonly string[]>): number {
  let demand = 0;
  const counted = new Set<string>();
  const inside = new Set(s.pools);
  for (const p of s.pools) {
    for (const key of keysByPool.get(p) ?? []) {
      if (counted.has(key)) continue;
      counted.add(key);
      const other = selections.get(key)!;
      if (other.pools.every(n => inside.has(n))) demand += other.pods;
    }
  }
  return demand;
}

/** A placement's conjunctions, made once per distinct placement (they are only read). */
function conjunctionsOf(placement: NodePlacement, cache: Map<string, Conjunction[]>): Conjunction[] {
  const key = JSON.stringify(placement);
  let c = cache.get(key);
  if (c === undefined) cache.set(key, (c = placementConjunctions(placement)));
  return c;
}

/** Whether `selector` has every equality of one of the policies' node selectors. */
function someIncludes(policies: readonly HostPolicyModel[], selector: { readonly [key: string]: string }): boolean {
  for (let i = 0; i < policies.length; i++) if (includesEqualities(selector, policies[i].nodeSelector)) return true;
  return false;
}

/** Whether `selector` has every key of `equalities` with its value. */
function includesEqualities(selector: { readonly [key: string]: string }, equalities: { readonly [key: string]: string }): boolean {
  for (const k in equalities) {
    if (Object.prototype.hasOwnProperty.call(equalities, k) && selector[k] !== equalities[k]) return false;
  }
  return true;
}

/** Sets `key` to `value` unless it has a value. */
function addFirst<V>(map: Map<string, V>, key: string, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

/** Appends `value` to the list under `key`. */
function addToList<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

/** One interface of a host policy: who creates it, and the bond ports it takes. */
function addHostInterface<H extends HostPolicyModel>(h: H, i: HostInterfaceModel, creators: Map<string, H[]>,
  portOf: Map<string, Array<{ policy: H; bond: string }>>): void {
  const list = creators.get(i.name);
  // (a policy's interfaces come one after another: checking the last entry keeps each policy once)
  if (!list) creators.set(i.name, [h]); else if (list[list.length - 1] !== h) list.push(h);
  if (i.ports === undefined) return;
  for (const port of i.ports) {
    const ports = portOf.get(port) ?? [];
    ports.push({ policy: h, bond: i.name });
    portOf.set(port, ports);
  }
}

class PoolReach<P extends PoolModel> {
  private readonly cache = new Map<string, P[]>();
  private readonly requirements = new Map<P, NodeRequirement[]>();

  public of(pools: P[], placement: NodePlacement, placementKey: () => string): P[] {
    if (!pools.some(constrained)) return pools;
    const free = Object.keys(placement.nodeSelector ?? {}).length === 0 && (placement.requiredTerms ?? []).length === 0;
    if (free && placement.nodeName === undefined) return pools;
    const key = `${pools.map(p => p.name).join('\u0000')}\u0001${placementKey()}`;
    let out = this.cache.get(key);
    if (!out) {
      const terms = placementRequirements(placement);
      out = pools.filter(p => this.reachable(p, terms, placement.nodeName));
      this.cache.set(key, out);
    }
    return out;
  }

  private reachable(p: P, terms: NodeRequirement[][], pinned: string | undefined): boolean {
    if (p.nodeName && p.nodeName.length > 0) {
      if (pinned !== undefined) return p.nodeName.includes(pinned);
      const byLabel: NodeRequirement = { key: HOSTNAME_LABEL, operator: 'In', values: p.nodeName };
      const byField: NodeRequirement = { key: NODE_NAME_FIELD, operator: 'In', values: p.nodeName };
      return terms.some(t => !unsatisfiable([...t, byLabel]) && !unsatisfiable([...t, byField]));
    }
    if (!p.nodeAffinity || pinned !== undefined) return true;
    let reqs = this.requirements.get(p);
    if (!reqs) this.requirements.set(p, (reqs = selectorRequirements(p.nodeAffinity)));
    const own = reqs;
    return terms.some(t => !unsatisfiable([...t, ...own]));
  }
}

/**
 * The pools of a selection whose nodes no other pool of it admits (the racks' pools of a fabric): a pod on such a
 * node gets this pool's addresses or none. A pool without nodeAffinity / nodeName shares every node.
 */
function exclusivePools<P extends PoolModel>(pools: readonly P[]): P[] {
  if (pools.some(p => !constrained(p))) return [];
  const named = (p: P) => p.nodeName !== undefined && p.nodeName.length > 0;
  const disjoint = (p: P, q: P): boolean => {
    if (named(p) && named(q)) return !p.nodeName!.some(n => q.nodeName!.includes(n));
    if (named(p) || named(q)) return false; // names against labels: cannot be told
    return unsatisfiable([...selectorRequirements(p.nodeAffinity), ...selectorRequirements(q.nodeAffinity)]);
  };
  return pools.filter(p => pools.every(q => q === p || disjoint(p, q)));
}

/** `nodes matching k=v` / `nodes a, b` for a pool's nodeAffinity or nodeName. */
function describePoolNodes(p: PoolModel): string {
  if (p.nodeName && p.nodeName.length > 0) return `nodes ${p.nodeName.join(', ')}`;
  const parts = Object.entries(p.nodeAffinity?.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`);
  for (const r of p.nodeAffinity?.matchExpressions ?? []) parts.push(`${r.key} ${r.operator}${r.values && r.values.length > 0 ? ` [${r.values.join(', ')}]` : ''}`);
  return `nodes matching ${parts.join(', ')}`;
}

/** Per list of policies creating one interface: the policies by the one node they select (kubernetes.io/hostname). */
const byHostname = new WeakMap<readonly HostPolicyModel[], Map<string, HostPolicyModel[]>>();

/**
 * Whether one of `made` creates the interface on every node satisfying `conj`; with per-node policies (static node
 * addresses, selected by kubernetes.io/hostname) a placement on `hostname In [a, b]` is judged node by node.
 */
function createdOn(made: readonly HostPolicyModel[], conj: Conjunction): boolean {
  if (made.some(h => missingEqualities(conj, h.nodeSelector).length === 0)) return true;
  const split = splitByValues(conj, HOSTNAME_LABEL);
  if (!split) return false;
  let index = byHostname.get(made);
  if (!index) {
    index = new Map();
    for (const h of made) {
      const node = h.nodeSelector[HOSTNAME_LABEL];
      if (node === undefined) continue;
      const list = index.get(node);
      if (list) list.push(h); else index.set(node, [h]);
    }
    byHostname.set(made, index);
  }
  const unnamed = made.filter(h => h.nodeSelector[HOSTNAME_LABEL] === undefined);
  return split.every(one => {
    const node = [...(one.get(HOSTNAME_LABEL)?.allowed ?? [])][0];
    return [...(index!.get(node) ?? []), ...unnamed].some(h => missingEqualities(one, h.nodeSelector).length === 0);
  });
}

function poolAdmits(p: PoolModel, conj: Conjunction, pinned: string | undefined): boolean {
  if (p.nodeName && p.nodeName.length > 0) {
    return pinned !== undefined ? p.nodeName.includes(pinned) : impliesNodeNames(conj, p.nodeName);
  }
  if (!p.nodeAffinity) return true;
  if (pinned !== undefined) return true; // the node's labels are unknown: nothing to compare
  return impliesLabelSelector(conj, p.nodeAffinity) !== false;
}

function describeUsers(rows: readonly CapacityWorkloadRow[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const r of rows) {
    const text = `${r.kind} ${r.namespace}/${r.name} ${r.interface}: ${r.pods ?? '?'} (${r.explanation}${r.spreadOver ? `, spread over ${r.spreadOver} pools` : ''})`;
    if (seen.has(text)) continue;
    seen.add(text);
    parts.push(text);
  }
  return parts.length > 4 ? `${parts.slice(0, 4).join('; ')}; and ${parts.length - 4} more` : parts.join('; ');
}
