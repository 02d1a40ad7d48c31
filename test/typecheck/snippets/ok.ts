// expect-ok: every valid pairing compiles
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AnnotatedPod, IpPool, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, PodNetworks } from '../../../src';

const chart = new Chart(new App(), 'c');
const pool = new IpPool(chart, 'p', { subnet: '10.0.0.0/24', gateway: '10.0.0.1' });
const s1 = new MacvlanStandaloneNetwork(chart, 's1', { master: 'eth1', pools: [pool] });
const s2 = new MacvlanStandaloneNetwork(chart, 's2', { master: 'eth2', pools: [pool] });
const o1 = new MacvlanOverlayNetwork(chart, 'o1', { master: 'eth1', pools: [pool] });
const o2 = new MacvlanOverlayNetwork(chart, 'o2', { master: 'eth2', pools: [pool] });

new AnnotatedPod(chart, 'a', { networks: PodNetworks.standalone(s1), containers: [{ image: 'x' }] });
new AnnotatedPod(chart, 'b', { networks: PodNetworks.standalone(s1, s2).attach(s2, { interfaceName: 'data' }), containers: [{ image: 'x' }] });
new AnnotatedPod(chart, 'c', { networks: PodNetworks.overlay(o1, o2).attach(o1, { interfaceName: 'net9' }), containers: [{ image: 'x' }] });
PodNetworks.overlay(o1).applyTo(new kplus.Deployment(chart, 'd', { containers: [{ image: 'x' }] }));
