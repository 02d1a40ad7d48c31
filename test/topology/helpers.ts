/** Shared builders for the topology tests. */
import { App, Chart } from 'cdk8s';
import { BondMode, BondProps, HostInterfaces, VlanOffer, VlanProps, VlanTopology, VlanTopologyProps } from '../../src';
import { testApp } from '../support/synth';

/** A dual-stack VLAN `id` with subnets 10.<id>.0.0/24 and fd00:<id>::/64, gateways .1 / ::1. */
export function vlan(id: number, extra: Partial<VlanProps> = {}): VlanProps {
  return {
    id,
    ipv4: { subnet: `10.${id % 256}.0.0/24`, gateway: `10.${id % 256}.0.1` },
    ipv6: { subnet: `fd00:${id.toString(16)}::/64`, gateway: `fd00:${id.toString(16)}::1` },
    ...extra,
  };
}

export const BOND: BondProps = { name: 'bond0', members: ['ens224', 'ens256'], mode: BondMode.IEEE_802_3AD, options: { miimon: 100 } };

export interface Built { app: App; chart: Chart; topology: VlanTopology }

/** A topology in a fresh app, with BOND and VLANs 100 and 200 (BOTH) unless overridden. */
export function build(props: Partial<VlanTopologyProps> = {}): Built {
  const app = testApp();
  const chart = new Chart(app, 'chart');
  const topology = new VlanTopology(chart, 'topo', {
    bond: BOND,
    vlans: [vlan(100, { offer: VlanOffer.BOTH }), vlan(200, { offer: VlanOffer.BOTH })],
    ...props,
  });
  return { app, chart, topology };
}

export { HostInterfaces };
