/**
 * Building blocks of the rule examples (rendered into docs/rules.md; the YAML ones are linted by the docs
 * test: the bad one must trigger its rule, the good one must not).
 */

/** Single-quoted YAML scalar. */
export function q(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function pool(name: string, spec: string): string {
  return `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderIPPool
metadata:
  name: ${name}
spec:
${spec.trim().split('\n').map(l => `  ${l}`).join('\n')}
`;
}

export const V4 = 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.200]\ngateway: 172.16.100.1';

export function nad(name: string, config: object, namespace = 'kube-system'): string {
  return `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  config: ${q(JSON.stringify(config))}
`;
}

export function macvlan(extra: object = {}): object {
  return { type: 'macvlan', master: 'bond0.100', mode: 'bridge', ipam: { type: 'spiderpool', default_ipv4_ippool: ['vlan100-v4'] }, ...extra };
}

export function chain(name: string, mode: string, plugin: object = macvlan()): object {
  return { cniVersion: '0.3.1', name, plugins: [plugin, { type: 'coordinator', mode }] };
}

/** The standalone (coordinator underlay) and overlay (coordinator overlay) networks the pod examples use. */
export const STANDALONE = nad('macvlan-standalone', chain('macvlan-standalone', 'underlay'));
export const OVERLAY = nad('macvlan-overlay', chain('macvlan-overlay', 'overlay'));

export function pod(annotations: { [key: string]: string }): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: default
  annotations:
${Object.entries(annotations).map(([k, v]) => `    ${k}: ${q(v)}`).join('\n')}
spec:
  containers:
    - name: app
      image: nginx:1.27
`;
}

export function docs(...parts: string[]): string {
  return parts.map(p => p.trimEnd()).join('\n---\n') + '\n';
}

export function smc(spec: string): string {
  return `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderMultusConfig
metadata:
  name: macvlan-vlan100
  namespace: kube-system
spec:
${spec.trim().split('\n').map(l => `  ${l}`).join('\n')}
`;
}

/** A NodeNetworkConfigurationPolicy with these interfaces (each a YAML mapping at column 0). */
export function nncp(interfaces: string[], selector = 'node-role.kubernetes.io/worker: ""'): string {
  const item = (text: string) => text.trim().split('\n').map((l, i) => `${i === 0 ? '      - ' : '        '}${l}`).join('\n');
  return `apiVersion: nmstate.io/v1
kind: NodeNetworkConfigurationPolicy
metadata:
  name: bond0-vlans
spec:
  nodeSelector:
    ${selector}
  desiredState:
    interfaces:
${interfaces.map(item).join('\n')}
`;
}

/** A bond interface; `linkAggregation` is the body of its link-aggregation. */
export function bondIface(linkAggregation = 'mode: 802.3ad\noptions:\n  miimon: "100"\nport: [ens224, ens256]', mtu = 1500): string {
  return `name: bond0\ntype: bond\nstate: up\nmtu: ${mtu}\nlink-aggregation:\n${linkAggregation.split('\n').map(l => `  ${l}`).join('\n')}`;
}

/** A VLAN interface; `vlan` is the body of its vlan section. */
export function vlanIface(name: string, vlan: string, mtu = 1500): string {
  return `name: ${name}\ntype: vlan\nstate: up\nmtu: ${mtu}\nvlan:\n${vlan.split('\n').map(l => `  ${l}`).join('\n')}`;
}

export const VLAN100 = 'base-iface: bond0\nid: 100\nreorder-headers: true';

/** A Deployment (namespace default) whose pod template carries `annotations`; `podSpec` lines go into its pod spec. */
export function deployment(name: string, replicas: number, annotations: { [key: string]: string }, podSpec = '', metadata = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: default
${metadata ? metadata.trim().split('\n').map(l => `  ${l}`).join('\n') + '\n' : ''}spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
      annotations:
${Object.entries(annotations).map(([k, v]) => `        ${k}: ${q(v)}`).join('\n')}
    spec:
${podSpec ? podSpec.trim().split('\n').map(l => `      ${l}`).join('\n') + '\n' : ''}      containers:
        - name: app
          image: nginx:1.27
`;
}

/** A named NodeNetworkConfigurationPolicy (see {@link nncp}). */
export function namedNncp(name: string, interfaces: string[], selector = 'node-role.kubernetes.io/worker: ""'): string {
  return nncp(interfaces, selector).replace('name: bond0-vlans', `name: ${name}`);
}

export const WORKERS = 'nodeSelector:\n  node-role.kubernetes.io/worker: ""';
export const SMALL_V4 = 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.19]\ngateway: 172.16.100.1';
export const ON_STANDALONE = { 'v1.multus-cni.io/default-network': 'kube-system/macvlan-standalone' };

export const DEF = 'v1.multus-cni.io/default-network';
export const NETS = 'k8s.v1.cni.cncf.io/networks';
export const POOLS = 'ipam.spidernet.io/ippools';

/** A SpiderReservedIP with this spec (YAML lines). */
export function reservedIp(name: string, spec: string): string {
  return `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderReservedIP
metadata:
  name: ${name}
spec:
${spec.trim().split('\n').map(l => `  ${l}`).join('\n')}
`;
}
