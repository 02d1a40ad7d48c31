/**
 * How findings reach the user: errors become the construct's validation messages (they fail synth); warnings
 * are recorded on the construct's metadata (and echoed once to stderr), unless acknowledged for that rule
 * on the construct or one of its scopes ({@link Warnings.acknowledge}).
 */
import { IConstruct } from 'constructs';
import type { OwnerFinding, ReportedFinding } from './engine';

/** Metadata type of a warning recorded on a construct (`node.metadata`); data: the warning line. */
export const WARNING_METADATA = 'cdk8s-macvlan:warning';
/** Metadata type of an acknowledgement (`Warnings.of(scope).acknowledge(ruleId, reason)`); data: `{ ruleId, reason }`. */
export const ACKNOWLEDGE_METADATA = 'cdk8s-macvlan:acknowledge';

const reported = new WeakMap<IConstruct, Set<string>>();

/** One-line rendering: `MV004 error: <subject> spec.gateway: <message>. Fix: <fix>`. */
export function formatReported(f: ReportedFinding, subject: string): string {
  return `${f.rule} ${f.severity}: ${subject} ${f.field}: ${f.message}. Fix: ${f.fix}`;
}

/** The rule ids acknowledged on `scope` or any of its scopes. */
export function acknowledgedRules(scope: IConstruct): Set<string> {
  const out = new Set<string>();
  for (let s: IConstruct | undefined = scope; s; s = s.node.scope) {
    for (const m of s.node.metadata) {
      if (m.type === ACKNOWLEDGE_METADATA) out.add((m.data as { ruleId: string }).ruleId);
    }
  }
  return out;
}

/** Records the warnings of `owner` and returns its error messages. */
export function reportFindings(owner: IConstruct, findings: readonly OwnerFinding[]): string[] {
  const errors: string[] = [];
  let acknowledged: Set<string> | undefined;
  for (const { subject, finding } of findings) {
    const line = formatReported(finding, subject);
    if (finding.severity === 'error') {
      errors.push(line);
      continue;
    }
    acknowledged ??= acknowledgedRules(owner);
    if (acknowledged.has(finding.rule)) continue;
    let seen = reported.get(owner);
    if (!seen) reported.set(owner, (seen = new Set()));
    if (seen.has(line)) continue;
    seen.add(line);
    owner.node.addMetadata(WARNING_METADATA, line);
    if (!process.env.CDK8S_MACVLAN_QUIET) process.stderr.write(`[${owner.node.path}] ${line}\n`);
  }
  return errors;
}
