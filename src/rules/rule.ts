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

/** The function that decides a rule (its signature depends on what the rule reads). */
export type RuleCheck = (...args: any[]) => unknown;

/** What a rule definition gives. */
export interface RuleDefinition {
  /** Stable id, `MV` and three digits. Never renumbered. */
  readonly id: string;
  readonly severity: Severity;
  /** One line, rendered as the rule's heading. */
  readonly title: string;
  /** The one function in src/rules that decides the rule (it returns the rule's findings). */
  readonly check: RuleCheck;
  /** Failing and fixed example. */
  readonly example?: RuleExample;
}

/** A rule of the catalog: its definition and its docs link. */
export interface RuleInfo extends RuleDefinition {
  /** How to read the rule's page, e.g. `cdk8s-macvlan explain MV004` (works wherever the package is installed). */
  readonly docs: string;
}

/** A rule: id, severity, title, the function that checks it and its examples, in one place. */
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
