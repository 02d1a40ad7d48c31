/** Test helpers: lint YAML text in-process. */
import * as YAML from 'yaml';
import { LintFinding, lintManifests } from '../../src/rules';

/** Parses multi-document YAML into plain objects (throws on syntax errors: tests write valid YAML). */
export function yamlObjects(text: string): any[] {
  return YAML.parseAllDocuments(text).map(d => {
    if (d.errors.length > 0) throw new Error(d.errors[0].message);
    return d.toJS();
  }).filter(o => o !== null && o !== undefined);
}

/** All findings of linting the YAML text. */
export function lintYaml(text: string): LintFinding[] {
  return lintManifests(yamlObjects(text)).flatMap(r => r.findings);
}

/** The rule ids found, sorted and de-duplicated. */
export function ruleIds(findings: readonly LintFinding[]): string[] {
  return [...new Set(findings.map(f => f.rule))].sort();
}

/** One line per finding, as the CLI would print it (without the file position). */
export function lines(findings: readonly LintFinding[]): string {
  return findings.map(f => `${f.rule} ${f.severity} ${f.object.kind} ${f.object.name} ${f.field}: ${f.message}. Fix: ${f.fix}`).join('\n');
}

/** The NodeNetworkConfigurationPolicy rules (each covered by test/rules/nmstate.test.ts). */
export const NMSTATE_RULE_IDS = ['MV026', 'MV027', 'MV028', 'MV029', 'MV030', 'MV031', 'MV079', 'MV080', 'MV081', 'MV082', 'MV083'];

/** The workload rules (each covered by test/rules/workloads.test.ts). */
export const WORKLOAD_RULE_IDS = ['MV170', 'MV171', 'MV172', 'MV173', 'MV174', 'MV175', 'MV176', 'MV177'];

/** The reserved and node address rules (each covered by test/rules/addresses.test.ts). */
export const ADDRESS_RULE_IDS = ['MV200', 'MV201', 'MV202', 'MV203', 'MV204', 'MV205', 'MV206', 'MV207', 'MV208', 'MV209'];
