import { Testing } from 'cdk8s';
import { addBasicScenario } from '../examples/basic';
import { validateCustomResources } from './support/crd-schemas';
import { findObject, synthObjects, testApp } from './support/synth';

function build() {
  const app = testApp();
  const chart = addBasicScenario(app);
  return { app, chart, objects: synthObjects(chart) };
}

describe('basic example (the seed\'s scenarios)', () => {
  test('NADs kube-system/macvlan-standalone-vlan0 and kube-system/macvlan-overlay-vlan0 with their pools', () => {
    const { objects } = build();
    for (const [name, mode] of [['macvlan-standalone-vlan0', 'underlay'], ['macvlan-overlay-vlan0', 'overlay']]) {
      const nad = findObject(objects, 'NetworkAttachmentDefinition', name);
      expect(nad.metadata.namespace).toBe('kube-system');
      const cfg = JSON.parse(nad.spec.config);
      expect(cfg.name).toBe(name);
      expect(cfg.plugins.map((p: any) => p.type)).toEqual(['macvlan', 'coordinator']);
      expect(cfg.plugins[1].mode).toBe(mode);
      expect(cfg.plugins[0].ipam).toEqual({ type: 'spiderpool', default_ipv4_ippool: [`${name}-v4`], default_ipv6_ippool: [`${name}-v6`] });
      for (const fam of ['v4', 'v6']) {
        expect(findObject(objects, 'SpiderIPPool', `${name}-${fam}`).spec.multusName).toEqual([`kube-system/${name}`]);
      }
    }
  });

  test('three Deployments: macvlan eth0, macvlan eth0 + net1, cluster CNI eth0 + macvlan net1', () => {
    const { objects } = build();
    const ann = (name: string) => findObject(objects, 'Deployment', name).spec.template.metadata.annotations;
    expect(ann('standalone-app')).toEqual({
      'v1.multus-cni.io/default-network': 'kube-system/macvlan-standalone-vlan0',
      'ipam.spidernet.io/ippools': '[{"interface":"eth0","ipv4":["macvlan-standalone-vlan0-v4"],"ipv6":["macvlan-standalone-vlan0-v6"]}]',
    });
    expect(ann('standalone-two-nics')['k8s.v1.cni.cncf.io/networks']).toBe('[{"name":"macvlan-standalone-vlan0","namespace":"kube-system","interface":"net1"}]');
    expect(JSON.parse(ann('standalone-two-nics')['ipam.spidernet.io/ippools']).map((e: any) => e.interface)).toEqual(['eth0', 'net1']);
    expect(ann('overlay-app')).toEqual({
      'k8s.v1.cni.cncf.io/networks': '[{"name":"macvlan-overlay-vlan0","namespace":"kube-system","interface":"net1"}]',
      'ipam.spidernet.io/ippools': '[{"interface":"net1","ipv4":["macvlan-overlay-vlan0-v4"],"ipv6":["macvlan-overlay-vlan0-v6"]}]',
    });
  });

  test('every custom resource validates against the upstream CRDs', () => {
    const { checked, errors } = validateCustomResources(build().objects);
    expect(errors).toEqual([]);
    expect(checked).toBe(6);
  });

  test('synth is deterministic: two builds give byte-identical YAML', () => {
    const a = build().app.synthYaml();
    const b = build().app.synthYaml();
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(1000);
  });

  test('whole chart snapshot', () => {
    expect(Testing.synth(build().chart)).toMatchSnapshot();
  });
});
