import { CRDS_DIR, knownKinds, schemaErrors } from './support/crd-schemas';

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
});
