// expect-error: TS2739 (AnnotatedPod takes a PodNetworks set, not a bare network)
// names: MacvlanStandaloneNetwork
import { App, Chart } from 'cdk8s';
import { AnnotatedPod, MacvlanStandaloneNetwork } from '../../../src';

const chart = new Chart(new App(), 'c');
const standalone = new MacvlanStandaloneNetwork(chart, 's', { master: 'eth1' });
new AnnotatedPod(chart, 'p', { networks: standalone, containers: [{ image: 'x' }] });
