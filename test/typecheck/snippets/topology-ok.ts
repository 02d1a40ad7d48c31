// expect-ok: a VLAN topology's networks pair with the matching PodNetworks factory
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { BondMode, IMacvlanOverlayNetwork, IMacvlanStandaloneNetwork, PodNetworks, VlanOffer, VlanTopology } from '../../../src';

const chart = new Chart(new App(), 'c');
const topology = new VlanTopology(chart, 't', {
  bond: { members: ['ens224', 'ens256'], mode: BondMode.IEEE_802_3AD, options: { miimon: 100 } },
  vlans: [
    { id: 100, offer: VlanOffer.BOTH, ipv4: { subnet: '10.100.0.0/24', gateway: '10.100.0.1' } },
    { id: 200, offer: VlanOffer.BOTH, ipv4: { subnet: '10.200.0.0/24', gateway: '10.200.0.1' } },
  ],
});
const s100: IMacvlanStandaloneNetwork = topology.standaloneNetwork(100);
const o100: IMacvlanOverlayNetwork = topology.overlayNetwork(100);
PodNetworks.standalone(s100, topology.standaloneNetwork(200))
  .applyTo(new kplus.Deployment(chart, 'a', { containers: [{ image: 'x' }] }));
PodNetworks.overlay(o100, topology.overlayNetwork(200))
  .applyTo(new kplus.Deployment(chart, 'b', { containers: [{ image: 'x' }] }));
