/**
 * Fabric-scale scenario for the benchmark: a VlanTopology with N VLANs, each offered as a standalone and an
 * overlay network with a v4+v6 pool pair per network (the VLAN's allocatable range split between them), plus
 * Deployments spread across the VLANs, alternating standalone (macvlan eth0) and overlay (macvlan net1).
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BondMode, PodNetworks, VlanOffer, VlanTopology } from '../src';

export interface ScenarioSize {
  readonly vlans: number;
  readonly deployments: number;
}

/** The chart every variant of the scenario synthesizes into (same construct paths, same generated labels). */
export const CHART_ID = 'fabric';

/** 10.<16 + vid/256>.<vid%256>.0/24 and fd00:<vid hex>::/64: distinct for every vid 1..4094. */
function subnets(vid: number) {
  const base = `10.${16 + Math.floor(vid / 256)}.${vid % 256}`;
  const hex = vid.toString(16);
  return {
    ipv4: { subnet: `${base}.0/24`, gateway: `${base}.1` },
    ipv6: { subnet: `fd00:${hex}::/64`, gateway: `fd00:${hex}::1` },
  };
}

/** Deployment number `i` of the scenario, as a user writes it with cdk8s-plus (without networks). */
export function newDeployment(scope: Construct, i: number): kplus.Deployment {
  return new kplus.Deployment(scope, `app${i}`, {
    metadata: { name: `app${i}`, namespace: 'default' },
    containers: [{ image: 'nginx:1.27', portNumber: 80 }],
  });
}

/** Builds the scenario with this library's constructs (props only: everything else is derived). */
export function buildWithConstructs(size: ScenarioSize): App {
  const app = new App({ outdir: '/tmp/cdk8s-macvlan-bench' });
  const chart = new Chart(app, CHART_ID);
  const vlanIds = Array.from({ length: size.vlans }, (_, i) => i + 1);
  const topology = new VlanTopology(chart, 'fabric', {
    bond: { name: 'bond0', members: ['ens224', 'ens256'], mode: BondMode.ACTIVE_BACKUP, options: { miimon: 100 } },
    vlans: vlanIds.map(id => ({ id, offer: VlanOffer.BOTH, ...subnets(id) })),
  });
  for (let i = 0; i < size.deployments; i++) {
    const d = newDeployment(chart, i);
    const vid = vlanIds[i % size.vlans];
    const nets = i % 2 === 0 ? PodNetworks.standalone(topology.standaloneNetwork(vid)) : PodNetworks.overlay(topology.overlayNetwork(vid));
    nets.applyTo(d);
  }
  return app;
}
