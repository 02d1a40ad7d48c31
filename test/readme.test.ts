import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { addVlanTopologyScenario } from '../examples/vlan-topology';
import { IpPool, MacvlanStandaloneNetwork, PodNetworks } from '../src';
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

describe('README usage example', () => {
  test('writes exactly the annotations and NAD config the README shows', () => {
    const app = testApp();
    const chart = new Chart(app, 'underlay');
    const v4 = new IpPool(chart, 'v4', { name: 'vlan0-v4', subnet: '172.16.0.0/16', ips: ['172.16.10.1-172.16.10.200'], gateway: '172.16.0.1' });
    const standalone = new MacvlanStandaloneNetwork(chart, 'standalone', { name: 'macvlan-standalone-vlan0', master: 'ens192', pools: [v4] });
    const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx' }] });
    PodNetworks.standalone(standalone).applyTo(web);
    const objects: any[] = chart.toJson();
    const ann = objects.find(o => o.kind === 'Deployment').spec.template.metadata.annotations;
    expect(README).toContain(`v1.multus-cni.io/default-network: ${ann['v1.multus-cni.io/default-network']}`);
    expect(README).toContain(`ipam.spidernet.io/ippools: '${ann['ipam.spidernet.io/ippools']}'`);
    const config = objects.find(o => o.kind === 'NetworkAttachmentDefinition').spec.config;
    const shown = /```json\n([\s\S]*?)\n```/.exec(README)![1].replace(/\n\s*/g, '');
    expect(shown).toBe(config);
  });
});
