/**
 * The seed's topology grown to two racks: each rack has its own top-of-rack switch pair and its own subnet per
 * VLAN (the racks are routed at layer 3), every node bonds ens224 + ens256 into bond0 with sub-interfaces
 * bond0.300 and bond0.400, and the two VLANs' networks span both racks. Per VLAN a standalone and an overlay
 * network (one NetworkAttachmentDefinition each), per rack and network a dual-stack pair of pools pinned to the
 * rack's nodes; the seed's standalone and overlay workloads run on both racks and get their rack's address.
 *
 * Addresses: VLAN 300 is 10.30.<rack>.0/24 and fd00:300:<rack>::/64, VLAN 400 is 10.40.<rack>.0/24 and
 * fd00:400:<rack>::/64; .1 / ::1 is the rack's gateway (the VRRP virtual address of the rack's switch pair, whose
 * real addresses are .2 and .3), the pools hand out .10-.250 / ::10-::ffff so the low addresses stay with the
 * switches; .5 is the rack's load-balancer VIP, reserved like the switch addresses. (The other examples in the
 * same cluster use 172.16.0.0/16 and 192.168.100/200.0/24, VLANs 100 and 200.)
 *
 * Bond: 802.3ad with miimon 100, lacp_rate fast and layer3+4 hashing, as in the single-rack example.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BondMode, Fabric, LacpRate, PodNetworks, VlanOffer, XmitHashPolicy } from '../src';
import { nginx } from './basic';

/** The label that tells a node's rack. */
export const RACK_LABEL = 'network.example.com/rack';
export const RACKS = ['rack1', 'rack2'];
export const VLANS = [300, 400];

export class FabricChart extends Chart {
  public readonly fabric: Fabric;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    this.fabric = new Fabric(this, 'fabric', {
      bond: {
        name: 'bond0',
        members: ['ens224', 'ens256'],
        mode: BondMode.IEEE_802_3AD,
        options: { miimon: 100, lacpRate: LacpRate.FAST, xmitHashPolicy: XmitHashPolicy.LAYER3_4 },
        mtu: 1500,
      },
      vlans: VLANS.map(id => ({ id, offer: VlanOffer.BOTH })),
      racks: RACKS.map((name, r) => ({
        name,
        nodeSelector: { 'node-role.kubernetes.io/worker': '', [RACK_LABEL]: name },
        nodeCount: 2,
        // a redundant top-of-rack pair: ens224 to the first switch, ens256 to the second, one port channel
        // per node spanning both (MLAG), the gateway a VRRP virtual address with one real address per switch
        switches: {
          names: [`${name}-tor-a`, `${name}-tor-b`],
          peerLink: { ports: ['Ethernet1/49', 'Ethernet1/50'] },
          nodes: [1, 2].map(n => ({ node: `${name}-worker-${n}`, ports: [`Ethernet1/${n}`, `Ethernet1/${n}`] })),
        },
        vlans: VLANS.map(id => ({
          id,
          ipv4: {
            subnet: `10.${id / 10}.${r + 1}.0/24`,
            gateway: `10.${id / 10}.${r + 1}.1`,
            ips: [`10.${id / 10}.${r + 1}.10-10.${id / 10}.${r + 1}.250`],
            reservedIps: [`10.${id / 10}.${r + 1}.5`], // the rack's load-balancer VIP on the VLAN: reserved, in the plan's table
          },
          ipv6: { subnet: `fd00:${id}:${r + 1}::/64`, gateway: `fd00:${id}:${r + 1}::1`, ips: [`fd00:${id}:${r + 1}::10-fd00:${id}:${r + 1}::ffff`] },
        })),
      })),
    });

    for (const vlan of VLANS) {
      const standalone = new kplus.Deployment(this, `vlan${vlan}-standalone-app`, {
        metadata: { name: `vlan${vlan}-standalone-app`, namespace: 'default' },
        replicas: 4,
        ...nginx(),
      });
      PodNetworks.standalone(this.fabric.standaloneNetwork(vlan)).applyTo(standalone);
      this.fabric.placeWorkload(standalone); // both racks: one node affinity term per rack

      const overlay = new kplus.Deployment(this, `vlan${vlan}-overlay-app`, {
        metadata: { name: `vlan${vlan}-overlay-app`, namespace: 'default' },
        replicas: 4,
        ...nginx(),
      });
      PodNetworks.overlay(this.fabric.overlayNetwork(vlan)).applyTo(overlay);
      this.fabric.placeWorkload(overlay);
    }
  }
}

/** Adds the two-rack fabric scenario to an app. */
export function addFabricScenario(app: App): { chart: FabricChart; fabric: Fabric } {
  const chart = new FabricChart(app, 'macvlan-fabric');
  return { chart, fabric: chart.fabric };
}
