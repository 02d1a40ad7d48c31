import { Construct, IConstruct } from 'constructs';
import { Finding, PoolForOverlap, checkPoolOverlaps } from '../rules';

/** What the registry needs from a pool. */
export interface RegisteredPool extends IConstruct {
  /** Parsed plan for the overlap rules. */
  _planForOverlap(): PoolForOverlap;
}

const REGISTRY_ID = 'cdk8s-macvlan.Registry';

/**
 * One per app (construct tree root): knows every IP pool so that the cross-pool rules run once per
 * validation pass, in O(n log n), however many pools report their own findings.
 * @internal
 */
export class Registry extends Construct {
  public static of(scope: IConstruct): Registry {
    const root = scope.node.root;
    return (root.node.tryFindChild(REGISTRY_ID) as Registry | undefined) ?? new Registry(root as Construct, REGISTRY_ID);
  }

  private readonly pools: RegisteredPool[] = [];
  private cache?: { size: number; findings: Map<RegisteredPool, Finding[]> };

  private readonly names = new Map<string, IConstruct>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** Records that `owner` defines object `kind` `namespace/name` (the first claim wins). */
  public claimName(kind: string, qualifiedName: string, owner: IConstruct): void {
    const key = `${kind}\u0000${qualifiedName}`;
    if (!this.names.has(key)) this.names.set(key, owner);
  }

  /** The construct that first claimed the name, when it is not `owner`. */
  public firstOwner(kind: string, qualifiedName: string, owner: IConstruct): IConstruct | undefined {
    const first = this.names.get(`${kind}\u0000${qualifiedName}`);
    return first !== undefined && first !== owner ? first : undefined;
  }

  public registerPool(pool: RegisteredPool): void {
    this.pools.push(pool);
    this.cache = undefined;
  }

  /** Cross-pool findings for one pool (computed for all pools at the first call of a pass). */
  public overlapFindingsFor(pool: RegisteredPool): Finding[] {
    if (!this.cache || this.cache.size !== this.pools.length) {
      const plans = this.pools.map(p => ({ ...p._planForOverlap(), pool: p }));
      const byPlan = checkPoolOverlaps(plans);
      const findings = new Map<RegisteredPool, Finding[]>();
      for (const [plan, list] of byPlan) findings.set(plan.pool, list);
      this.cache = { size: this.pools.length, findings };
    }
    return this.cache.findings.get(pool) ?? [];
  }
}
