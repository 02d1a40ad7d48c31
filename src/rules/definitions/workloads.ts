/** Workload-aware rules: address capacity, placement, host interface conflicts, host-network pods. */
import { checkOf, defineRule } from '../rule';
import type * as WorkloadsChecks from '../workloads';
import { ON_STANDALONE, SMALL_V4, STANDALONE, V4, VLAN100, WORKERS, bondIface, chain, deployment, docs, macvlan, nad, namedNncp, nncp, pool, vlanIface } from './yaml';

const analyzeWorkloads = checkOf<typeof WorkloadsChecks>('analyzeWorkloads');

export const WORKLOAD_RULES = {
  capacityExceeded: defineRule({
    id: 'MV170',
    severity: 'error',
    title: 'a pool (or the pools a NIC lists for one family) must hold an address for every pod at the workloads\' peak (replicas + maxSurge, parallelism, nodes)',
    check: analyzeWorkloads,
    example: {
      bad: docs(pool('vlan100-v4', SMALL_V4), STANDALONE, deployment('web', 9, ON_STANDALONE)),
      good: docs(pool('vlan100-v4', SMALL_V4), STANDALONE, deployment('web', 4, ON_STANDALONE)),
    },
  }),
  capacityWarning: defineRule({
    id: 'MV171',
    severity: 'warning',
    title: 'a pool should keep headroom: the workloads\' peak uses more than the warning threshold (default 90%) of its addresses',
    check: analyzeWorkloads,
    example: {
      bad: docs(pool('vlan100-v4', SMALL_V4), STANDALONE, deployment('web', 8, ON_STANDALONE)),
      good: docs(pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.29]\ngateway: 172.16.100.1'), STANDALONE, deployment('web', 8, ON_STANDALONE)),
    },
  }),
  placementHostInterface: defineRule({
    id: 'MV172',
    severity: 'error',
    title: 'a workload must only be schedulable on nodes where a host policy creates its NICs\' master interface',
    check: analyzeWorkloads,
    example: {
      bad: docs(nncp([bondIface(), vlanIface('bond0.100', VLAN100)]), pool('vlan100-v4', V4), STANDALONE, deployment('web', 2, ON_STANDALONE)),
      good: docs(nncp([bondIface(), vlanIface('bond0.100', VLAN100)]), pool('vlan100-v4', V4), STANDALONE, deployment('web', 2, ON_STANDALONE, WORKERS)),
    },
  }),
  placementPool: defineRule({
    id: 'MV173',
    severity: 'error',
    title: 'a workload must only be schedulable on nodes its pools\' nodeAffinity / nodeName admit',
    check: analyzeWorkloads,
    example: {
      bad: docs(pool('vlan100-v4', `${V4}\nnodeAffinity:\n  matchLabels:\n    topology.kubernetes.io/zone: zone-a`), STANDALONE, deployment('web', 2, ON_STANDALONE)),
      good: docs(pool('vlan100-v4', `${V4}\nnodeAffinity:\n  matchLabels:\n    topology.kubernetes.io/zone: zone-a`), STANDALONE,
        deployment('web', 2, ON_STANDALONE, 'nodeSelector:\n  topology.kubernetes.io/zone: zone-a')),
    },
  }),
  hostNetworkMacvlan: defineRule({
    id: 'MV174',
    severity: 'error',
    title: 'a hostNetwork pod gets no CNI NICs: it must not carry Multus / Spiderpool network annotations',
    check: analyzeWorkloads,
    example: {
      bad: docs(pool('vlan100-v4', V4), STANDALONE, deployment('agent', 1, ON_STANDALONE, 'hostNetwork: true')),
      good: docs(pool('vlan100-v4', V4), STANDALONE, deployment('agent', 1, ON_STANDALONE)),
    },
  }),
  masterIsBondPort: defineRule({
    id: 'MV175',
    severity: 'error',
    title: 'a macvlan master must not be a bond port on the nodes the pods can run on',
    check: analyzeWorkloads,
    example: {
      bad: docs(nncp([bondIface(), vlanIface('bond0.100', VLAN100)]), pool('vlan100-v4', V4),
        nad('macvlan-standalone', chain('macvlan-standalone', 'underlay', macvlan({ master: 'ens224' }))), deployment('web', 2, ON_STANDALONE, WORKERS)),
      good: docs(nncp([bondIface(), vlanIface('bond0.100', VLAN100)]), pool('vlan100-v4', V4), STANDALONE, deployment('web', 2, ON_STANDALONE, WORKERS)),
    },
  }),
  vlanIdTwoNames: defineRule({
    id: 'MV176',
    severity: 'error',
    title: 'one VLAN id on one base interface must have one name on a node (across host policies)',
    check: analyzeWorkloads,
    example: {
      bad: docs(namedNncp('bond0-vlans', [bondIface(), vlanIface('bond0.100', VLAN100)]),
        namedNncp('storage-vlan', [vlanIface('storage', VLAN100)])),
      good: docs(namedNncp('bond0-vlans', [bondIface(), vlanIface('bond0.100', VLAN100)]),
        namedNncp('storage-vlan', [vlanIface('bond0.200', 'base-iface: bond0\nid: 200\nreorder-headers: true')])),
    },
  }),
  macvlanIpvlanMaster: defineRule({
    id: 'MV177',
    severity: 'error',
    title: 'a host interface is the master of macvlan or of ipvlan networks, not both',
    check: analyzeWorkloads,
    example: {
      bad: docs(pool('vlan100-v4', V4), STANDALONE,
        nad('ipvlan-vlan100', { cniVersion: '0.3.1', name: 'ipvlan-vlan100', plugins: [{ type: 'ipvlan', master: 'bond0.100', mode: 'l2', ipam: { type: 'spiderpool', default_ipv4_ippool: ['vlan100-v4'] } }] })),
      good: docs(pool('vlan100-v4', V4), STANDALONE,
        nad('ipvlan-vlan200', { cniVersion: '0.3.1', name: 'ipvlan-vlan200', plugins: [{ type: 'ipvlan', master: 'bond0.200', mode: 'l2', ipam: { type: 'spiderpool', default_ipv4_ippool: ['vlan100-v4'] } }] })),
    },
  }),
} as const;
