/**
 * The seed's basic scenarios: one standalone and one overlay macvlan network on the untagged
 * underlay ("vlan0"), dual-stack Spiderpool pools, and three Deployments using them.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IpPool, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, PodNetworks } from '../src';

export class BasicMacvlanChart extends Chart {
  public readonly standalone: MacvlanStandaloneNetwork;
  public readonly overlay: MacvlanOverlayNetwork;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // Both networks share the underlay subnet; their pools split it into disjoint ranges.
    const standaloneV4 = new IpPool(this, 'standalone-v4', {
      name: 'macvlan-standalone-vlan0-v4',
      subnet: '172.16.0.0/16',
      ips: ['172.16.10.1-172.16.10.200'],
      gateway: '172.16.0.1',
    });
    const standaloneV6 = new IpPool(this, 'standalone-v6', {
      name: 'macvlan-standalone-vlan0-v6',
      subnet: 'fd00:172:16::/64',
      ips: ['fd00:172:16::10:1-fd00:172:16::10:ff'],
      gateway: 'fd00:172:16::1',
    });
    const overlayV4 = new IpPool(this, 'overlay-v4', {
      name: 'macvlan-overlay-vlan0-v4',
      subnet: '172.16.0.0/16',
      ips: ['172.16.20.1-172.16.20.200'],
      gateway: '172.16.0.1',
    });
    const overlayV6 = new IpPool(this, 'overlay-v6', {
      name: 'macvlan-overlay-vlan0-v6',
      subnet: 'fd00:172:16::/64',
      ips: ['fd00:172:16::20:1-fd00:172:16::20:ff'],
      gateway: 'fd00:172:16::1',
    });

    this.standalone = new MacvlanStandaloneNetwork(this, 'standalone', {
      name: 'macvlan-standalone-vlan0',
      master: 'ens192',
      pools: [standaloneV4, standaloneV6],
    });
    this.overlay = new MacvlanOverlayNetwork(this, 'overlay', {
      name: 'macvlan-overlay-vlan0',
      master: 'ens192',
      pools: [overlayV4, overlayV6],
    });

    // 1. macvlan as eth0
    const standaloneApp = new kplus.Deployment(this, 'standalone-app', {
      metadata: { name: 'standalone-app', namespace: 'default' },
      replicas: 2,
      ...nginx(),
    });
    PodNetworks.standalone(this.standalone).applyTo(standaloneApp);

    // 2. macvlan as eth0 plus a second macvlan NIC (net1) on the same standalone network
    const twoNics = new kplus.Deployment(this, 'standalone-two-nics', {
      metadata: { name: 'standalone-two-nics', namespace: 'default' },
      replicas: 1,
      ...nginx(),
    });
    PodNetworks.standalone(this.standalone, this.standalone).applyTo(twoNics);

    // 3. cluster CNI on eth0, macvlan as net1
    const overlayApp = new kplus.Deployment(this, 'overlay-app', {
      metadata: { name: 'overlay-app', namespace: 'default' },
      replicas: 2,
      ...nginx(),
    });
    PodNetworks.overlay(this.overlay).applyTo(overlayApp);
  }
}

/** A root-running web server: the container and pod security settings it needs. */
export function nginx(): Pick<kplus.DeploymentProps, 'containers' | 'securityContext'> {
  return {
    containers: [{ image: 'nginx:1.27', portNumber: 80, securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false } }],
    securityContext: { ensureNonRoot: false },
  };
}

/** Adds the basic scenario to an app. */
export function addBasicScenario(app: App): BasicMacvlanChart {
  return new BasicMacvlanChart(app, 'macvlan-basic');
}
