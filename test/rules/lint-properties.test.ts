/**
 * Property tests of lintManifests and of the CLI's main on generated inputs (issue 12), bounded to a few
 * seconds; `npm run fuzz:lint` runs the same properties on 100k inputs. Inputs a long run found failing
 * are kept below as regression cases, with the seed that found them.
 */
import fc from 'fast-check';
import { lintManifests } from '../../src/rules';
import { checkCliText, checkLintManifests, manifestText, objectSet } from '../support/lint-fuzz';

describe('lintManifests on generated object sets', () => {
  test('never throws; one result per value; catalog rules with one-line messages; input unchanged; same results twice', () => {
    fc.assert(fc.property(objectSet, objects => checkLintManifests(objects)), { numRuns: 120 });
  });
});

describe('cdk8s-macvlan lint - on generated text', () => {
  test('exit 0 or 1, nothing on stderr, every value accounted for, one line per finding, deterministic', async () => {
    await fc.assert(fc.asyncProperty(manifestText, text => checkCliText(text)), { numRuns: 30 });
  });
});

/** Found by `npm run fuzz:lint` (seeds 3570, 3722 of --seed 1000 --count 3000; 30325 of --seed 30000 --count 3000), kept as inputs. */
describe('regressions found by the long run', () => {
  const nncp = (options: object) => ({
    apiVersion: 'nmstate.io/v1',
    kind: 'NodeNetworkConfigurationPolicy',
    metadata: { name: 'bond0' },
    spec: {
      desiredState: { interfaces: [{ 'name': 'bond0', 'type': 'bond', 'state': 'up', 'link-aggregation': { mode: 'active-backup', port: ['ens192'], options } }] },
    },
  });

  test('seed 3570: bond options whose value is a mapping with a toString key (YAML can write it) are findings, not a TypeError', () => {
    const cases = [{ arp_interval: 100, arp_ip_target: { toString: 5 } }, { primary: { toString: 5 } }, { lacp_rate: { valueOf: 1, toString: 2 } }];
    for (const options of cases) {
      checkLintManifests([nncp(options)]);
      expect(lintManifests([nncp(options)]).flatMap(r => r.findings).length).toBeGreaterThan(0);
    }
  });

  test('seed 3722: replicas or maxSurge of a JSON-less type (bigint) are described, not a TypeError', () => {
    const deployment = (spec: object) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: { metadata: { annotations: { 'v1.multus-cni.io/default-network': 'kube-system/n' } }, spec: { containers: [] } }, ...spec },
    });
    for (const spec of [{ replicas: 10n }, { replicas: 2, strategy: { rollingUpdate: { maxSurge: 1n } } }]) checkLintManifests([deployment(spec)]);
  });

  test('seed 30325: a SpiderMultusConfig cniType that is a list holding a mapping with a toString key is a finding, not a TypeError', () => {
    const smc = {
      apiVersion: 'spiderpool.spidernet.io/v2beta1',
      kind: 'SpiderMultusConfig',
      metadata: { name: 'm', namespace: 'kube-system' },
      spec: { cniType: [[{ toString: 1 }]], macvlan: { master: ['bond0.100'] } },
    };
    checkLintManifests([smc]);
    expect(lintManifests([smc]).flatMap(r => r.findings.map(f => f.field))).toContain('spec.cniType');
  });
});
