import * as fs from 'fs';
import * as path from 'path';
import { lintYaml, ruleIds } from './helpers';
import * as rules from '../../src/rules';
import { RULES, RuleInfo, allRules, renderRulesMarkdown, ruleById } from '../../src/rules';

const DOC = path.join(__dirname, '..', '..', 'docs', 'rules.md');

describe('docs/rules.md', () => {
  // Regenerate after adding a rule: npx ts-node -T -e "process.stdout.write(require('./src/rules').renderRulesMarkdown())" > docs/rules.md
  test('equals the rendering of the catalog', () => {
    expect(fs.readFileSync(DOC, 'utf8')).toBe(renderRulesMarkdown());
  });

  test('every rule has an anchor and a docs link to it', () => {
    const doc = renderRulesMarkdown();
    for (const r of allRules()) {
      expect(r.docs).toBe(`cdk8s-macvlan explain ${r.id}`);
      expect(doc).toContain(`<a id="${r.id.toLowerCase()}"></a>`);
    }
  });

  test('every rule in docs/rules.md points at exactly one check function of src/rules', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    const sections = doc.split(/^## /m).slice(1);
    expect(sections.map(s => s.slice(0, 5))).toEqual(allRules().map(r => r.id));
    const exported = rules as unknown as { [name: string]: unknown };
    for (const section of sections) {
      const id = section.slice(0, 5);
      const named = [...section.matchAll(/Checked by `(\w+)\(\)`/g)].map(m => m[1]);
      expect({ id, named: named.length }).toEqual({ id, named: 1 });
      const rule = ruleById(id)!;
      // the function named is the rule's own check, exported from src/rules
      expect(typeof exported[named[0]]).toBe('function');
      expect(named[0]).toBe(rule.check);
    }
  });

  test('no rule is decided outside src/rules (constructs only map findings to props)', () => {
    const src = path.join(__dirname, '..', '..', 'src');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (p !== path.join(src, 'rules')) walk(p);
        } else if (e.name.endsWith('.ts') && /\bRULES\.\w+/.test(fs.readFileSync(p, 'utf8'))) {
          offenders.push(path.relative(src, p));
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });

  test('rule ids are unique and well-formed', () => {
    const ids = allRules().map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^MV\d{3}$/);
    expect(ruleById('mv004')).toBe(RULES.poolGateway);
  });

  // The rules of this engine, with the NodeNetworkConfigurationPolicy rules MV026-MV031 (the VlanTopology
  // props rules MV032-MV049 carry their own examples).
  const manifestRules = allRules().filter(r => Number(r.id.slice(2)) <= 31 || Number(r.id.slice(2)) >= 50);
  test.each(manifestRules.map(r => [r.id, r] as [string, RuleInfo]))('%s has a failing and a fixed example', (_id, rule) => {
    expect(rule.example).toBeDefined();
  });

  const yamlExamples = allRules().filter(r => r.example && (r.example.language ?? 'yaml') === 'yaml');
  test.each(yamlExamples.map(r => [r.id, r] as [string, RuleInfo]))('%s: the bad example triggers it, the good one does not', (id, rule) => {
    expect(ruleIds(lintYaml(rule.example!.bad))).toContain(id);
    const good = lintYaml(rule.example!.good);
    expect(ruleIds(good)).not.toContain(id);
    // The fixed example is clean altogether.
    expect(good.filter(f => f.severity === 'error')).toEqual([]);
  });
});
