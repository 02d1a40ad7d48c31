/**
 * Synth-time validation and `lint` agree: the engine runs the very function `lint` runs, over the objects the
 * constructs synthesize. Checked over every example scenario (construct code, against `lint` of the synthesized
 * manifests) and every lint fixture (the fixture's objects as ApiObjects of an app, against `lint` of them).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { addBasicScenario } from '../../examples/basic';
import { addFabricScenario } from '../../examples/fabric';
import { addPeersScenario } from '../../examples/peers';
import { addVlanTopologyScenario } from '../../examples/vlan-topology';
import { IpPool, MacvlanOverlayNetwork, PodNetworks } from '../../src';
import { parseManifests } from '../../src/cli/main';
import { NODE_NETWORK_POLICY_RULES, PLACEMENT_RULES, WORKLOAD_KINDS, lintManifests } from '../../src/rules';
import { ValidationEngine } from '../../src/validation/engine';

const NNCP_RULES = new Set(NODE_NETWORK_POLICY_RULES.map(r => r.id));
const PLACEMENT = new Set(PLACEMENT_RULES.map(r => r.id));

interface Keyed {
  readonly object?: { kind: string; namespace?: string; name: string };
  readonly rule: string;
  readonly severity: string;
  readonly field: string;
}

/** One comparable line per finding; the NNCP rules are reported against VlanTopology props, so without field. */
function key(f: Keyed): string {
  const o = f.object ? `${f.object.kind} ${f.object.namespace ?? ''}/${f.object.name}` : '(no object)';
  return `${o} ${f.rule} ${f.severity}${NNCP_RULES.has(f.rule) ? '' : ` ${f.field}`}`;
}

/** What synth reports for the app (errors and warnings). */
function synthFindings(app: App): string[] {
  return ValidationEngine.of(app).findings().map(f => key({ ...f.finding, object: f.object })).sort();
}

/** What lint reports for `objects`; `modelled` drops what synth documents as lint's alone for construct workloads. */
function lintFindings(objects: unknown[], modelled: (f: Keyed) => boolean = () => true): string[] {
  return lintManifests(objects).flatMap(r => r.findings).filter(modelled).map(key).sort();
}

const silenced = process.env.CDK8S_MACVLAN_QUIET;
beforeAll(() => { process.env.CDK8S_MACVLAN_QUIET = '1'; });
afterAll(() => { if (silenced === undefined) delete process.env.CDK8S_MACVLAN_QUIET; else process.env.CDK8S_MACVLAN_QUIET = silenced; });

describe('synth and lint agree on every example', () => {
  const scenarios: Array<[string, (app: App) => void]> = [
    ['basic', app => { addBasicScenario(app); }],
    ['vlan-topology', app => { addVlanTopologyScenario(app); }],
    ['peers', app => { addPeersScenario(app); }],
    ['fabric', app => { addFabricScenario(app); }],
    ['main (all scenarios in one app)', app => { addBasicScenario(app); addVlanTopologyScenario(app); addPeersScenario(app); addFabricScenario(app); }],
  ];
  test.each(scenarios)('%s', (_name, build) => {
    const app = Testing.app();
    build(app);
    const objects = app.charts.flatMap(c => c.toJson());
    // placement needs the workload's scheduling, which synth does not render: lint's alone for these workloads
    const modelled = (f: Keyed) => !(PLACEMENT.has(f.rule) && f.object !== undefined && WORKLOAD_KINDS.includes(f.object.kind));
    const lint = lintFindings(objects, modelled);
    expect(synthFindings(app)).toEqual(lint);
  });

  test('a broken app: the same findings, reported on the constructs that own the objects', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'broken');
    const a = new IpPool(chart, 'a', { name: 'a', subnet: '172.16.0.0/24', gateway: '172.16.1.1' }); // MV004
    const b = new IpPool(chart, 'b', { name: 'b', subnet: '172.16.0.0/16' }); // MV011 with a
    const net = new MacvlanOverlayNetwork(chart, 'net', { name: 'net', master: 'eth1', pools: [a, b], cniVersion: '0.3' }); // MV074
    new MacvlanOverlayNetwork(chart, 'again', { name: 'net', master: 'eth2', pools: [b] }); // MV097
    const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx' }] });
    PodNetworks.overlay(net).attach(net, { interfaceName: 'a-very-long-name0' }).applyTo(web); // MV018, MV065
    // what synth would write, without its validation
    const objects = chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map(o => o.toJson());
    const lint = lintFindings(objects, f => !(PLACEMENT.has(f.rule) && f.object !== undefined && WORKLOAD_KINDS.includes(f.object.kind)));
    const synth = synthFindings(app);
    expect(synth).toEqual(lint);
    expect(new Set(synth.map(l => l.split(' ')[2]))).toEqual(new Set(['MV004', 'MV011', 'MV074', 'MV097', 'MV018', 'MV065']));
    // and each finding is reported on the construct that owns its object
    const owners = ValidationEngine.of(app).findings().map(f => `${f.owner.node.path} ${f.finding.rule}`);
    expect(owners).toEqual(expect.arrayContaining(['broken/a MV004', 'broken/net MV074', 'broken/again MV097', 'broken/web MV018']));
  });
});

describe('synth and lint agree on every lint fixture', () => {
  const root = path.join(__dirname, '..', 'fixtures', 'lint');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p); else files.push(p);
    }
  };
  walk(root);

  /** The fixture's documents as `lint` reads them (undefined: not readable at all). */
  const parse = (file: string): unknown[] | undefined => {
    const objects: unknown[] = [];
    const problems: unknown[] = [];
    parseManifests(fs.readFileSync(file, 'utf8'), file, objects, [], problems as any);
    return objects.length === 0 && problems.length > 0 ? undefined : objects;
  };

  test.each(files.map(f => [path.relative(root, f), f]))('%s', (_rel, file) => {
    const docs = parse(file);
    if (docs === undefined) {
      // not YAML: lint reports it as a read error, no object reaches either side
      expect(path.basename(file)).toBe('syntax.yml');
      return;
    }
    const items = docs.flatMap((d: any) => (d && typeof d.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items) ? d.items : [d]));
    const app = Testing.app();
    const chart = new Chart(app, 'fixture');
    const engine = ValidationEngine.of(app);
    const objects: ApiObject[] = [];
    items.forEach((d: any, i: number) => {
      if (!d || typeof d.apiVersion !== 'string' || typeof d.kind !== 'string') return;
      const o = new ApiObject(chart, `o${i}`, d);
      objects.push(o);
      engine.addObject(o, { object: () => o.toJson(), subject: `${d.kind} "${o.name}"` });
    });
    expect(objects.length).toBeGreaterThan(0);
    const lint = lintFindings(objects.map(o => o.toJson()));
    if (file.includes(`${path.sep}broken${path.sep}`)) expect(lint.length).toBeGreaterThan(0);
    expect(synthFindings(app)).toEqual(lint);
  });
});
