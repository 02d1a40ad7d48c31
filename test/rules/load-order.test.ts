/**
 * Whichever module of src/rules a program loads first, the catalog and the lint results are the same (with an
 * import cycle they were not: ARCHITECTURE.md, "Where a new rule goes").
 */
import * as fs from 'fs';
import * as path from 'path';
import { RULES, allRules, lintManifests } from '../../src/rules';

const NAD = {
  apiVersion: 'k8s.cni.cncf.io/v1',
  kind: 'NetworkAttachmentDefinition',
  metadata: { name: 'macvlan-overlay', namespace: 'kube-system' },
  spec: { config: JSON.stringify({ cniVersion: '0.3.1', name: 'macvlan-overlay', type: 'macvlan', master: 'bond0.100', mode: 'bridge', ipam: { type: 'spiderpool' } }) },
};
const POOL = { apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderIPPool', metadata: { name: 'a' }, spec: { subnet: '10.1.0.0/24', ips: ['10.1.0.10-10.1.0.20'], gateway: '10.1.0.1' } };

/** A Deployment on the overlay network whose NIC takes its IPv4 address from pool `pool`. */
function deployment(name: string, pool: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: {
          labels: { app: name },
          annotations: {
            'k8s.v1.cni.cncf.io/networks': 'kube-system/macvlan-overlay',
            'ipam.spidernet.io/ippools': JSON.stringify([{ interface: 'net1', ipv4: [pool] }]),
          },
        },
        spec: { containers: [{ name: 'app', image: 'nginx' }] },
      },
    },
  };
}

const OBJECTS = [NAD, POOL, deployment('uses-a', 'a'), deployment('uses-missing', 'missing')];

/** Every module of src/rules, as `rules/<path>` without the extension. */
const RULES_MODULES: string[] = [];
(function walk(dir: string) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.ts')) RULES_MODULES.push(path.relative(path.join(__dirname, '..', '..', 'src'), p).replace(/\.ts$/, '').split(path.sep).join('/'));
  }
})(path.join(__dirname, '..', '..', 'src', 'rules'));
RULES_MODULES.sort();

type RulesModule = typeof import('../../src/rules');

function outcome(rules: RulesModule) {
  return {
    ids: rules.allRules().map(r => r.id),
    findings: rules.lintManifests(OBJECTS).map(r => ({ name: r.object.name, findings: r.findings.map(f => `${f.rule} ${f.field}`) })),
  };
}

describe('loading order', () => {
  const baseline = outcome({ allRules, lintManifests } as RulesModule);

  test('the baseline tells the two pods apart (only the pod naming a missing pool gets its finding)', () => {
    const unknownPool = (name: string) => baseline.findings.find(r => r.name === name)!.findings.some(f => f.startsWith(RULES.podUnknownPool.id));
    expect(unknownPool('uses-missing')).toBe(true);
    expect(unknownPool('uses-a')).toBe(false);
  });

  test.each(RULES_MODULES)('%s first: the same rules and findings', first => {
    let isolated: ReturnType<typeof outcome> | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(`../../src/${first}`);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      isolated = outcome(require('../../src/rules'));
    });
    expect(isolated).toEqual(baseline);
  });
});
