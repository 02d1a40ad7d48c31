import * as fs from 'fs';
import * as path from 'path';
import { addVlanTopologyScenario } from '../examples/vlan-topology';
import { testApp } from './support/synth';

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

function between(begin: string, end: string): string {
  const i = README.indexOf(begin);
  const j = README.indexOf(end);
  expect(i).toBeGreaterThan(-1);
  expect(j).toBeGreaterThan(i);
  return README.slice(i + begin.length, j).trim();
}

describe('README', () => {
  test('keeps the two-command quick start', () => {
    expect(README).toContain('npm ci && npm run synth');
    expect(README).toMatch(/^npm test\b/m);
  });

  test('embeds the example topology\'s current Mermaid diagram', () => {
    const { topology } = addVlanTopologyScenario(testApp());
    expect(between('<!-- topology-diagram:begin -->', '<!-- topology-diagram:end -->')).toBe('```mermaid\n' + topology.renderMermaid().trim() + '\n```');
  });

  test('embeds the example topology\'s current switch plan', () => {
    const { topology } = addVlanTopologyScenario(testApp());
    const demoted = topology.renderSwitchPlanMarkdown().trim().split('\n')
      .map(l => (l.startsWith('# ') ? '###' + l.slice(1) : l.startsWith('## ') ? '####' + l.slice(2) : l)).join('\n');
    expect(between('<!-- switch-plan:begin -->', '<!-- switch-plan:end -->')).toBe(demoted);
  });
});
