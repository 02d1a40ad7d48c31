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
    expect(synthExamples(dir)).toEqual([
      'fabric-switch-plan.md', 'fabric.mmd', 'macvlan-basic.k8s.yaml', 'macvlan-fabric.k8s.yaml', 'macvlan-peers.k8s.yaml',
      'macvlan-vlan-topology.k8s.yaml', 'switch-configs', 'switch-plan.md', 'topology.mmd',
    ]);
    const configs = ['rack1-tor-a', 'rack1-tor-b', 'rack2-tor-a', 'rack2-tor-b', 'switch']
      .flatMap(s => [`${s}.arista-eos.cfg`, `${s}.cisco-nxos.cfg`, `${s}.huawei-vrp.cfg`]);
    expect(fs.readdirSync(path.join(dir, 'switch-configs')).sort()).toEqual(configs);
    const vrp = fs.readFileSync(path.join(dir, 'switch-configs', 'switch.huawei-vrp.cfg'), 'utf8').split('\n');
    expect(vrp).toEqual(expect.arrayContaining(['vlan batch 100 200', 'interface Vlanif100', ' ip address 192.168.100.1 255.255.255.0', ' ipv6 address fd00:100::1/64']));
    // each rack's pair has the rack's own gateway on its VLAN interfaces
    const rack2 = fs.readFileSync(path.join(dir, 'switch-configs', 'rack2-tor-a.huawei-vrp.cfg'), 'utf8');
    expect(rack2).toContain('interface Vlanif300');
    // the M-LAG dual-active gateway: the pair's switches both hold the rack's gateway address and one virtual MAC
    expect(rack2).toContain(' ip address 10.30.2.1 255.255.255.0');
    expect(rack2).toContain(' mac-address 0000-5e00-0101');
    expect(rack2).not.toContain('vrrp');
    expect(rack2).not.toContain('10.30.1.1');
    const objects = ['macvlan-basic.k8s.yaml', 'macvlan-fabric.k8s.yaml', 'macvlan-peers.k8s.yaml', 'macvlan-vlan-topology.k8s.yaml']
      .flatMap(f => YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d => d.toJS()));
    const { checked, errors } = validateCustomResources(objects);
    expect(errors).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(19);
  });

  test('a second run writes byte-identical files', () => {
    const read = (): string[] => synthExamples(dir).flatMap(f => (f === 'switch-configs'
      ? fs.readdirSync(path.join(dir, f)).sort().map(c => fs.readFileSync(path.join(dir, f, c), 'utf8'))
      : [fs.readFileSync(path.join(dir, f), 'utf8')]));
    const first = read();
    const second = read();
    expect(second).toEqual(first);
  });
});
