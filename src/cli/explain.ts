/**
 * `cdk8s-macvlan explain MV004`: a rule's page as plain text, offline, from the catalog (what it checks, why
 * it matters as lint reports it on the failing example, the failing and the fixed example). Internal to the CLI.
 */
import { RuleInfo, formatFinding, formatObjectRef, lintManifests } from '../rules';
import { readYamlStream } from './yaml-reader';

/** The text page of a rule. */
export function renderRuleText(rule: RuleInfo): string {
  const lines = [`${rule.id} (${rule.severity}): ${rule.title}`, ''];
  const ex = rule.example;
  if (!ex) {
    lines.push('No example yet.', '');
  } else {
    const yaml = (ex.language ?? 'yaml') === 'yaml';
    const reported = yaml ? whatLintReports(rule.id, ex.bad) : [];
    if (reported.length > 0) lines.push('Why: on the failing example, lint reports', ...reported.map(r => indent(r)), '');
    lines.push(`Fails (${yaml ? 'YAML' : 'TypeScript'}):`, '', indent(ex.bad.trimEnd()), '', 'Fixed:', '', indent(ex.good.trimEnd()), '');
  }
  lines.push(`${rule.severity === 'error' ? 'Errors fail cdk8s synth and make lint exit 1' : 'Warnings are reported by lint only'}.`,
    `The same page is docs/rules.md#${rule.id.toLowerCase()} in the cdk8s-macvlan package.`, '');
  return lines.join('\n');
}

/** This rule's findings on an example, one line each. */
function whatLintReports(id: string, text: string): string[] {
  const values = readYamlStream(text).documents.map(d => d.value).filter(v => v !== undefined && v !== null);
  return lintManifests(values).flatMap(r => r.findings.filter(f => f.rule === id)
    .map(f => formatFinding({ rule: { id: f.rule, severity: f.severity }, field: f.field, message: f.message, fix: f.fix },
      formatObjectRef(f.object))));
}

function indent(text: string): string {
  return text.split('\n').map(l => (l ? `    ${l}` : l)).join('\n');
}
