/** NetworkAttachmentDefinition rules (the CNI config). */
import type * as NetworkAttachmentChecks from '../network-attachment';
import { checkOf, defineRule } from '../rule';
import { chain, macvlan, nad, smc } from './yaml';

const checkNetworkAttachmentDefinition = checkOf<typeof NetworkAttachmentChecks>('checkNetworkAttachmentDefinition');
const checkNetworkObjectName = checkOf<typeof NetworkAttachmentChecks>('checkNetworkObjectName');

export const NAD_RULES = {
  nadName: defineRule({
    id: 'MV013',
    severity: 'error',
    title: 'NetworkAttachmentDefinition names must be DNS-1123 subdomains',
    check: checkNetworkObjectName,
    example: { bad: nad('macvlan_vlan100', chain('macvlan_vlan100', 'underlay')), good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')) },
  }),
  nadConfig: defineRule({
    id: 'MV014',
    severity: 'error',
    title: 'NetworkAttachmentDefinition spec.config must be a JSON CNI config (one plugin or a plugin list)',
    check: checkNetworkAttachmentDefinition,
    example: {
      bad: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')).replace('"plugins":[', '"plugins":[,'),
      good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')),
    },
  }),
  macvlanMaster: defineRule({
    id: 'MV015',
    severity: 'error',
    title: 'macvlan master must be a valid Linux interface name',
    check: checkNetworkAttachmentDefinition,
    example: {
      bad: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ master: 'enp175s0f0np0.100' }))),
      good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ master: 'bond0.100' }))),
    },
  }),
  macvlanMtu: defineRule({
    id: 'MV016',
    severity: 'error',
    title: 'macvlan mtu must be a non-negative integer',
    check: checkNetworkAttachmentDefinition,
    example: {
      bad: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ mtu: -1 }))),
      good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ mtu: 1500 }))),
    },
  }),
  macvlanMode: defineRule({
    id: 'MV017',
    severity: 'error',
    title: 'macvlan mode must be bridge, private, vepa or passthru',
    check: checkNetworkAttachmentDefinition,
    example: {
      bad: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ mode: 'Bridge' }))),
      good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ mode: 'bridge' }))),
    },
  }),
  coordinatorOptions: defineRule({
    id: 'MV056',
    severity: 'error',
    title: 'coordinator options: mode auto|underlay|overlay, unicast podMACPrefix, txQueueLen >= 0, podRPFilter -1/0/1/2, vethMTU > 0, IP/CIDR hijackCIDR, policyRoutes and vethLinkAddress',
    check: checkNetworkAttachmentDefinition,
    example: {
      bad: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]\ncoordinator:\n  mode: disabled\n  podMACPrefix: "01:1b"\n  podRPFilter: 3'),
      good: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]\nenableCoordinator: false'),
    },
  }),
  hostLocalIpam: defineRule({
    id: 'MV071',
    severity: 'warning',
    title: 'host-local IPAM on macvlan hands out the same IPs on every node',
    check: checkNetworkAttachmentDefinition,
    example: {
      bad: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ ipam: { type: 'host-local', ranges: [[{ subnet: '172.16.100.0/24' }]] } }))),
      good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')),
    },
  }),
  nadIpamMissing: defineRule({
    id: 'MV073',
    severity: 'warning',
    title: 'a macvlan plugin without ipam gets no address: write "ipam": {} for layer 2 only',
    check: checkNetworkAttachmentDefinition,
    example: {
      bad: nad('macvlan-vlan100', { cniVersion: '0.3.1', name: 'macvlan-vlan100', type: 'macvlan', master: 'bond0.100' }),
      good: nad('macvlan-vlan100', { cniVersion: '0.3.1', name: 'macvlan-vlan100', type: 'macvlan', master: 'bond0.100', ipam: {} }),
    },
  }),
  nadCniVersion: defineRule({
    id: 'MV074',
    severity: 'warning',
    title: 'a NAD config should set a known cniVersion',
    check: checkNetworkAttachmentDefinition,
    example: {
      bad: nad('macvlan-vlan100', { name: 'macvlan-vlan100', plugins: [macvlan(), { type: 'coordinator', mode: 'underlay' }] }),
      good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')),
    },
  }),
  ipamConfig: defineRule({
    id: 'MV076',
    severity: 'error',
    title: 'IPAM config must have the documented shape for its type',
    check: checkNetworkAttachmentDefinition,
    example: {
      bad: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ ipam: { type: 'static', addresses: [{ address: '172.16.100.50', gateway: '172.16.100.1' }] } }))),
      good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ ipam: { type: 'static', addresses: [{ address: '172.16.100.50/24', gateway: '172.16.100.1' }] } }))),
    },
  }),
} as const;
