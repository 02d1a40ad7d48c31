/**
 * Default object names (no `name` prop) come from the chart's own naming, `Chart.generateObjectName`, and are
 * DNS-1123 labels; ids that clean to the same name never give one name, with and without resource name hashes.
 */
import { ApiObject, Chart } from 'cdk8s';
import { IpPool, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, ReservedIps } from '../../src';
import { lintManifests } from '../../src/rules';
import { synthObjects, testApp, validationErrors } from '../support/synth';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBNET = '10.0.0.0/24';

/** What cdk8s names a plain ApiObject at the same place (the chart's naming, which the library follows). */
function cdk8sName(chart: Chart, id: string): string {
  const probe = new ApiObject(chart, id, { apiVersion: 'v1', kind: 'ConfigMap' });
  const name = probe.name;
  chart.node.tryRemoveChild(id);
  return name;
}

function build(disableResourceNameHashes: boolean) {
  const app = testApp();
  const chart = new Chart(app, 'fabric', { disableResourceNameHashes });
  const expected = {
    'web': cdk8sName(chart, 'web'),
    'Vlan100_A.b': cdk8sName(chart, 'Vlan100_A.b'),
  };
  let n = 0;
  const subnet = () => `10.${n++}.0.0/24`;
  const pools = ['web', 'a.b', 'a_b', 'a-b', 'Vlan100_A.b', 'x'.repeat(80)].map(id => new IpPool(chart, id, { subnet: subnet() }));
  const nets = [
    new MacvlanStandaloneNetwork(chart, 'net.1', { master: 'eth1' }),
    new MacvlanStandaloneNetwork(chart, 'net_1', { master: 'eth1' }),
    new MacvlanOverlayNetwork(chart, 'net-1', { master: 'eth1' }),
  ];
  const reserved = [new ReservedIps(chart, 'r.1', { ips: ['10.99.0.1'] }), new ReservedIps(chart, 'r_1', { ips: ['10.99.0.2'] })];
  return { app, chart, pools, nets, reserved, expected };
}

describe.each([false, true])('disableResourceNameHashes: %s', disabled => {
  const { app, chart, pools, nets, reserved, expected } = build(disabled);
  const all = [...pools, ...nets, ...reserved];

  test('a clean id gets exactly the name cdk8s gives any object there', () => {
    expect(pools[0].name).toBe(expected.web);
    expect(pools[0].name).toEqual(disabled ? 'fabric-web' : expect.stringMatching(/^fabric-web-[0-9a-f]{8}$/));
  });

  test('every default name is a DNS-1123 label of at most 63 characters', () => {
    for (const o of all) {
      expect(o.name).toMatch(LABEL);
      expect(o.name.length).toBeLessThanOrEqual(63);
    }
    expect(nets[0].qualifiedName).toBe(`kube-system/${nets[0].name}`);
  });

  test('ids that clean to the same name give distinct names ("a.b", "a_b", "a-b"; "net.1", "net_1", "net-1")', () => {
    expect(new Set(pools.slice(1, 4).map(p => p.name)).size).toBe(3);
    expect(new Set(nets.map(p => p.name)).size).toBe(3);
    expect(new Set(reserved.map(p => p.name)).size).toBe(2);
    // an id that cleans alike but needs no cleaning keeps cdk8s' name; the cleaned ones carry the construct's hash
    if (disabled) {
      expect(pools[3].name).toBe('fabric-a-b');
      expect(pools[1].name).toBe(`fabric-a-b-${pools[1].node.addr.slice(0, 8)}`);
      expect(pools[2].name).toBe(`fabric-a-b-${pools[2].node.addr.slice(0, 8)}`);
    }
  });

  test('cdk8s\' "_" and "." become "-"; the rest of its name stays (mixed case, long ids)', () => {
    const mixed = pools[4].name;
    expect(expected['Vlan100_A.b']).toContain('vlan100_a.b');
    expect(mixed.startsWith('fabric-vlan100-a-b-')).toBe(true);
    expect(pools[5].name.length).toBeLessThanOrEqual(63);
  });

  test('the manifests carry those names, and neither synth nor lint finds a problem with them', () => {
    expect(validationErrors(app)).toEqual([]);
    const objects = synthObjects(chart);
    expect(objects.filter(o => o.kind === 'SpiderIPPool').map(o => o.metadata.name)).toEqual(pools.map(p => p.name));
    const findings = lintManifests(objects).flatMap(r => r.findings);
    expect(findings.filter(f => f.severity === 'error')).toEqual([]);
    expect(findings.map(f => f.rule)).not.toContain('MV118'); // no dots in NAD names
  });
});

test('a name given by the user is kept as given (even one the rules then refuse)', () => {
  const chart = new Chart(testApp(), 'c');
  expect(new IpPool(chart, 'p', { name: 'Pool_1', subnet: SUBNET }).name).toBe('Pool_1');
});
