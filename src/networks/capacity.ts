import { IConstruct } from 'constructs';
import { CapacityStatusRow } from '../rules';
import { checkShape, construct, int, listOf, num, obj, oneOf, opt, req, str } from '../shape';
import { ValidationEngine } from '../validation/engine';

/** How full a pool is at its workloads' peak. */
export enum CapacityStatus {
  /** Below the warning threshold. */
  OK = 'ok',
  /**
   * Enough addresses in the pools the workloads' pods can reach together, but the scheduler may put more of them
   * on this pool's nodes (its rack) than it has addresses (rule MV195).
   */
  AT_RISK = 'at-risk',
  /** Above the warning threshold (rule MV171). */
  WARNING = 'warning',
  /** More pods than addresses (rule MV170). */
  EXCEEDED = 'exceeded',
}

/** The addresses one NIC of one workload takes from a pool at the workload's peak. */
export interface WorkloadAddressDemand {
  /** Workload kind (Deployment, StatefulSet, DaemonSet, Job, Pod, ...). */
  readonly kind: string;
  /** Workload namespace. */
  readonly namespace: string;
  /** Workload name. */
  readonly name: string;
  /** The pod interface that allocates from the pool (eth0, net1, ...). */
  readonly podInterface: string;
  /**
   * Peak pod count (replicas plus the rolling update's maxSurge, parallelism, one per node).
   * @default - unknown (a DaemonSet whose node count is not declared, an autoscaled workload): see `explanation`
   */
  readonly pods?: number;
  /** How the count came about, or why it is unknown. */
  readonly explanation: string;
  /**
   * How many pools of this family the NIC can take its addresses from (one per rack its pods can run on); the
   * scheduler decides how its pods spread over them, so `pods` is what this pool serves at most.
   * @default - every pod of the NIC takes its address from this pool
   */
  readonly spreadOver?: number;
}

/** Address supply and peak demand of one pool. */
export interface PoolCapacity {
  /** SpiderIPPool name. */
  readonly pool: string;
  /**
   * 4 or 6.
   * @default - unknown (the subnet does not parse)
   */
  readonly ipVersion?: number;
  /**
   * Allocatable addresses: ips minus excludeIps minus the gateway.
   * @default - unknown (the address plan does not parse)
   */
  readonly supply?: number;
  /**
   * Peak pods of every NIC that can take addresses from the pool: it lists the pool and its placement admits a
   * node of the pool's nodeAffinity / nodeName. An upper bound when such a NIC can also take from other pools
   * (a workload spread over racks): see `pinnedDemand`.
   */
  readonly demand: number;
  /** Peak pods of the NICs that can take addresses from this pool only (pinned to its nodes): the certain part of `demand`. */
  readonly pinnedDemand: number;
  /** OK, AT_RISK, WARNING or EXCEEDED (the pools a NIC can take from are judged together). */
  readonly status: CapacityStatus;
  /** The warning threshold, percent of supply. */
  readonly warnPercent: number;
  /** The NICs behind the demand. */
  readonly workloads: WorkloadAddressDemand[];
}

const STATUS: Record<CapacityStatusRow['status'], CapacityStatus> = {
  'ok': CapacityStatus.OK, 'at-risk': CapacityStatus.AT_RISK, 'warning': CapacityStatus.WARNING, 'exceeded': CapacityStatus.EXCEEDED,
};

const ROWS = listOf(obj('PoolCapacity', {
  pool: req(str()),
  ipVersion: opt(int()),
  supply: opt(num()),
  demand: req(num()),
  pinnedDemand: req(num()),
  status: req(oneOf('CapacityStatus', CapacityStatus as unknown as { [key: string]: string })),
  warnPercent: req(num()),
  workloads: req(listOf(obj('WorkloadAddressDemand', {
    kind: req(str()),
    namespace: req(str()),
    name: req(str()),
    podInterface: req(str()),
    pods: opt(num()),
    explanation: req(str()),
    spreadOver: opt(num()),
  }))),
}));

/**
 * Address capacity of the pools of an app: per pool the allocatable addresses and the peak pod count of every
 * workload whose NICs allocate from it (rules MV170 and MV171 report the same at synth).
 */
export class AddressCapacity {
  /**
   * Every pool of the app `scope` belongs to, in creation order. Call after the app is complete.
   * @param scope any construct of the app (the app, a chart, a topology)
   */
  public static report(scope: IConstruct): PoolCapacity[] {
    checkShape(scope, construct('pass the app, a chart or any construct of the app'), { call: 'AddressCapacity.report()' }, 'scope');
    return ValidationEngine.of(scope).capacity().map(toPublic);
  }

  /**
   * A Markdown table of the rows (pool, family, addresses, peak demand, use, status, workloads). Where workloads
   * spread over several racks' pools, the peak demand is a range: from the pods pinned to the pool to every pod
   * that can land on its nodes; the use is that of the upper end.
   * @param rows the rows of {@link AddressCapacity.report} (or of a topology's `capacityReport()`)
   */
  public static renderMarkdown(rows: PoolCapacity[]): string {
    checkShape(rows, ROWS, { call: 'AddressCapacity.renderMarkdown()' }, 'rows');
    const out = ['| Pool | Family | Addresses | Peak demand | Use | Status | Workloads (peak pods) |', '|---|---|---|---|---|---|---|'];
    for (const r of rows) {
      const pct = r.supply === undefined || r.supply === 0 ? undefined : Math.round((r.demand * 1000) / r.supply) / 10;
      const use = pct === undefined ? '-' : pct === 0 && r.demand > 0 ? '<0.1%' : `${pct}%`;
      const users = r.workloads.map(w => `${w.kind} ${w.namespace}/${w.name} ${w.podInterface}: ${w.pods ?? 'unknown'} (${w.explanation}${w.spreadOver !== undefined && w.spreadOver > 1 ? `; spread over ${w.spreadOver} pools` : ''})`).join('; ') || '-';
      const demand = r.pinnedDemand < r.demand ? `${r.pinnedDemand}-${r.demand}` : `${r.demand}`;
      out.push(`| ${r.pool} | ${r.ipVersion !== undefined ? `IPv${r.ipVersion}` : '-'} | ${r.supply ?? '-'} | ${demand} | ${use} | ${r.status} | ${users.replace(/\|/g, '\\|')} |`);
    }
    if (rows.some(r => r.pinnedDemand < r.demand)) {
      out.push('', 'A workload that runs on several racks takes each pod\'s address from the pool of the pod\'s rack, and the scheduler decides how many '
        + 'pods each rack gets: its pools show a range, from the pods that can use this pool only to every pod that can land on its nodes, and '
        + 'the use of the upper end; `at-risk` marks a pool those pods could exhaust (rule MV195).');
    }
    return out.join('\n') + '\n';
  }

  private constructor() {}
}

function toPublic(r: CapacityStatusRow): PoolCapacity {
  return {
    pool: r.pool,
    ipVersion: r.ipVersion,
    supply: r.supply === undefined ? undefined : Number(r.supply),
    demand: r.demand,
    pinnedDemand: r.pinnedDemand,
    status: STATUS[r.status],
    warnPercent: r.warnPercent,
    workloads: r.workloads.map(w => ({
      kind: w.kind,
      namespace: w.namespace,
      name: w.name,
      podInterface: w.interface,
      pods: w.pods,
      explanation: w.explanation,
      ...(w.spreadOver !== undefined ? { spreadOver: w.spreadOver } : {}),
    })),
  };
}
