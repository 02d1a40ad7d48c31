// expect-error: TS2345 (an overlay network as the pod's default network)
// names: MacvlanOverlayNetwork
import { App, Chart } from 'cdk8s';
import { MacvlanOverlayNetwork, PodNetworks } from '../../../src';

const chart = new Chart(new App(), 'c');
const overlay = new MacvlanOverlayNetwork(chart, 'o', { master: 'eth1' });
PodNetworks.standalone(overlay);
