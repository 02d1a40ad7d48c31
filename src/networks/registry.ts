import { Construct, IConstruct } from 'constructs';
import {
  CapacityStatusRow, Finding, HostPolicyModel, PoolForOverlap, PoolModel, WorkloadAnalysis, WorkloadModel, analyzeWorkloads, checkPoolOverlaps,
} from '../rules';

/** What the registry needs from a pool. */
export interface RegisteredPool extends IConstruct {
  /** Parsed plan for the overlap rules (computed when asked, not kept by the pool). */
  _planForOverlap(): PoolForOverlap;
  /** The pool for the capacity and placement rules. */
  _capacityModel(): PoolModel;
}

type Owned<T> = T & { owner: IConstruct };
type Analysis = WorkloadAnalysis<Owned<WorkloadModel>, Owned<PoolModel>, Owned<HostPolicyModel>, never>;

const REGISTRY_ID = 'cdk8s-macvlan.Registry';

/**
 * One counter for every app in the process: a pod of one app may attach networks and pools of another, so a
 * change in any app must reach every cached validation.
 */
let revisionCounter = 0;

/**
 * Changes whenever something a validation reads can change: a pool registered, a name claimed, a pool added to
 * a network ({@link markValidationInputsChanged}). Constructs reuse their validation messages while it stays the
 * same: cdk8s validates the whole app once per chart it synthesizes, and nothing changes in between.
 */
export function validationRevision(): number {
  return revisionCounter;
}

/** Records a change that validations may read. */
export function markValidationInputsChanged(): void {
  revisionCounter++;
}
const NONE: readonly Finding[] = Object.freeze([]);

/**
 * One per app (construct tree root): knows every IP pool and every object name so that the cross-object rules
 * run once per validation pass, in O(n log n), however many constructs report their own findings.
 * @internal
 */
export class Registry extends Construct {
  public static of(scope: IConstruct): Registry {
    let root = scope;
    while (root.node.scope) root = root.node.scope; // (node.root builds the list of every scope on the way)
    return (root.node.tryFindChild(REGISTRY_ID) as Registry | undefined) ?? new Registry(root as Construct, REGISTRY_ID);
  }

  private readonly pools: RegisteredPool[] = [];
  private overlaps?: { size: number; findings: Map<RegisteredPool, Finding[]> };
  private readonly workloads: Array<{ owner: IConstruct; model: () => WorkloadModel }> = [];
  private readonly hostPolicies: Array<{ owner: IConstruct; model: () => HostPolicyModel }> = [];
  private analysis?: { revision: number; result: Analysis; byOwner: Map<IConstruct, Finding[]> };
  /** kind -> qualified name -> first owner (nested, so that no key strings are built). */
  private readonly names = new Map<string, Map<string, IConstruct>>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** Records that `owner` defines object `kind` `namespace/name` (the first claim wins). */
  public claimName(kind: string, qualifiedName: string, owner: IConstruct): void {
    let byName = this.names.get(kind);
    if (!byName) this.names.set(kind, (byName = new Map()));
    if (!byName.has(qualifiedName)) byName.set(qualifiedName, owner);
    markValidationInputsChanged();
  }

  /** The construct that first claimed the name, when it is not `owner`. */
  public firstOwner(kind: string, qualifiedName: string, owner: IConstruct): IConstruct | undefined {
    const first = this.names.get(kind)?.get(qualifiedName);
    return first !== undefined && first !== owner ? first : undefined;
  }

  public registerPool(pool: RegisteredPool): void {
    this.pools.push(pool);
    this.overlaps = undefined;
    markValidationInputsChanged();
  }

  /** Records a workload (or pod) with macvlan NICs, for the workload rules; `model` is read at validation. */
  public registerWorkload(owner: IConstruct, model: () => WorkloadModel): void {
    this.workloads.push({ owner, model });
    markValidationInputsChanged();
  }

  /** Records the interfaces a host policy creates on the nodes it selects. */
  public registerHostPolicy(owner: IConstruct, model: () => HostPolicyModel): void {
    this.hostPolicies.push({ owner, model });
    markValidationInputsChanged();
  }

  /**
   * The workload rules' findings for one construct (a pool, a workload, a host policy's owner): capacity,
   * placement, hostNetwork, host interface conflicts. Computed for the whole app once per validation revision.
   */
  public workloadFindingsFor(owner: IConstruct): readonly Finding[] {
    return this.workloadAnalysis().byOwner.get(owner) ?? NONE;
  }

  /** The capacity table of every pool of the app, in the order the pools were created. */
  public capacity(): CapacityStatusRow[] {
    return this.workloadAnalysis().result.capacity;
  }

  private workloadAnalysis(): { result: Analysis; byOwner: Map<IConstruct, Finding[]> } {
    const revision = validationRevision();
    if (this.analysis?.revision === revision) return this.analysis;
    const result: Analysis = analyzeWorkloads({
      workloads: this.workloads.map(w => ({ ...w.model(), owner: w.owner })),
      pools: this.pools.map(p => ({ ...p._capacityModel(), owner: p as IConstruct })),
      hostPolicies: this.hostPolicies.map(h => ({ ...h.model(), owner: h.owner })),
    });
    const byOwner = new Map<IConstruct, Finding[]>();
    for (const map of [result.workloads, result.pools, result.hostPolicies] as Array<Map<{ owner: IConstruct }, Finding[]>>) {
      for (const [model, findings] of map) byOwner.set(model.owner, [...(byOwner.get(model.owner) ?? []), ...findings]);
    }
    this.analysis = { revision, result, byOwner };
    return this.analysis;
  }

  /**
   * Cross-pool findings for one pool. At the first call after a pool was added, every pool's plan is parsed
   * and swept once; only the findings are kept.
   */
  public overlapFindingsFor(pool: RegisteredPool): readonly Finding[] {
    if (!this.overlaps || this.overlaps.size !== this.pools.length) {
      const plans = this.pools.map(p => ({ ...p._planForOverlap(), pool: p }));
      const findings = new Map<RegisteredPool, Finding[]>();
      for (const [plan, list] of checkPoolOverlaps(plans)) findings.set(plan.pool, list);
      this.overlaps = { size: this.pools.length, findings };
    }
    return this.overlaps.findings.get(pool) ?? NONE;
  }
}
