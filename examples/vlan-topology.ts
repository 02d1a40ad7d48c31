/**
 * The seed's "Other" topology: host NICs ens224 + ens256 bonded into bond0 on a switch trunk allowing
 * VLAN 100 and 200, sub-interfaces bond0.100 and bond0.200, per VLAN a standalone and an overlay macvlan
 * network with dual-stack Spiderpool pools whose gateways are the switch VLANIF addresses, and one
 * standalone and one overlay workload per VLAN.
 *
 * Bond mode: 802.3ad (LACP) with miimon 100. The seed puts both NICs on one switch trunk carrying every
 * VLAN, so both links should carry traffic (active-backup would leave one idle), and LACP notices a
 * miscabled or dead link that carrier alone does not; the price is an LACP port channel on the switch,
 * which the switch plan spells out. lacp_rate fast detects failures in ~3 s instead of ~90 s, and
 * layer3+4 hashing spreads the many pod flows between the same two nodes over both links.
 *
 * Reserved: 192.168.<id>.10 (a load-balancer VIP outside Kubernetes) never goes to a pod; the gateway, the switch's
 * address, is reserved the same way (SpiderReservedIP vlan<id>-reserved-v4 / -v6).
 *
 * Subnets: the basic scenario already uses 172.16.0.0/16 in the same cluster (Spiderpool rejects
 * overlapping pool subnets), so the VLANs use 192.168.100.0/24 and 192.168.200.0/24 (VLANIF .1), and
 * fd00:100::/64 and fd00:200::/64 (VLANIF ::1).
 */
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BondMode, LacpRate, PodNetworks, VlanOffer, VlanTopology, XmitHashPolicy } from '../src';
import { nginx } from './basic';

export class VlanTopologyChart extends Chart {
  public readonly topology: VlanTopology;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    this.topology = new VlanTopology(this, 'fabric', {
      bond: {
        name: 'bond0',
        members: ['ens224', 'ens256'],
        mode: BondMode.IEEE_802_3AD,
        options: { miimon: 100, lacpRate: LacpRate.FAST, xmitHashPolicy: XmitHashPolicy.LAYER3_4 },
        mtu: 1500,
      },
      nodeSelector: { 'node-role.kubernetes.io/worker': '' },
      vlans: [100, 200].map(id => ({
        id,
        offer: VlanOffer.BOTH,
        // .10 is the VLAN's load-balancer VIP: in the VLAN's SpiderReservedIP (with the gateway) and in no pool
        ipv4: { subnet: `192.168.${id}.0/24`, gateway: `192.168.${id}.1`, reservedIps: [`192.168.${id}.10`] },
        ipv6: { subnet: `fd00:${id}::/64`, gateway: `fd00:${id}::1` },
      })),
    });

    for (const vlan of [100, 200]) {
      const standalone = new kplus.Deployment(this, `vlan${vlan}-standalone-app`, {
        metadata: { name: `vlan${vlan}-standalone-app`, namespace: 'default' },
        replicas: 2,
        ...nginx(),
      });
      PodNetworks.standalone(this.topology.standaloneNetwork(vlan)).applyTo(standalone);
      this.topology.placeWorkload(standalone); // only on the worker nodes, where nmstate creates bond0.<vlan>

      const overlay = new kplus.Deployment(this, `vlan${vlan}-overlay-app`, {
        metadata: { name: `vlan${vlan}-overlay-app`, namespace: 'default' },
        replicas: 2,
        ...nginx(),
      });
      PodNetworks.overlay(this.topology.overlayNetwork(vlan)).applyTo(overlay);
      this.topology.placeWorkload(overlay);
    }
  }
}

/** Adds the VLAN topology scenario to an app. */
export function addVlanTopologyScenario(app: App): { chart: VlanTopologyChart; topology: VlanTopology } {
  const chart = new VlanTopologyChart(app, 'macvlan-vlan-topology');
  return { chart, topology: chart.topology };
}
