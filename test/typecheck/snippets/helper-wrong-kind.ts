// expect-error: TS2741 (a standalone network's helper plugin on an overlay network)
// names: StandaloneHelperPlugin
import { App, Chart } from 'cdk8s';
import { MacvlanOverlayNetwork, StandaloneHelperPlugin } from '../../../src';

const chart = new Chart(new App(), 'c');
new MacvlanOverlayNetwork(chart, 'o', {
  master: 'eth1',
  helper: StandaloneHelperPlugin.spidernetVeth({ serviceHijackSubnets: [], overlayHijackSubnets: [] }),
});
