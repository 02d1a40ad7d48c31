/**
 * The resident sample (src/validation/resident-shapes.ts): a few objects per kind, kept for the process, linted in
 * a pass of their own. It must stay small whatever the apps, refer to no app, and change no finding.
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { BondMode, PodNetworks, VlanOffer, VlanTopology } from '../../src';
import { ValidationEngine } from '../../src/validation/engine';
import { RESIDENT_SHAPES } from '../../src/validation/resident-shapes';

v8.setFlagsFromString('--expose-gc');
const collect: () => void = vm.runInNewContext('gc');

/** A topology of `vlans` VLANs (both offers) and `deployments` Deployments alternating standalone and overlay. */
function topologyApp(vlans: number, deployments: number, replicas = 1): App {
  const app = new App();
  const chart = new Chart(app, 'c');
  const ids = Array.from({ length: vlans }, (_, i) => i + 10);
  const topology = new VlanTopology(chart, 'fabric', {
    bond: { name: 'bond0', members: ['ens224', 'ens256'], mode: BondMode.ACTIVE_BACKUP },
    vlans: ids.map(id => ({ id, offer: VlanOffer.BOTH, ipv4: { subnet: `10.${id}.0.0/24`, gateway: `10.${id}.0.1` } })),
  });
  for (let i = 0; i < deployments; i++) {
    const d = new kplus.Deployment(chart, `app${i}`, { replicas, containers: [{ image: 'nginx' }] });
    const id = ids[i % vlans];
    (i % 2 === 0 ? PodNetworks.standalone(topology.standaloneNetwork(id)) : PodNetworks.overlay(topology.overlayNetwork(id))).applyTo(d);
  }
  return app;
}

const findingKeys = (app: App) => ValidationEngine.of(app).findings().map(f => `${f.owner.node.path} ${f.finding.rule} ${f.finding.field}`).sort();

test('the sample refers to no app: the app its objects came from is collected once dropped', async () => {
  let ref: WeakRef<App> | undefined;
  (() => {
    const app = topologyApp(2, 4);
    app.synthYaml();
    expect(RESIDENT_SHAPES.size.objects).toBeGreaterThan(0); // (this app's objects)
    ref = new WeakRef(app);
  })();
  await new Promise(resolve => setImmediate(resolve)); // (a WeakRef holds its target until the job ends)
  collect();
  expect(ref!.deref()).toBeUndefined();
});

test('the sample holds at most 3 objects of each kind, whatever the apps, and its pass covers them', () => {
  // (the test before took the first app's objects: SpiderIPPool, NetworkAttachmentDefinition, SpiderReservedIP,
  // NodeNetworkConfigurationPolicy, Deployment)
  const first = RESIDENT_SHAPES.size;
  expect(first).toEqual({ objects: expect.any(Number), kinds: 5, linted: true });
  expect(first.objects).toBeLessThan(5 * 3); // (one policy)
  topologyApp(20, 60).synthYaml();
  const full = RESIDENT_SHAPES.size;
  expect(full.objects).toBeGreaterThan(first.objects); // (kinds the first app had fewer of)
  expect(full).toEqual({ objects: expect.any(Number), kinds: 5, linted: true });
  expect(full.objects).toBeLessThanOrEqual(5 * 3);
  // (one host policy per app: the last kind to fill up)
  topologyApp(2, 4).synthYaml();
  expect(RESIDENT_SHAPES.size).toEqual({ objects: 5 * 3, kinds: 5, linted: true });
  topologyApp(40, 200).synthYaml();
  expect(RESIDENT_SHAPES.size).toEqual({ objects: 5 * 3, kinds: 5, linted: true });
});

test('the sample changes no finding: an app validated before and after it was taken reports the same', () => {
  // more replicas than addresses: capacity findings to compare
  const before = findingKeys(topologyApp(3, 6, 400));
  expect(before.length).toBeGreaterThan(0);
  expect(findingKeys(topologyApp(5, 10, 400)).length).toBeGreaterThan(before.length);
  expect(findingKeys(topologyApp(3, 6, 400))).toEqual(before);
});
