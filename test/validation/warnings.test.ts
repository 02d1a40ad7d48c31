import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IpPool, MacvlanErrors, MacvlanStandaloneNetwork, PodNetworks, StandaloneHelperPlugin, Warnings } from '../../src';
import { ACKNOWLEDGE_METADATA, WARNING_METADATA } from '../../src/validation/report';
import { testApp, validationErrors } from '../support/synth';

/** A standalone network without a route helper: pods on it get MV072 (a warning). */
function build() {
  const app = testApp();
  const chart = new Chart(app, 'c');
  const pool = new IpPool(chart, 'p', { name: 'p', subnet: '172.16.0.0/24' });
  const net = new MacvlanStandaloneNetwork(chart, 'n', { name: 'n', master: 'eth1', pools: [pool], helper: StandaloneHelperPlugin.none() });
  const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx' }] });
  const api = new kplus.Deployment(chart, 'api', { containers: [{ image: 'nginx' }] });
  PodNetworks.standalone(net).applyTo(web);
  PodNetworks.standalone(net).applyTo(api);
  return { app, chart, web, api };
}

const quiet = process.env.CDK8S_MACVLAN_QUIET;
beforeAll(() => { process.env.CDK8S_MACVLAN_QUIET = '1'; });
afterAll(() => { if (quiet === undefined) delete process.env.CDK8S_MACVLAN_QUIET; else process.env.CDK8S_MACVLAN_QUIET = quiet; });

describe('warnings through cdk8s metadata, acknowledged per rule and per construct', () => {
  test('a warning is recorded on the construct that owns the object, and fails nothing', () => {
    const { app, web } = build();
    expect(validationErrors(app)).toEqual([]);
    const recorded = Warnings.of(web).recorded;
    expect(recorded.map(l => l.split(' ')[0])).toContain('MV072');
    expect(web.node.metadata.filter(m => m.type === WARNING_METADATA).length).toBe(recorded.length);
  });

  test('acknowledged on one workload: gone there, still reported on the other', () => {
    const { app, web, api } = build();
    Warnings.of(web).acknowledge('MV072', 'this pod never calls Services');
    expect(validationErrors(app)).toEqual([]);
    expect(Warnings.of(web).recorded.map(l => l.split(' ')[0])).not.toContain('MV072');
    expect(Warnings.of(api).recorded.map(l => l.split(' ')[0])).toContain('MV072');
    expect(web.node.metadata.find(m => m.type === ACKNOWLEDGE_METADATA)?.data).toEqual({ ruleId: 'MV072', reason: 'this pod never calls Services' });
  });

  test('acknowledged on a scope: gone for everything below it', () => {
    const { app, chart, web, api } = build();
    Warnings.of(chart).acknowledge('mv072', 'lab cluster');
    validationErrors(app);
    for (const w of [web, api]) expect(Warnings.of(w).recorded.map(l => l.split(' ')[0])).not.toContain('MV072');
  });

  test('a rule id that is not one is the library\'s error', () => {
    const { web } = build();
    let err: unknown;
    try {
      Warnings.of(web).acknowledge('72', 'x');
    } catch (e) {
      err = e;
    }
    expect(MacvlanErrors.isMacvlanError(err)).toBe(true);
    expect(MacvlanErrors.details(err)).toMatchObject({ field: 'ruleId', constructPath: 'c/web' });
  });
});
