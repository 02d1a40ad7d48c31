import { Chart } from 'cdk8s';
import { addBasicScenario } from '../examples/basic';
import { CRDS_DIR, knownKinds, schemaErrors, validateCustomResources } from './support/crd-schemas';
import { synthObjects, testApp } from './support/synth';

describe('upstream CRD schemas', () => {
  test(`load from ${CRDS_DIR}`, () => {
    expect(knownKinds()).toEqual(expect.arrayContaining([
      'k8s.cni.cncf.io/v1/NetworkAttachmentDefinition',
      'spiderpool.spidernet.io/v2beta1/SpiderIPPool',
      'spiderpool.spidernet.io/v2beta1/SpiderMultusConfig',
      'nmstate.io/v1/NodeNetworkConfigurationPolicy',
    ]));
  });

  test('the schema check can fail (a pool with a string ipVersion and no subnet is rejected)', () => {
    const errors = schemaErrors({ apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderIPPool', metadata: { name: 'x' }, spec: { ipVersion: '4' } });
    expect(errors.join('\n')).toMatch(/ipVersion/);
  });

  test('an object of an unknown custom kind is an error, not silently skipped', () => {
    expect(() => schemaErrors({ apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderNope', metadata: { name: 'x' } })).toThrow(/no CRD schema/);
  });

  test('every custom resource of the basic example validates', () => {
    const app = testApp();
    const chart: Chart = addBasicScenario(app);
    const objects = synthObjects(chart);
    const { checked, errors } = validateCustomResources(objects);
    expect(errors).toEqual([]);
    expect(checked).toBe(6); // 4 pools + 2 NADs
  });
});
