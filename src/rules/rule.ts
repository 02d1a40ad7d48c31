/** Severity of a rule: errors fail synth (and `lint`), warnings are reported only. */
export type Severity = 'error' | 'warning';

/**
 * A failing and a fixed example of a rule, rendered into docs/rules.md. YAML examples are Kubernetes
 * manifests: a test lints them (the bad one must trigger the rule, the good one must not).
 */
export interface RuleExample {
  /** Triggers the rule. */
  readonly bad: string;
  /** The same, fixed. */
  readonly good: string;
  /**
   * `yaml` (manifests, linted by the docs test) or `typescript` (construct code, shown only).
   * @default "yaml"
   */
  readonly language?: 'yaml' | 'typescript';
}

/** `T`, in a position the compiler does not infer type arguments from (TypeScript 5.4's `NoInfer`, for older compilers too). */
type NotInferred<T> = [T][T extends unknown ? 0 : never];

/** The names of the functions module `M` exports. */
type FunctionNames<M> = { [K in keyof M]: M[K] extends (...args: any[]) => unknown ? K : never }[keyof M] & string;

/**
 * The name of the function of src/rules that decides a rule: `checkOf<typeof PoolChecks>('checkIpPool')`, with
 * `import type * as PoolChecks from '../ip-pool'`. The compiler checks that the module exports a function of that
 * name (the module type is required: without it no name compiles); the reference is a type only, so the
 * definitions do not load the checks' modules (ARCHITECTURE.md, "Where a new rule goes": that import was a cycle).
 */
export function checkOf<M = never>(name: NotInferred<FunctionNames<M>>): string {
  return name;
}

/** What a rule definition gives. */
export interface RuleDefinition {
  /** Stable id, `MV` and three digits. Never renumbered. */
  readonly id: string;
  readonly severity: Severity;
  /** One line, rendered as the rule's heading. */
  readonly title: string;
  /**
   * The name of the one function in src/rules that decides the rule (it returns the rule's findings), given with
   * {@link checkOf}.
   */
  readonly check: string;
  /** Failing and fixed example. */
  readonly example?: RuleExample;
}

/** A rule of the catalog: its definition and its docs link. */
export interface RuleInfo extends RuleDefinition {
  /** How to read the rule's page, e.g. `cdk8s-macvlan explain MV004` (works wherever the package is installed). */
  readonly docs: string;
}

/** A rule: id, severity, title, the name of the function that checks it and its examples, in one place. */
export function defineRule(def: RuleDefinition): RuleInfo {
  return Object.assign({}, def, { docs: ruleDocsLink(def.id) });
}

/**
 * The documentation link of a rule id: the command that prints its page offline (`cdk8s-macvlan explain
 * MV004`); the same page is docs/rules.md in the package, under the anchor `#mv004`.
 */
export function ruleDocsLink(id: string): string {
  return `cdk8s-macvlan explain ${id}`;
}

/** One problem found by a rule. */
export interface Finding {
  readonly rule: RuleInfo;
  /** The field at fault, as a path (`spec.gateway`, `metadata.annotations[k8s.v1.cni.cncf.io/networks]`). */
  readonly field: string;
  /** What is wrong, quoting the value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Builds a finding. */
export function finding(rule: RuleInfo, field: string, message: string, fix: string): Finding {
  return { rule, field, message, fix };
}

/**
 * One-line rendering used by construct validation and the CLI:
 * `MV004 error: <object> spec.gateway: gateway "10.1.0.1" is outside subnet 10.0.0.0/24. Fix: ...`.
 */
export function formatFinding(f: Pick<Finding, 'field' | 'message' | 'fix'> & { readonly rule: Pick<RuleInfo, 'id' | 'severity'> }, subject: string): string {
  return `${f.rule.id} ${f.rule.severity}: ${subject} ${f.field}: ${f.message}. Fix: ${f.fix}`;
}

/** Only the findings that fail synth. */
export function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter(f => f.rule.severity === 'error');
}
