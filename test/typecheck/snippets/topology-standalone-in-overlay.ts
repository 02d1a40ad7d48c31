// expect-error: TS2345 (a topology's standalone network mixed into an overlay set)
// names: IMacvlanStandaloneNetwork
import { App, Chart } from 'cdk8s';
import { BondMode, PodNetworks, VlanOffer, VlanTopology } from '../../../src';

const chart = new Chart(new App(), 'c');
const topology = new VlanTopology(chart, 't', {
  bond: { members: ['ens224', 'ens256'], mode: BondMode.IEEE_802_3AD },
  vlans: [{ id: 100, offer: VlanOffer.BOTH, ipv4: { subnet: '10.100.0.0/24', gateway: '10.100.0.1' } }],
});
PodNetworks.overlay(topology.overlayNetwork(100), topology.standaloneNetwork(100));
