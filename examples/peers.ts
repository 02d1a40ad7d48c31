/**
 * One network per choice that users of the peers (Spiderpool's SpiderMultusConfig, the multus-underlay Helm
 * chart, OpenShift's SimpleMacvlan) reach for: the NAD written by Spiderpool from a SpiderMultusConfig, each
 * IPAM plugin, the legacy spidernet helper plugins, and the macvlan modes. Every one is used by a workload.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  AnnotatedPod, IPodNetworks, Ipam, IpPool, MacvlanMode, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, NadSource, OverlayHelperPlugin,
  PodNetworks, StandaloneHelperPlugin,
} from '../src';
import { nginx } from './basic';

const HIJACK = { serviceHijackSubnets: ['10.233.0.0/18'], overlayHijackSubnets: ['10.233.64.0/18'] };

export class PeersChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const ns = 'macvlan-peers';

    // SpiderMultusConfig path: Spiderpool generates the NAD (with ifacer creating ens224.300 at pod start).
    const smcV4 = new IpPool(this, 'smc-v4', { name: 'peers-smc-v4', subnet: '10.30.0.0/24', gateway: '10.30.0.1' });
    const smcV6 = new IpPool(this, 'smc-v6', { name: 'peers-smc-v6', subnet: 'fd00:30::/64', ips: ['fd00:30::100-fd00:30::1ff'], gateway: 'fd00:30::1' });
    const smc = new MacvlanStandaloneNetwork(this, 'smc', {
      name: 'macvlan-smc-vlan300', namespace: ns, master: 'ens224.300', source: NadSource.SPIDER_MULTUS_CONFIG,
      ifacer: { interfaces: ['ens224'], vlanId: 300 }, pools: [smcV4, smcV6],
    });
    this.deploy('smc-app', PodNetworks.standalone(smc));

    // Whereabouts, dual stack, with the legacy spidernet router helper (multus-underlay's macvlan-overlay).
    const whereabouts = new MacvlanOverlayNetwork(this, 'whereabouts', {
      name: 'macvlan-whereabouts', namespace: ns, master: 'ens161',
      ipam: Ipam.whereabouts({ range: '10.31.0.0/24', exclude: ['10.31.0.1/32'], additionalRanges: [{ range: 'fd00:31::/64', exclude: ['fd00:31::1/128'] }] }),
      helper: OverlayHelperPlugin.spidernetRouter(HIJACK),
    });
    this.deploy('whereabouts-app', PodNetworks.overlay(whereabouts));

    // Static IPAM with per-pod addresses (the `ips` capability), legacy spidernet veth helper (macvlan-standalone).
    const statik = new MacvlanStandaloneNetwork(this, 'static', {
      name: 'macvlan-static', namespace: ns, master: 'ens161', mode: MacvlanMode.PRIVATE,
      ipam: Ipam.staticAddresses({ routes: [{ destination: '0.0.0.0/0', gateway: '10.32.0.1' }] }),
      helper: StandaloneHelperPlugin.spidernetVeth(HIJACK),
    });
    const statikPrimary = new MacvlanStandaloneNetwork(this, 'static-primary', {
      name: 'macvlan-static-primary', namespace: ns, master: 'ens192', pools: [new IpPool(this, 'static-primary-v4', { name: 'peers-static-primary-v4', subnet: '10.33.0.0/24', gateway: '10.33.0.1' })],
    });
    new AnnotatedPod(this, 'static-pod', {
      metadata: { name: 'static-pod', namespace: 'default' },
      networks: PodNetworks.standalone(statikPrimary).attach(statik, { interfaceName: 'data0', ips: ['10.32.0.10/24'] }),
      ...nginx(),
    });

    // DHCP from the underlay, VEPA mode (hairpin on the switch); host-local (warned: per-node state); layer 2 only.
    const dhcp = new MacvlanOverlayNetwork(this, 'dhcp', { name: 'macvlan-dhcp', namespace: ns, master: 'ens193', mode: MacvlanMode.VEPA, ipam: Ipam.dhcp() });
    const l2 = new MacvlanOverlayNetwork(this, 'l2', { name: 'macvlan-l2', namespace: ns, master: 'ens194', ipam: Ipam.none() });
    this.deploy('dhcp-l2-app', PodNetworks.overlay(dhcp, l2));

    // Passthru: the whole NIC to one pod NIC.
    const passthru = new MacvlanOverlayNetwork(this, 'passthru', {
      name: 'macvlan-passthru', namespace: ns, master: 'ens195', mode: MacvlanMode.PASSTHRU,
      pools: [new IpPool(this, 'passthru-v4', { name: 'peers-passthru-v4', subnet: '10.34.0.0/24', gateway: '10.34.0.1' })],
    });
    this.deploy('passthru-app', PodNetworks.overlay(passthru));
  }

  private deploy(name: string, networks: IPodNetworks): void {
    const d = new kplus.Deployment(this, name, { metadata: { name, namespace: 'default' }, replicas: 1, ...nginx() });
    networks.applyTo(d);
  }
}

/** Adds the peers scenario to an app. */
export function addPeersScenario(app: App): PeersChart {
  return new PeersChart(app, 'macvlan-peers');
}
