/** NodeNetworkConfigurationPolicy rules (bond and VLAN interfaces), shared by VlanTopology and `lint`. */
import type * as NmstateChecks from '../nmstate';
import { checkOf, defineRule } from '../rule';
import { VLAN100, bondIface, nncp, vlanIface } from './yaml';

const checkNodeNetworkConfigurationPolicy = checkOf<typeof NmstateChecks>('checkNodeNetworkConfigurationPolicy');

export const NMSTATE_RULES = {
  topologyVlanId: defineRule({
    id: 'MV026',
    severity: 'error',
    title: 'VLAN ids must be 1-4094 and unique within a topology',
    check: checkNodeNetworkConfigurationPolicy,
    example: {
      bad: nncp([bondIface(), vlanIface('bond0.4095', 'base-iface: bond0\nid: 4095\nreorder-headers: true')]),
      good: nncp([bondIface(), vlanIface('bond0.4094', 'base-iface: bond0\nid: 4094\nreorder-headers: true')]),
    },
  }),
  topologyInterfaceName: defineRule({
    id: 'MV027',
    severity: 'error',
    title: 'bond, member NIC and VLAN sub-interface names must be valid Linux interface names',
    check: checkNodeNetworkConfigurationPolicy,
    example: {
      bad: nncp([vlanIface('enp175s0f0np0.100', 'base-iface: enp175s0f0np0\nid: 100\nreorder-headers: true')]),
      good: nncp([vlanIface('vlan100', 'base-iface: enp175s0f0np0\nid: 100\nreorder-headers: true')]),
    },
  }),
  topologyBondMembers: defineRule({
    id: 'MV028',
    severity: 'error',
    title: 'a bond needs at least one member NIC, each listed once',
    check: checkNodeNetworkConfigurationPolicy,
    example: {
      bad: nncp([bondIface('mode: 802.3ad\noptions:\n  miimon: "100"\nport: [ens224, ens224]')]),
      good: nncp([bondIface('mode: 802.3ad\noptions:\n  miimon: "100"\nport: [ens224, ens256]')]),
    },
  }),
  topologyBondOptions: defineRule({
    id: 'MV029',
    severity: 'error',
    title: 'bond options must suit the bond mode and members (primary, lacp_rate, xmit_hash_policy, ARP monitoring)',
    check: checkNodeNetworkConfigurationPolicy,
    example: {
      bad: nncp([bondIface('mode: active-backup\noptions:\n  miimon: "100"\n  lacp_rate: fast\nport: [ens224, ens256]')]),
      good: nncp([bondIface('mode: 802.3ad\noptions:\n  miimon: "100"\n  lacp_rate: fast\nport: [ens224, ens256]')]),
    },
  }),
  topologyBondMonitor: defineRule({
    id: 'MV030',
    severity: 'error',
    title: 'bond miimon and arp_interval are mutually exclusive',
    check: checkNodeNetworkConfigurationPolicy,
    example: {
      bad: nncp([bondIface('mode: active-backup\noptions:\n  miimon: "100"\n  arp_interval: "200"\n  arp_ip_target: 192.168.100.1\nport: [ens224, ens256]')]),
      good: nncp([bondIface('mode: active-backup\noptions:\n  arp_interval: "200"\n  arp_ip_target: 192.168.100.1\nport: [ens224, ens256]')]),
    },
  }),
  topologyMtu: defineRule({
    id: 'MV031',
    severity: 'error',
    title: 'VLAN MTU must not exceed the bond MTU, macvlan MTU must not exceed the VLAN MTU',
    check: checkNodeNetworkConfigurationPolicy,
    example: {
      bad: nncp([bondIface(undefined, 1500), vlanIface('bond0.100', VLAN100, 9000)]),
      good: nncp([bondIface(undefined, 9000), vlanIface('bond0.100', VLAN100, 9000)]),
    },
  }),
  bondMode: defineRule({
    id: 'MV079',
    severity: 'error',
    title: 'a bond must set link-aggregation.mode to one of the 7 bonding modes',
    check: checkNodeNetworkConfigurationPolicy,
    example: {
      bad: nncp([bondIface('options:\n  miimon: "100"\nport: [ens224, ens256]')]),
      good: nncp([bondIface('mode: 802.3ad\noptions:\n  miimon: "100"\nport: [ens224, ens256]')]),
    },
  }),
  bondSlaves: defineRule({
    id: 'MV080',
    severity: 'warning',
    title: 'bond members go under link-aggregation.port: slaves is the deprecated spelling',
    check: checkNodeNetworkConfigurationPolicy,
    example: {
      bad: nncp([bondIface('mode: 802.3ad\noptions:\n  miimon: "100"\nslaves: [ens224, ens256]')]),
      good: nncp([bondIface('mode: 802.3ad\noptions:\n  miimon: "100"\nport: [ens224, ens256]')]),
    },
  }),
  vlanReorderHeaders: defineRule({
    id: 'MV081',
    severity: 'warning',
    title: 'VLAN reorder-headers should stay true (macvlan pods on the VLAN can lose same-host traffic otherwise)',
    check: checkNodeNetworkConfigurationPolicy,
    example: {
      bad: nncp([bondIface(), vlanIface('bond0.100', 'base-iface: bond0\nid: 100\nreorder-headers: false')]),
      good: nncp([bondIface(), vlanIface('bond0.100', VLAN100)]),
    },
  }),
  vlanBaseIface: defineRule({
    id: 'MV082',
    severity: 'error',
    title: 'a VLAN needs a base-iface, and not one the same policy removes (state: absent)',
    check: checkNodeNetworkConfigurationPolicy,
    example: {
      bad: nncp([bondIface(), vlanIface('bond0.100', 'id: 100\nreorder-headers: true')]),
      good: nncp([bondIface(), vlanIface('bond0.100', VLAN100)]),
    },
  }),
  nncpSpec: defineRule({
    id: 'MV083',
    severity: 'error',
    title: 'NodeNetworkConfigurationPolicy names must be DNS-1123 subdomains, nodeSelector values strings, maxUnavailable an integer or "NN%", desiredState.interfaces a list',
    check: checkNodeNetworkConfigurationPolicy,
    example: {
      bad: nncp([bondIface()], 'node-role.kubernetes.io/worker:'),
      good: nncp([bondIface()], 'node-role.kubernetes.io/worker: ""'),
    },
  }),
} as const;
