import { RULES, RuleInfo } from './catalog';
import { STRICTER_THAN_UPSTREAM } from './upstream';

/** Every rule of the catalog, ordered by id. */
export function allRules(): RuleInfo[] {
  return Object.values(RULES as { [key: string]: RuleInfo }).slice().sort((a, b) => a.id.localeCompare(b.id));
}

/** The rule with this id, or undefined. */
export function ruleById(id: string): RuleInfo | undefined {
  return allRules().find(r => r.id === id.toUpperCase());
}

/**
 * Renders docs/rules.md from the catalog: an index, then per rule its id (the anchor the findings link
 * to), severity, title and a failing and a fixed example. `cdk8s-macvlan rules-doc` prints it; a test
 * keeps the committed file equal to it.
 */
export function renderRulesMarkdown(): string {
  const rules = allRules();
  const lines: string[] = [
    '# cdk8s-macvlan rules',
    '',
    '<!-- Generated from the rule definitions in src/rules/definitions/: do not edit by hand. -->',
    '<!-- Regenerate from the sources: npx ts-node -T -e "process.stdout.write(require(\'./src/rules\').renderRulesMarkdown())" > docs/rules.md -->',
    '',
    'Synth-time validation of the constructs and `cdk8s-macvlan lint` report the same rules. Errors fail',
    'synth and make `lint` exit 1; warnings are reported by `lint` only.',
    '',
    '| Rule | Severity | Checks |',
    '|---|---|---|',
    ...rules.map(r => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.severity} | ${escapeCell(r.title)} |`),
    '',
  ];
  for (const r of rules) {
    lines.push(`<a id="${r.id.toLowerCase()}"></a>`, '', `## ${r.id}: ${r.title}`, '', `Severity: **${r.severity}**. Checked by \`${r.check}()\`.`, '');
    const stricter = STRICTER_THAN_UPSTREAM[r.id];
    if (stricter) lines.push(`Stricter than upstream on purpose: ${stricter}.`, '');
    const ex = r.example;
    if (!ex) {
      lines.push('_No example yet._', '');
      continue;
    }
    const lang = ex.language ?? 'yaml';
    lines.push('Fails:', '', '```' + lang, ex.bad.trimEnd(), '```', '', 'Fixed:', '', '```' + lang, ex.good.trimEnd(), '```', '');
  }
  return lines.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
