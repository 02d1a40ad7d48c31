/**
 * One app written against cdk8s-plus-28; test/plus-versions.test.ts also compiles and synthesizes it with
 * `cdk8s-plus-33` in place of `cdk8s-plus-28` (what `cdk8s init typescript-app` installs today).
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IpPool, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, PodNetworks } from '../../src';

export function buildApp(): App {
  const app = new App();
  const chart = new Chart(app, 'underlay');
  const v4 = new IpPool(chart, 'v4', { name: 'vlan0-v4', subnet: '172.16.0.0/16', ips: ['172.16.10.1-172.16.10.200'], gateway: '172.16.0.1' });
  const standalone = new MacvlanStandaloneNetwork(chart, 'standalone', { name: 'macvlan-standalone-vlan0', master: 'ens192', pools: [v4] });
  const overlay = new MacvlanOverlayNetwork(chart, 'overlay', { name: 'macvlan-overlay-vlan0', master: 'ens192', pools: [v4] });
  const containers = [{ image: 'nginx', securityContext: { ensureNonRoot: false } }];

  PodNetworks.standalone(standalone).applyTo(new kplus.Deployment(chart, 'web', { containers }));
  PodNetworks.overlay(overlay).applyTo(new kplus.StatefulSet(chart, 'db', {
    containers, service: new kplus.Service(chart, 'db-svc', { ports: [{ port: 80 }] }),
  }));
  PodNetworks.overlay(overlay).attach(overlay, { interfaceName: 'net9' }).applyTo(new kplus.DaemonSet(chart, 'agent', { containers }));
  PodNetworks.standalone(standalone).applyTo(new kplus.Job(chart, 'once', { containers }));
  PodNetworks.overlay(overlay).applyTo(new kplus.Pod(chart, 'debug', { containers }));
  return app;
}
