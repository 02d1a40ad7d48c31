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

// (each test holds whatever state the tests before it left in the process's sample, and also runs alone)

test('the first app gives its objects; the pass over them changes none of its findings; it is collected once dropped', async () => {
  expect(RESIDENT_SHAPES.size.objects).toBe(0); // (the file's first test)
  let ref: WeakRef<App> | undefined;
  (() => {
    // more replicas than addresses: capacity findings to compare
    const app = topologyApp(3, 6, 400);
    const first = findingKeys(app);
    expect(first.length).toBeGreaterThan(0);
    expect(RESIDENT_SHAPES.size).toEqual({ objects: expect.any(Number), kinds: 5, linted: true });
    // validated again, after the sample's pass read the objects this app's constructs keep (their specs)
    ValidationEngine.of(app).run();
    expect(findingKeys(app)).toEqual(first);
    ref = new WeakRef(app);
  })();
  await new Promise(resolve => setImmediate(resolve)); // (a WeakRef holds its target until the job ends)
  collect();
  expect(ref!.deref()).toBeUndefined();
});

test('the sample holds at most 3 objects of each kind, whatever the apps, and a pass covers them', () => {
  // SpiderIPPool, NetworkAttachmentDefinition, SpiderReservedIP, NodeNetworkConfigurationPolicy, Deployment; one
  // host policy per app, so the fourth app fills the sample whatever came before
  for (const [vlans, deployments] of [[1, 1], [2, 4], [20, 60], [4, 8]]) {
    topologyApp(vlans, deployments).synthYaml();
    const size = RESIDENT_SHAPES.size;
    expect(size).toEqual({ objects: expect.any(Number), kinds: 5, linted: true });
    expect(size.objects).toBeLessThanOrEqual(5 * 3);
  }
  expect(RESIDENT_SHAPES.size.objects).toBe(5 * 3);
  topologyApp(40, 200).synthYaml();
  expect(RESIDENT_SHAPES.size).toEqual({ objects: 5 * 3, kinds: 5, linted: true });
});
