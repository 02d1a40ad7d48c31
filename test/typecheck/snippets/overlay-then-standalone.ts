// expect-error: TS2345 (a standalone network added to an overlay pod)
// names: MacvlanStandaloneNetwork
import { App, Chart } from 'cdk8s';
import { MacvlanOverlayNetwork, MacvlanStandaloneNetwork, PodNetworks } from '../../../src';

const chart = new Chart(new App(), 'c');
const standalone = new MacvlanStandaloneNetwork(chart, 's', { master: 'eth1' });
const overlay = new MacvlanOverlayNetwork(chart, 'o', { master: 'eth1' });
PodNetworks.overlay(overlay).attach(standalone);
