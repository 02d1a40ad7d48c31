/**
 * Node constraints as the scheduler and Spiderpool read them, and the one question the workload rules ask of
 * them: does every node a pod may run on satisfy a given constraint? Decided per key, without knowing the
 * nodes: a constraint is implied only when the pod's own selector forces it, so the answer never depends on
 * which nodes happen to exist.
 */

/** One requirement on a node label (`matchExpressions` of a node selector term or a label selector). */
export interface NodeRequirement {
  readonly key: string;
  /** In, NotIn, Exists, DoesNotExist (Gt and Lt are read as "the label exists"). */
  readonly operator: string;
  readonly values?: readonly string[];
}

/**
 * Where the pods of a workload may run: `nodeSelector` AND (any one of the required node affinity terms).
 * Field requirements (`matchFields` on `metadata.name`) are written with the key {@link NODE_NAME_FIELD}.
 */
export interface NodePlacement {
  /** The pod's `nodeSelector`. */
  readonly nodeSelector?: { readonly [key: string]: string };
  /** `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`: ORed terms of ANDed requirements. */
  readonly requiredTerms?: ReadonlyArray<readonly NodeRequirement[]>;
  /** `spec.nodeName`: the pod is bound to that node (its labels are unknown). */
  readonly nodeName?: string;
}

/** A label selector (`matchLabels` AND `matchExpressions`), e.g. a SpiderIPPool's `nodeAffinity`. */
export interface LabelSelectorModel {
  readonly matchLabels?: { readonly [key: string]: string };
  readonly matchExpressions?: readonly NodeRequirement[];
}

/** The key under which a `matchFields` requirement on the node's name is kept. */
export const NODE_NAME_FIELD = 'metadata.name (matchFields)';
/** The well-known label holding the node's name. */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** What one conjunction of requirements says about one label key. */
interface KeyConstraint {
  /** Values the label may take (undefined: any). */
  allowed?: Set<string>;
  excluded: Set<string>;
  mustExist: boolean;
  mustNotExist: boolean;
}

/** A conjunction of requirements, by key. */
export type Conjunction = ReadonlyMap<string, KeyConstraint>;

function constraintsOf(reqs: readonly NodeRequirement[]): Map<string, KeyConstraint> {
  const out = new Map<string, KeyConstraint>();
  for (const r of reqs) {
    let c = out.get(r.key);
    if (!c) out.set(r.key, (c = { excluded: new Set(), mustExist: false, mustNotExist: false }));
    const values = r.values ?? [];
    switch (r.operator) {
      case 'In':
        c.mustExist = true;
        c.allowed = c.allowed ? new Set(values.filter(v => c!.allowed!.has(v))) : new Set(values);
        break;
      case 'NotIn':
        for (const v of values) c.excluded.add(v);
        break;
      case 'Exists':
      case 'Gt':
      case 'Lt':
        c.mustExist = true;
        break;
      case 'DoesNotExist':
        c.mustNotExist = true;
        break;
      default:
        break; // unknown operators constrain nothing we can use
    }
  }
  return out;
}

/**
 * The placement as a list of conjunctions (one per required affinity term, each with the nodeSelector added);
 * a pod without affinity terms has one.
 */
export function placementConjunctions(p: NodePlacement): Conjunction[] {
  const selector: NodeRequirement[] = Object.entries(p.nodeSelector ?? {}).map(([key, v]) => ({ key, operator: 'In', values: [v] }));
  const terms = p.requiredTerms && p.requiredTerms.length > 0 ? p.requiredTerms : [[]];
  return terms.map(t => constraintsOf([...selector, ...t]));
}

function possibleValues(c: KeyConstraint): string[] | undefined {
  return c.allowed ? [...c.allowed].filter(v => !c.excluded.has(v)) : undefined;
}

/** A label selector as requirements (`matchLabels` as `In` with one value). */
export function selectorRequirements(sel: LabelSelectorModel | undefined): NodeRequirement[] {
  if (!sel) return [];
  const out: NodeRequirement[] = Object.entries(sel.matchLabels ?? {}).map(([key, v]) => ({ key, operator: 'In', values: [v] }));
  for (const r of sel.matchExpressions ?? []) out.push(r);
  return out;
}

/** The placement's requirements per required affinity term (the nodeSelector added to each). */
export function placementRequirements(p: NodePlacement): NodeRequirement[][] {
  const selector: NodeRequirement[] = Object.entries(p.nodeSelector ?? {}).map(([key, v]) => ({ key, operator: 'In', values: [v] }));
  const terms = p.requiredTerms && p.requiredTerms.length > 0 ? p.requiredTerms : [[]];
  return terms.map(t => [...selector, ...t]);
}

/** True when no node can satisfy every requirement (two of them require different values of one label, ...). */
export function unsatisfiable(reqs: readonly NodeRequirement[]): boolean {
  for (const c of constraintsOf(reqs).values()) {
    if (c.mustExist && c.mustNotExist) return true;
    const possible = possibleValues(c);
    if (possible !== undefined && possible.length === 0) return true;
  }
  return false;
}

/** Whether every node satisfying `conj` satisfies `req`: true, false, or undefined when it cannot be told. */
export function impliesRequirement(conj: Conjunction, req: NodeRequirement): boolean | undefined {
  const c = conj.get(req.key);
  const values = req.values ?? [];
  const possible = c ? possibleValues(c) : undefined;
  if (possible !== undefined && possible.length === 0) return true; // no node satisfies conj
  switch (req.operator) {
    case 'In':
      return !!c && c.mustExist && possible !== undefined && possible.every(v => values.includes(v));
    case 'NotIn':
      return !!c && (c.mustNotExist || (possible !== undefined && !possible.some(v => values.includes(v))) || values.every(v => c.excluded.has(v)));
    case 'Exists':
      return !!c && c.mustExist;
    case 'DoesNotExist':
      return !!c && c.mustNotExist;
    default:
      return undefined;
  }
}

/**
 * The conjunction split by the values it allows for `key`, when it restricts the key to a finite set (e.g.
 * `kubernetes.io/hostname In [a, b]`); undefined otherwise.
 */
export function splitByValues(conj: Conjunction, key: string): Conjunction[] | undefined {
  const c = conj.get(key);
  const possible = c ? possibleValues(c) : undefined;
  if (!possible || possible.length === 0) return undefined;
  return possible.map(v => {
    const one = new Map(conj);
    one.set(key, { allowed: new Set([v]), excluded: new Set(), mustExist: true, mustNotExist: false });
    return one;
  });
}

/** Whether every node satisfying `conj` matches the equality selector; the entries it does not force. */
export function missingEqualities(conj: Conjunction, selector: { readonly [key: string]: string }): Array<[string, string]> {
  return Object.entries(selector).filter(([key, v]) => !impliesEquality(conj, key, v));
}

/**
 * {@link impliesRequirement} of `key In [value]` (a matchLabels entry), without the requirement object: every
 * node satisfying `conj` has label `key` = `value` (or no node satisfies it).
 */
function impliesEquality(conj: Conjunction, key: string, value: string): boolean {
  const c = conj.get(key);
  if (c === undefined || c.allowed === undefined) return false;
  let possible = 0;
  let other = false;
  for (const v of c.allowed) {
    if (c.excluded.has(v)) continue;
    possible++;
    if (v !== value) other = true;
  }
  if (possible === 0) return true; // no node satisfies conj
  return c.mustExist && !other;
}

/** Whether every node satisfying `conj` matches a label selector (undefined: cannot be told). */
export function impliesLabelSelector(conj: Conjunction, sel: LabelSelectorModel): boolean | undefined {
  let unknown = false;
  const labels = sel.matchLabels;
  if (labels !== undefined && labels !== null) {
    const keys = Object.keys(labels);
    for (let i = 0; i < keys.length; i++) if (!impliesEquality(conj, keys[i], labels[keys[i]])) return false;
  }
  for (const r of sel.matchExpressions ?? []) {
    const ok = impliesRequirement(conj, r);
    if (ok === false) return false;
    if (ok === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

/** Whether `conj` pins the pod to nodes named in `names` (through the hostname label or matchFields). */
export function impliesNodeNames(conj: Conjunction, names: readonly string[]): boolean {
  return impliesRequirement(conj, { key: HOSTNAME_LABEL, operator: 'In', values: names }) === true
    || impliesRequirement(conj, { key: NODE_NAME_FIELD, operator: 'In', values: names }) === true;
}

/** True when no node can satisfy both `conj` and the equality selector. */
export function disjointFromEqualities(conj: Conjunction, selector: { readonly [key: string]: string }): boolean {
  for (const [key, v] of Object.entries(selector)) {
    const c = conj.get(key);
    if (!c) continue;
    if (c.mustNotExist || c.excluded.has(v)) return true;
    const possible = possibleValues(c);
    if (possible !== undefined && !possible.includes(v)) return true;
  }
  return false;
}

/** Two equality selectors can select one node unless they require different values of one key. */
export function equalitiesOverlap(a: { readonly [key: string]: string }, b: { readonly [key: string]: string }): boolean {
  for (const [key, v] of Object.entries(a)) {
    if (Object.prototype.hasOwnProperty.call(b, key) && b[key] !== v) return false;
  }
  return true;
}

/** `k=v, k2=v2` (sorted), or `every node`. */
export function describeEqualities(selector: { readonly [key: string]: string }): string {
  const entries = Object.entries(selector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? 'every node' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

/** The entries as a YAML/JSON-ish map: `{"k": "v"}`. */
export function formatSelector(entries: ReadonlyArray<[string, string]>): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
}
