import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { synthExamples } from '../examples/main';
import { validateCustomResources } from './support/crd-schemas';

describe('npm run synth (examples/main.ts)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-macvlan-synth-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes one YAML file per chart plus the switch plan and diagram, and every custom resource validates', () => {
    expect(synthExamples(dir)).toEqual(['macvlan-basic.k8s.yaml', 'macvlan-peers.k8s.yaml', 'macvlan-vlan-topology.k8s.yaml', 'switch-plan.md', 'topology.mmd']);
    const objects = ['macvlan-basic.k8s.yaml', 'macvlan-peers.k8s.yaml', 'macvlan-vlan-topology.k8s.yaml']
      .flatMap(f => YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d => d.toJS()));
    const { checked, errors } = validateCustomResources(objects);
    expect(errors).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(19);
  });

  test('a second run writes byte-identical files', () => {
    const first = synthExamples(dir).map(f => fs.readFileSync(path.join(dir, f), 'utf8'));
    const second = synthExamples(dir).map(f => fs.readFileSync(path.join(dir, f), 'utf8'));
    expect(second).toEqual(first);
  });
});
