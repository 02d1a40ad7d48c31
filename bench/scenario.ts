/**
 * Fabric-scale scenario for the benchmark: a VlanTopology with N VLANs, each offered as a standalone and an
 * overlay network with a v4+v6 pool pair per network (the VLAN's allocatable range split between them), plus
 * Deployments spread across the VLANs, alternating standalone (macvlan eth0) and overlay (macvlan net1).
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BondMode, Fabric, PodNetworks, VlanOffer, VlanTopology } from '../src';

export interface ScenarioSize {
  readonly vlans: number;
  readonly deployments: number;
  /**
   * With racks: a Fabric of that many racks instead of a VlanTopology, each rack with its own IPv4 /24 per VLAN,
   * every VLAN offered standalone (one pool per rack and VLAN), the Deployments placed on every rack. (16 racks of
   * 4094 VLANs are ~70,000 objects in one chart: cdk8s's `synthYaml` spreads every document into one call, which
   * overflows V8's default stack there; bench.ts runs the Fabric rows with `--stack-size=4000`.)
   */
  readonly racks?: number;
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

/** Rack `r` (0-15), VLAN `vid` (1-4094): 10.<n / 256>.<n % 256>.0/24 with n = r * 4096 + vid, distinct for all. */
function rackSubnet(r: number, vid: number) {
  const n = r * 4096 + vid;
  const base = `10.${Math.floor(n / 256)}.${n % 256}`;
  return { subnet: `${base}.0/24`, gateway: `${base}.1` };
}

/** The fabric variant: `racks` racks carrying every VLAN, the Deployments placed on every rack. */
function buildFabric(size: ScenarioSize & { racks: number }): App {
  const app = new App({ outdir: '/tmp/cdk8s-macvlan-bench' });
  const chart = new Chart(app, CHART_ID);
  const vlanIds = Array.from({ length: size.vlans }, (_, i) => i + 1);
  const fabric = new Fabric(chart, 'fabric', {
    bond: { name: 'bond0', members: ['ens224', 'ens256'], mode: BondMode.ACTIVE_BACKUP, options: { miimon: 100 } },
    vlans: vlanIds.map(id => ({ id })),
    racks: Array.from({ length: size.racks }, (_, r) => ({
      name: `rack${r + 1}`,
      nodeSelector: { 'topology.example.com/rack': `rack${r + 1}` },
      vlans: vlanIds.map(id => ({ id, ipv4: rackSubnet(r, id) })),
    })),
  });
  for (let i = 0; i < size.deployments; i++) {
    const d = newDeployment(chart, i);
    PodNetworks.standalone(fabric.standaloneNetwork(vlanIds[i % size.vlans])).applyTo(d);
    fabric.placeWorkload(d);
  }
  return app;
}

/** Builds the scenario with this library's constructs (props only: everything else is derived). */
export function buildWithConstructs(size: ScenarioSize): App {
  if (size.racks !== undefined) return buildFabric({ ...size, racks: size.racks });
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
