// expect-error: TS2345 (a topology's overlay network as a pod's default network)
// names: IMacvlanOverlayNetwork
import { App, Chart } from 'cdk8s';
import { BondMode, PodNetworks, VlanOffer, VlanTopology } from '../../../src';

const chart = new Chart(new App(), 'c');
const topology = new VlanTopology(chart, 't', {
  bond: { members: ['ens224', 'ens256'], mode: BondMode.IEEE_802_3AD },
  vlans: [{ id: 100, offer: VlanOffer.BOTH, ipv4: { subnet: '10.100.0.0/24', gateway: '10.100.0.1' } }],
});
PodNetworks.standalone(topology.overlayNetwork(100));
