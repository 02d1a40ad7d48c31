/**
 * The thin API objects are the `k8s` submodule (as cdk8s-plus exports its generated `k8s` imports), one name per
 * kind, and nothing of them is left at the package's top level.
 */
import { App, Chart, Testing } from 'cdk8s';
import * as lib from '../../src';
import { k8s } from '../../src';

// [export name, class, apiVersion, kind]: the name is the kind in jsii casing (SpiderIPPool -> SpiderIpPool)
const KINDS: Array<[string, { GVK: { apiVersion: string; kind: string } }, string, string]> = [
  ['NetworkAttachmentDefinition', k8s.NetworkAttachmentDefinition, 'k8s.cni.cncf.io/v1', 'NetworkAttachmentDefinition'],
  ['SpiderIpPool', k8s.SpiderIpPool, 'spiderpool.spidernet.io/v2beta1', 'SpiderIPPool'],
  ['SpiderMultusConfig', k8s.SpiderMultusConfig, 'spiderpool.spidernet.io/v2beta1', 'SpiderMultusConfig'],
  ['SpiderReservedIp', k8s.SpiderReservedIp, 'spiderpool.spidernet.io/v2beta1', 'SpiderReservedIP'],
  ['NodeNetworkConfigurationPolicy', k8s.NodeNetworkConfigurationPolicy, 'nmstate.io/v1', 'NodeNetworkConfigurationPolicy'],
];

test('the k8s submodule holds exactly the five thin objects, each named after its kind', () => {
  expect(Object.keys(lib.k8s).sort()).toEqual(KINDS.map(([name]) => name).sort());
  for (const [, cls, apiVersion, kind] of KINDS) expect(cls.GVK).toEqual({ apiVersion, kind });
});

test('none of them, nor an old *Object name, is exported at the top level', () => {
  const top = Object.keys(lib);
  for (const [name] of KINDS) {
    expect(top).not.toContain(name);
    expect(top).not.toContain(`${name}Object`);
  }
  expect(top).toContain('k8s');
});

test('the constructs are the thin objects (one ApiObject per Kubernetes object)', () => {
  const chart = new Chart(Testing.app(), 'c');
  const pool = new lib.IpPool(chart, 'p', { subnet: '10.0.0.0/24', gateway: '10.0.0.1' });
  const reserved = new lib.ReservedIps(chart, 'r', { ips: ['10.0.0.2'] });
  expect(pool).toBeInstanceOf(k8s.SpiderIpPool);
  expect(reserved).toBeInstanceOf(k8s.SpiderReservedIp);
});

test('a thin object writes what it is given (cluster-scoped kinds without the chart namespace)', () => {
  const app = new App({ outdir: '/tmp/unused' });
  const chart = new Chart(app, 'c', { namespace: 'team-a' });
  new k8s.SpiderReservedIp(chart, 'r', { metadata: { name: 'gw' }, spec: { ipVersion: 4, ips: ['10.0.0.1'] } });
  new k8s.SpiderIpPool(chart, 'p', { metadata: { name: 'p' }, spec: { ipVersion: 4, subnet: '10.0.0.0/24', clusterDefault: true } });
  new k8s.NetworkAttachmentDefinition(chart, 'n', { metadata: { name: 'n' }, spec: { config: '{"cniVersion":"0.3.1"}' } });
  expect(Testing.synth(chart)).toEqual([
    { apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderReservedIP', metadata: { name: 'gw' }, spec: { ipVersion: 4, ips: ['10.0.0.1'] } },
    { apiVersion: 'spiderpool.spidernet.io/v2beta1', kind: 'SpiderIPPool', metadata: { name: 'p' }, spec: { ipVersion: 4, subnet: '10.0.0.0/24', default: true } },
    { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'n', namespace: 'team-a' }, spec: { config: '{"cniVersion":"0.3.1"}' } },
  ]);
});
