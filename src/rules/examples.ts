/**
 * Failing and fixed examples of the rules, by rule id (rendered into docs/rules.md; YAML ones are linted
 * by the docs test: the bad one must trigger its rule, the good one must not). Rules may also carry their
 * example inline in the catalog.
 */

interface Example {
  readonly bad: string;
  readonly good: string;
  readonly language?: 'yaml' | 'typescript';
}

/** Single-quoted YAML scalar. */
function q(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function pool(name: string, spec: string): string {
  return `apiVersion: spiderpool.spidernet.io/v2beta1
kind: SpiderIPPool
metadata:
  name: ${name}
spec:
${spec.trim().split('\n').map(l => `  ${l}`).join('\n')}
`;
}

const V4 = 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.200]\ngateway: 172.16.100.1';

function nad(name: string, config: object, namespace = 'kube-system'): string {
  return `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  config: ${q(JSON.stringify(config))}
`;
}

function macvlan(extra: object = {}): object {
  return { type: 'macvlan', master: 'bond0.100', mode: 'bridge', ipam: { type: 'spiderpool', default_ipv4_ippool: ['vlan100-v4'] }, ...extra };
}

function chain(name: string, mode: string, plugin: object = macvlan()): object {
  return { cniVersion: '0.3.1', name, plugins: [plugin, { type: 'coordinator', mode }] };
}

/** The standalone (coordinator underlay) and overlay (coordinator overlay) networks the pod examples use. */
const STANDALONE = nad('macvlan-standalone', chain('macvlan-standalone', 'underlay'));
const OVERLAY = nad('macvlan-overlay', chain('macvlan-overlay', 'overlay'));

function pod(annotations: { [key: string]: string }): string {
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

function docs(...parts: string[]): string {
  return parts.map(p => p.trimEnd()).join('\n---\n') + '\n';
}

function smc(spec: string): string {
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
function nncp(interfaces: string[], selector = 'node-role.kubernetes.io/worker: ""'): string {
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
function bondIface(linkAggregation = 'mode: 802.3ad\noptions:\n  miimon: "100"\nport: [ens224, ens256]', mtu = 1500): string {
  return `name: bond0\ntype: bond\nstate: up\nmtu: ${mtu}\nlink-aggregation:\n${linkAggregation.split('\n').map(l => `  ${l}`).join('\n')}`;
}

/** A VLAN interface; `vlan` is the body of its vlan section. */
function vlanIface(name: string, vlan: string, mtu = 1500): string {
  return `name: ${name}\ntype: vlan\nstate: up\nmtu: ${mtu}\nvlan:\n${vlan.split('\n').map(l => `  ${l}`).join('\n')}`;
}

const VLAN100 = 'base-iface: bond0\nid: 100\nreorder-headers: true';


/** A Deployment (namespace default) whose pod template carries `annotations`; `podSpec` lines go into its pod spec. */
function deployment(name: string, replicas: number, annotations: { [key: string]: string }, podSpec = '', metadata = ''): string {
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
function namedNncp(name: string, interfaces: string[], selector = 'node-role.kubernetes.io/worker: ""'): string {
  return nncp(interfaces, selector).replace('name: bond0-vlans', `name: ${name}`);
}

const WORKERS = 'nodeSelector:\n  node-role.kubernetes.io/worker: ""';
const SMALL_V4 = 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.19]\ngateway: 172.16.100.1';
const ON_STANDALONE = { 'v1.multus-cni.io/default-network': 'kube-system/macvlan-standalone' };

const DEF = 'v1.multus-cni.io/default-network';
const NETS = 'k8s.v1.cni.cncf.io/networks';
const POOLS = 'ipam.spidernet.io/ippools';

export const RULE_EXAMPLES: { readonly [id: string]: Example } = {
  MV001: { bad: pool('vlan6-v4', 'subnet: 10.6.0.1/16\nips: [10.6.0.10-10.6.0.20]'), good: pool('vlan6-v4', 'subnet: 10.6.0.0/16\nips: [10.6.0.10-10.6.0.20]') },
  MV002: {
    bad: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.101.10-172.16.101.20]'),
    good: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]'),
  },
  MV003: {
    bad: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]\nexcludeIPs: [192.168.0.1]'),
    good: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]\nexcludeIPs: [172.16.100.15]'),
  },
  MV004: {
    bad: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]\ngateway: 172.16.200.1'),
    good: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]\ngateway: 172.16.100.1'),
  },
  MV005: {
    bad: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.1-172.16.100.20]\ngateway: 172.16.100.1'),
    good: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.1-172.16.100.20]\nexcludeIPs: [172.16.100.1]\ngateway: 172.16.100.1'),
  },
  MV006: {
    bad: pool('vlan100-v4', `${V4}\nroutes:\n  - dst: 0.0.0.0/0\n    gw: 172.16.100.1`),
    good: pool('vlan100-v4', V4),
  },
  MV007: {
    bad: pool('vlan100-v4', `${V4}\nroutes:\n  - {dst: 10.7.0.0/16, gw: 172.16.100.2}\n  - {dst: 10.7.0.0/16, gw: 172.16.100.3}`),
    good: pool('vlan100-v4', `${V4}\nroutes:\n  - {dst: 10.7.0.0/16, gw: 172.16.100.2}`),
  },
  MV008: {
    bad: pool('vlan100-v4', `${V4}\nroutes:\n  - {dst: 10.7.0.0/16, gw: 10.9.0.1}`),
    good: pool('vlan100-v4', `${V4}\nroutes:\n  - {dst: 10.7.0.0/16, gw: 172.16.100.2}`),
  },
  MV009: { bad: pool('vlan100-v4', `ipVersion: 6\n${V4}`), good: pool('vlan100-v4', `ipVersion: 4\n${V4}`) },
  MV010: { bad: pool('Vlan_100', V4), good: pool('vlan100-v4', V4) },
  MV011: {
    bad: docs(pool('vlan100-a', 'subnet: 10.0.0.0/16\nips: [10.0.0.10-10.0.0.20]'), pool('vlan100-b', 'subnet: 10.0.5.0/24\nips: [10.0.5.10-10.0.5.20]')),
    good: docs(pool('vlan100-a', 'subnet: 10.0.0.0/16\nips: [10.0.0.10-10.0.0.20]'), pool('vlan100-b', 'subnet: 10.0.0.0/16\nips: [10.0.5.10-10.0.5.20]')),
  },
  MV012: {
    bad: docs(pool('vlan100-a', 'subnet: 10.0.0.0/24\nips: [10.0.0.10-10.0.0.20]'), pool('vlan100-b', 'subnet: 10.0.0.0/24\nips: [10.0.0.15-10.0.0.30]')),
    good: docs(pool('vlan100-a', 'subnet: 10.0.0.0/24\nips: [10.0.0.10-10.0.0.20]'), pool('vlan100-b', 'subnet: 10.0.0.0/24\nips: [10.0.0.21-10.0.0.30]')),
  },
  MV013: { bad: nad('macvlan.vlan100', chain('macvlan.vlan100', 'underlay')), good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')) },
  MV014: { bad: nad('macvlan-vlan100', chain('macvlan-vlan200', 'underlay')), good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')) },
  MV015: {
    bad: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ master: 'enp175s0f0np0.100' }))),
    good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ master: 'bond0.100' }))),
  },
  MV016: {
    bad: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ mtu: -1 }))),
    good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ mtu: 1500 }))),
  },
  MV017: {
    bad: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ mode: 'Bridge' }))),
    good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ mode: 'bridge' }))),
  },
  MV018: {
    bad: docs(OVERLAY, pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","interface":"storage-network0"}]' })),
    good: docs(OVERLAY, pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","interface":"storage0"}]' })),
  },
  MV019: {
    bad: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [NETS]: 'kube-system/macvlan-standalone@eth0' })),
    good: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [NETS]: 'kube-system/macvlan-standalone@net1' })),
  },
  MV020: {
    bad: docs(nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ ipam: { type: 'spiderpool' } }))), pod({ [DEF]: 'kube-system/macvlan-vlan100' })),
    good: docs(nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')), pod({ [DEF]: 'kube-system/macvlan-vlan100' })),
  },
  MV021: {
    bad: docs(OVERLAY, pod({ [DEF]: 'kube-system/macvlan-overlay' })),
    good: docs(OVERLAY, pod({ [NETS]: 'kube-system/macvlan-overlay' })),
  },
  MV022: {
    bad: docs(STANDALONE, OVERLAY, pod({ [DEF]: 'kube-system/macvlan-standalone', [NETS]: 'kube-system/macvlan-overlay' })),
    good: docs(STANDALONE, OVERLAY, pod({ [DEF]: 'kube-system/macvlan-standalone', [NETS]: 'kube-system/macvlan-standalone' })),
  },
  MV023: {
    bad: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10]\nexcludeIPs: [172.16.100.10]'),
    good: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]\nexcludeIPs: [172.16.100.10]'),
  },
  MV024: {
    bad: docs(OVERLAY, pod({ [NETS]: 'kube-system/Macvlan_Overlay' })),
    good: docs(OVERLAY, pod({ [NETS]: 'kube-system/macvlan-overlay' })),
  },
  MV025: {
    bad: docs(pool('vlan100-v6', 'subnet: fd00:100::/64\nips: [fd00:100::10-fd00:100::20]'), nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay',
      macvlan({ ipam: { type: 'spiderpool', default_ipv4_ippool: ['vlan100-v6'] } })))),
    good: docs(pool('vlan100-v6', 'subnet: fd00:100::/64\nips: [fd00:100::10-fd00:100::20]'), nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay',
      macvlan({ ipam: { type: 'spiderpool', default_ipv6_ippool: ['vlan100-v6'] } })))),
  },
  MV026: {
    bad: nncp([bondIface(), vlanIface('bond0.4095', 'base-iface: bond0\nid: 4095\nreorder-headers: true')]),
    good: nncp([bondIface(), vlanIface('bond0.4094', 'base-iface: bond0\nid: 4094\nreorder-headers: true')]),
  },
  MV027: {
    bad: nncp([vlanIface('enp175s0f0np0.100', 'base-iface: enp175s0f0np0\nid: 100\nreorder-headers: true')]),
    good: nncp([vlanIface('vlan100', 'base-iface: enp175s0f0np0\nid: 100\nreorder-headers: true')]),
  },
  MV028: {
    bad: nncp([bondIface('mode: 802.3ad\noptions:\n  miimon: "100"\nport: [ens224, ens224]')]),
    good: nncp([bondIface('mode: 802.3ad\noptions:\n  miimon: "100"\nport: [ens224, ens256]')]),
  },
  MV029: {
    bad: nncp([bondIface('mode: active-backup\noptions:\n  miimon: "100"\n  lacp_rate: fast\nport: [ens224, ens256]')]),
    good: nncp([bondIface('mode: 802.3ad\noptions:\n  miimon: "100"\n  lacp_rate: fast\nport: [ens224, ens256]')]),
  },
  MV030: {
    bad: nncp([bondIface('mode: active-backup\noptions:\n  miimon: "100"\n  arp_interval: "200"\n  arp_ip_target: 192.168.100.1\nport: [ens224, ens256]')]),
    good: nncp([bondIface('mode: active-backup\noptions:\n  arp_interval: "200"\n  arp_ip_target: 192.168.100.1\nport: [ens224, ens256]')]),
  },
  MV031: {
    bad: nncp([bondIface(undefined, 1500), vlanIface('bond0.100', VLAN100, 9000)]),
    good: nncp([bondIface(undefined, 9000), vlanIface('bond0.100', VLAN100, 9000)]),
  },
  MV050: { bad: pool('vlan100-v4', `${V4}\npodAffinity: {}`), good: pool('vlan100-v4', `${V4}\npodAffinity:\n  matchLabels:\n    app: web`) },
  MV051: { bad: pool('vlan100-v4', `${V4}\nmultusName: [macvlan-vlan100]`), good: pool('vlan100-v4', `${V4}\nmultusName: [kube-system/macvlan-vlan100]`) },
  MV052: { bad: pool('vlan100-v4', `${V4}\nvlan: 100`), good: pool('vlan100-v4', V4) },
  MV053: {
    bad: smc('cniType: macvlan\nmacvlan:\n  master: [ens224, ens256]\n  vlanID: 100'),
    good: smc('cniType: macvlan\nmacvlan:\n  master: [ens224, ens256]\n  vlanID: 100\n  bond:\n    name: bond0\n    mode: 1'),
  },
  MV054: {
    bad: smc('cniType: macvlan\nmacvlan:\n  master: [ens224, ens256]\n  bond:\n    name: bond0\n    mode: 7'),
    good: smc('cniType: macvlan\nmacvlan:\n  master: [ens224, ens256]\n  bond:\n    name: bond0\n    mode: 4\n    options: miimon=100'),
  },
  MV055: { bad: smc('cniType: macvlan\nmacvlan:\n  master: [bond0]\n  vlanID: 4095'), good: smc('cniType: macvlan\nmacvlan:\n  master: [bond0]\n  vlanID: 100') },
  MV056: {
    bad: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]\ncoordinator:\n  mode: disabled\n  podMACPrefix: "01:1b"\n  podRPFilter: 3'),
    good: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]\nenableCoordinator: false'),
  },
  MV057: {
    bad: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]\nchainCNIJsonData:\n  - \'{"sysctl": {"net.ipv4.conf.all.arp_notify": "1"}}\''),
    good: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]\nchainCNIJsonData:\n  - \'{"type": "tuning", "sysctl": {"net.ipv4.conf.all.arp_notify": "1"}}\''),
  },
  MV058: {
    bad: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]\nipvlan:\n  master: [bond0.100]'),
    good: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]'),
  },
  MV059: {
    bad: docs(OVERLAY, pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system",}]' })),
    good: docs(OVERLAY, pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system"}]' })),
  },
  MV060: {
    bad: docs(OVERLAY, pod({ [NETS]: '[{"name":"kube-system/macvlan-overlay"}]' })),
    good: docs(OVERLAY, pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system"}]' })),
  },
  MV061: {
    bad: docs(nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ capabilities: { ips: true } }))),
      pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","ips":"172.16.100.50/24"}]' })),
    good: docs(nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ capabilities: { ips: true } }))),
      pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","ips":["172.16.100.50/24"]}]' })),
  },
  MV062: {
    bad: docs(nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ capabilities: { mac: true } }))),
      pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","mac":"02-42-ac-11-00-02"}]' })),
    good: docs(nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ capabilities: { mac: true } }))),
      pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","mac":"02:42:ac:11:00:02"}]' })),
  },
  MV063: {
    bad: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone, kube-system/macvlan-standalone' })),
    good: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [NETS]: 'kube-system/macvlan-standalone' })),
  },
  MV064: {
    bad: docs(STANDALONE, pod({ [DEF]: 'macvlan-standalone' })),
    good: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone' })),
  },
  MV065: {
    bad: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [POOLS]: '{"interface":"eth0","ipv4":["vlan100-v4"]}' })),
    good: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [POOLS]: '[{"interface":"eth0","ipv4":["vlan100-v4"]}]' })),
  },
  MV066: {
    bad: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [POOLS]: '[{"interface":"eth0","ipv4":["vlan100-v4"]},{"interface":"eth0","ipv4":["vlan100-v4"]}]' })),
    good: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [POOLS]: '[{"interface":"eth0","ipv4":["vlan100-v4"]}]' })),
  },
  MV067: {
    bad: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [NETS]: 'kube-system/macvlan-standalone', [POOLS]: '[{"interface":"eth0","ipv4":["vlan100-v4"]}]' })),
    good: docs(STANDALONE, pod({
      [DEF]: 'kube-system/macvlan-standalone',
      [NETS]: 'kube-system/macvlan-standalone',
      [POOLS]: '[{"interface":"eth0","ipv4":["vlan100-v4"]},{"interface":"net1","ipv4":["vlan100-v4"]}]',
    })),
  },
  MV068: {
    bad: docs(STANDALONE, pod({ [DEF]: 'default/macvlan-standalone' })),
    good: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone' })),
  },
  MV069: {
    bad: docs(pool('vlan100-v4', `${V4}\nmultusName: [kube-system/macvlan-other]`), STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone' })),
    good: docs(pool('vlan100-v4', `${V4}\nmultusName: [kube-system/macvlan-standalone]`), STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone' })),
  },
  MV070: {
    bad: docs(OVERLAY, pod({
      [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","default-route":["172.16.100.1"]},{"name":"macvlan-overlay","namespace":"kube-system","default-route":["172.16.100.254"]}]',
    })),
    good: docs(OVERLAY, pod({
      [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","default-route":["172.16.100.1"]},{"name":"macvlan-overlay","namespace":"kube-system"}]',
    })),
  },
  MV071: {
    bad: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ ipam: { type: 'host-local', ranges: [[{ subnet: '172.16.100.0/24' }]] } }))),
    good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')),
  },
  MV072: {
    bad: docs(nad('macvlan-vlan100', { cniVersion: '0.3.1', name: 'macvlan-vlan100', plugins: [macvlan()] }), pod({ [DEF]: 'kube-system/macvlan-vlan100' })),
    good: docs(nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')), pod({ [DEF]: 'kube-system/macvlan-vlan100' })),
  },
  MV073: {
    bad: nad('macvlan-vlan100', { cniVersion: '0.3.1', name: 'macvlan-vlan100', type: 'macvlan', master: 'bond0.100' }),
    good: nad('macvlan-vlan100', { cniVersion: '0.3.1', name: 'macvlan-vlan100', type: 'macvlan', master: 'bond0.100', ipam: {} }),
  },
  MV074: {
    bad: nad('macvlan-vlan100', { name: 'macvlan-vlan100', plugins: [macvlan(), { type: 'coordinator', mode: 'underlay' }] }),
    good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')),
  },
  MV075: {
    bad: docs(OVERLAY, pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","ips":["172.16.100.50/24"]}]' })),
    good: docs(nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ capabilities: { ips: true } }))),
      pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","ips":["172.16.100.50/24"]}]' })),
  },
  MV076: {
    bad: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ ipam: { type: 'static', addresses: [{ address: '172.16.100.50', gateway: '172.16.100.1' }] } }))),
    good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ ipam: { type: 'static', addresses: [{ address: '172.16.100.50/24', gateway: '172.16.100.1' }] } }))),
  },
  MV077: {
    bad: docs(OVERLAY, pod({ [NETS]: 'kube-system/macvlan-overlay', 'k8s.v1.cni.cncf.io/network-status': '[]' })),
    good: docs(OVERLAY, pod({ [NETS]: 'kube-system/macvlan-overlay' })),
  },
  MV078: {
    bad: docs(STANDALONE, pod({ [NETS]: 'kube-system/macvlan-standalone' })),
    good: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone' })),
  },
  MV079: {
    bad: nncp([bondIface('options:\n  miimon: "100"\nport: [ens224, ens256]')]),
    good: nncp([bondIface('mode: 802.3ad\noptions:\n  miimon: "100"\nport: [ens224, ens256]')]),
  },
  MV080: {
    bad: nncp([bondIface('mode: 802.3ad\noptions:\n  miimon: "100"\nslaves: [ens224, ens256]')]),
    good: nncp([bondIface('mode: 802.3ad\noptions:\n  miimon: "100"\nport: [ens224, ens256]')]),
  },
  MV081: {
    bad: nncp([bondIface(), vlanIface('bond0.100', 'base-iface: bond0\nid: 100\nreorder-headers: false')]),
    good: nncp([bondIface(), vlanIface('bond0.100', VLAN100)]),
  },
  MV082: {
    bad: nncp([bondIface(), vlanIface('bond0.100', 'id: 100\nreorder-headers: true')]),
    good: nncp([bondIface(), vlanIface('bond0.100', VLAN100)]),
  },
  MV083: {
    bad: nncp([bondIface()], 'node-role.kubernetes.io/worker:'),
    good: nncp([bondIface()], 'node-role.kubernetes.io/worker: ""'),
  },
  MV090: {
    bad: docs(nad('macvlan-passthru', chain('macvlan-passthru', 'overlay', macvlan({ master: 'ens195', mode: 'passthru' }))),
      nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ master: 'ens195' }))),
      pod({ [NETS]: '[{"name":"macvlan-passthru","namespace":"kube-system"},{"name":"macvlan-overlay","namespace":"kube-system"}]' })),
    good: docs(nad('macvlan-passthru', chain('macvlan-passthru', 'overlay', macvlan({ master: 'ens195', mode: 'passthru' }))),
      nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ master: 'bond0.100' }))),
      pod({ [NETS]: '[{"name":"macvlan-passthru","namespace":"kube-system"},{"name":"macvlan-overlay","namespace":"kube-system"}]' })),
  },
  MV091: {
    language: 'typescript',
    bad: "new MacvlanOverlayNetwork(chart, 'wb', {\n  master: 'bond0.100',\n  ipam: Ipam.whereabouts({ range: '172.16.100.0/24' }),\n  pools: [vlan100v4],   // never read by Whereabouts\n});\n",
    good: "new MacvlanOverlayNetwork(chart, 'wb', {\n  master: 'bond0.100',\n  ipam: Ipam.whereabouts({ range: '172.16.100.0/24', exclude: ['172.16.100.1/32'] }),\n});\n",
  },
  MV092: {
    language: 'typescript',
    bad: "new MacvlanStandaloneNetwork(chart, 'n', {\n  master: 'bond0.100', pools: [vlan100v4],\n  source: NadSource.SPIDER_MULTUS_CONFIG,\n  mode: MacvlanMode.PASSTHRU,   // Spiderpool always generates bridge\n});\n",
    good: "new MacvlanStandaloneNetwork(chart, 'n', {\n  master: 'bond0.100', pools: [vlan100v4],\n  mode: MacvlanMode.PASSTHRU,   // written as a NetworkAttachmentDefinition\n});\n",
  },
  MV093: {
    language: 'typescript',
    bad: "new MacvlanStandaloneNetwork(chart, 'n', {\n  master: 'bond0.100', pools: [vlan100v4], source: NadSource.SPIDER_MULTUS_CONFIG,\n  ifacer: { interfaces: ['ens224'], vlanId: 100 },   // creates ens224.100\n});\n",
    good: "new MacvlanStandaloneNetwork(chart, 'n', {\n  master: 'ens224.100', pools: [vlan100v4], source: NadSource.SPIDER_MULTUS_CONFIG,\n  ifacer: { interfaces: ['ens224'], vlanId: 100 },\n});\n",
  },
  MV094: {
    bad: docs(nad('macvlan-static', chain('macvlan-static', 'overlay', macvlan({ capabilities: { ips: true }, ipam: { type: 'static' } }))),
      pod({ [NETS]: '[{"name":"macvlan-static","namespace":"kube-system"}]' })),
    good: docs(nad('macvlan-static', chain('macvlan-static', 'overlay', macvlan({ capabilities: { ips: true }, ipam: { type: 'static' } }))),
      pod({ [NETS]: '[{"name":"macvlan-static","namespace":"kube-system","ips":["172.16.100.50/24"]}]' })),
  },
  MV095: {
    bad: pool('vlan100-v6', 'subnet: fd00:100::/64\nips: [fd00:100::10-fd00:100::ffff:ffff:ffff:ffff]\ngateway: fd00:100::1'),
    good: pool('vlan100-v6', 'subnet: fd00:100::/64\nips: [fd00:100::10-fd00:100::ffff]\ngateway: fd00:100::1'),
  },
  MV096: {
    language: 'typescript',
    bad: "new AnnotatedPod(chart, 'app', { networks: PodNetworks.overlay(), containers: [{ image: 'nginx' }] });\n",
    good: "new AnnotatedPod(chart, 'app', { networks: PodNetworks.overlay(vlan100Overlay), containers: [{ image: 'nginx' }] });\n",
  },
  MV097: {
    bad: docs(pool('vlan100-v4', V4), pool('vlan100-v4', 'subnet: 172.16.200.0/24\nips: [172.16.200.10-172.16.200.200]\ngateway: 172.16.200.1')),
    good: docs(pool('vlan100-v4', V4), pool('vlan200-v4', 'subnet: 172.16.200.0/24\nips: [172.16.200.10-172.16.200.200]\ngateway: 172.16.200.1')),
  },
  MV098: {
    language: 'typescript',
    bad: "new MacvlanStandaloneNetwork(chart, 'n', {\n  master: 'bond0.100', pools: [vlan100v4],\n  helper: StandaloneHelperPlugin.coordinator({ podCidrType: CoordinatorPodCidrType.CALICO }),\n});\n",
    good: "new MacvlanStandaloneNetwork(chart, 'n', {\n  master: 'bond0.100', pools: [vlan100v4], source: NadSource.SPIDER_MULTUS_CONFIG,\n  helper: StandaloneHelperPlugin.coordinator({ podCidrType: CoordinatorPodCidrType.CALICO }),\n});\n",
  },
  MV170: {
    bad: docs(pool('vlan100-v4', SMALL_V4), STANDALONE, deployment('web', 9, ON_STANDALONE)),
    good: docs(pool('vlan100-v4', SMALL_V4), STANDALONE, deployment('web', 4, ON_STANDALONE)),
  },
  MV171: {
    bad: docs(pool('vlan100-v4', SMALL_V4), STANDALONE, deployment('web', 8, ON_STANDALONE)),
    good: docs(pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.29]\ngateway: 172.16.100.1'), STANDALONE, deployment('web', 8, ON_STANDALONE)),
  },
  MV172: {
    bad: docs(nncp([bondIface(), vlanIface('bond0.100', VLAN100)]), pool('vlan100-v4', V4), STANDALONE, deployment('web', 2, ON_STANDALONE)),
    good: docs(nncp([bondIface(), vlanIface('bond0.100', VLAN100)]), pool('vlan100-v4', V4), STANDALONE, deployment('web', 2, ON_STANDALONE, WORKERS)),
  },
  MV173: {
    bad: docs(pool('vlan100-v4', `${V4}\nnodeAffinity:\n  matchLabels:\n    topology.kubernetes.io/zone: zone-a`), STANDALONE, deployment('web', 2, ON_STANDALONE)),
    good: docs(pool('vlan100-v4', `${V4}\nnodeAffinity:\n  matchLabels:\n    topology.kubernetes.io/zone: zone-a`), STANDALONE,
      deployment('web', 2, ON_STANDALONE, 'nodeSelector:\n  topology.kubernetes.io/zone: zone-a')),
  },
  MV174: {
    bad: docs(pool('vlan100-v4', V4), STANDALONE, deployment('agent', 1, ON_STANDALONE, 'hostNetwork: true')),
    good: docs(pool('vlan100-v4', V4), STANDALONE, deployment('agent', 1, ON_STANDALONE)),
  },
  MV175: {
    bad: docs(nncp([bondIface(), vlanIface('bond0.100', VLAN100)]), pool('vlan100-v4', V4),
      nad('macvlan-standalone', chain('macvlan-standalone', 'underlay', macvlan({ master: 'ens224' }))), deployment('web', 2, ON_STANDALONE, WORKERS)),
    good: docs(nncp([bondIface(), vlanIface('bond0.100', VLAN100)]), pool('vlan100-v4', V4), STANDALONE, deployment('web', 2, ON_STANDALONE, WORKERS)),
  },
  MV176: {
    bad: docs(namedNncp('bond0-vlans', [bondIface(), vlanIface('bond0.100', VLAN100)]),
      namedNncp('storage-vlan', [vlanIface('storage', VLAN100)])),
    good: docs(namedNncp('bond0-vlans', [bondIface(), vlanIface('bond0.100', VLAN100)]),
      namedNncp('storage-vlan', [vlanIface('bond0.200', 'base-iface: bond0\nid: 200\nreorder-headers: true')])),
  },
  MV177: {
    bad: docs(pool('vlan100-v4', V4), STANDALONE,
      nad('ipvlan-vlan100', { cniVersion: '0.3.1', name: 'ipvlan-vlan100', plugins: [{ type: 'ipvlan', master: 'bond0.100', mode: 'l2', ipam: { type: 'spiderpool', default_ipv4_ippool: ['vlan100-v4'] } }] })),
    good: docs(pool('vlan100-v4', V4), STANDALONE,
      nad('ipvlan-vlan200', { cniVersion: '0.3.1', name: 'ipvlan-vlan200', plugins: [{ type: 'ipvlan', master: 'bond0.200', mode: 'l2', ipam: { type: 'spiderpool', default_ipv4_ippool: ['vlan100-v4'] } }] })),
  },
};
