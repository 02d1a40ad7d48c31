import { IConstruct, IValidation } from 'constructs';
import { Finding, duplicateObjectFinding, errorsOf, formatFinding } from '../rules';
import { Registry, validationRevision } from './registry';

/** Metadata type under which warnings are recorded on the construct (`node.metadata`). */
export const WARNING_METADATA = 'cdk8s-macvlan:warning';

const reported = new WeakMap<IConstruct, Set<string>>();

/**
 * Turns findings into validation messages: errors fail synth; warnings do not, and are recorded once as
 * construct metadata and printed once to stderr (unless CDK8S_MACVLAN_QUIET is set).
 */
export function validationMessages(scope: IConstruct, findings: readonly Finding[], subject: string): string[] {
  for (const f of findings) {
    if (f.rule.severity !== 'warning') continue;
    const line = formatFinding(f, subject);
    let seen = reported.get(scope);
    if (!seen) reported.set(scope, (seen = new Set()));
    if (seen.has(line)) continue;
    seen.add(line);
    scope.node.addMetadata(WARNING_METADATA, line);
    if (!process.env.CDK8S_MACVLAN_QUIET) process.stderr.write(`[${scope.node.path}] ${line}\n`);
  }
  return errorsOf(findings).map(f => formatFinding(f, subject));
}

/** MV097 when another construct of the app already defines the same object. */
export function duplicateFindings(registry: Registry, kind: string, qualifiedName: string, owner: IConstruct): Finding[] {
  const first = registry.firstOwner(kind, qualifiedName, owner);
  if (!first) return [];
  return [duplicateObjectFinding(kind, qualifiedName, first.node.path)];
}

/**
 * A construct validation whose messages are computed once per {@link validationRevision}: cdk8s validates the
 * whole app once per chart it synthesizes, and between those passes nothing a validation reads changes unless
 * the revision does.
 */
export class RevisionCachedValidation implements IValidation {
  private revision = -1;
  private messages: string[] = [];

  constructor(private readonly compute: () => string[]) {}

  public validate(): string[] {
    if (this.revision !== validationRevision()) {
      this.messages = this.compute();
      this.revision = validationRevision();
    }
    return this.messages.length === 0 ? this.messages : [...this.messages];
  }
}
