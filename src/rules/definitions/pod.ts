/** Pod rules on the NIC model (from a PodNetworks set, or parsed from annotations). */
import type * as PodAnnotationsChecks from '../pod-annotations';
import type * as PodNetworksChecks from '../pod-networks';
import { checkOf, defineRule } from '../rule';
import { DEF, NETS, OVERLAY, STANDALONE, V4, chain, docs, macvlan, nad, pod, pool } from './yaml';

const checkPodAnnotations = checkOf<typeof PodAnnotationsChecks>('checkPodAnnotations');
const checkPodNetworkSet = checkOf<typeof PodNetworksChecks>('checkPodNetworkSet');
const checkPodNics = checkOf<typeof PodNetworksChecks>('checkPodNics');

export const POD_RULES = {
  podInterfaceName: defineRule({
    id: 'MV018',
    severity: 'error',
    title: 'pod interface names must be valid Linux interface names',
    check: checkPodNics,
    example: {
      bad: docs(OVERLAY, pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","interface":"storage-network0"}]' })),
      good: docs(OVERLAY, pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","interface":"storage0"}]' })),
    },
  }),
  podDuplicateInterface: defineRule({
    id: 'MV019',
    severity: 'error',
    title: 'pod interface names must be unique within the pod',
    check: checkPodNics,
    example: {
      bad: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [NETS]: 'kube-system/macvlan-standalone@eth0' })),
      good: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [NETS]: 'kube-system/macvlan-standalone@net1' })),
    },
  }),
  podNicWithoutPool: defineRule({
    id: 'MV020',
    severity: 'error',
    title: 'every Spiderpool NIC needs an IP pool of each family its network serves',
    check: checkPodNics,
    example: {
      bad: docs(nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay', macvlan({ ipam: { type: 'spiderpool' } }))), pod({ [DEF]: 'kube-system/macvlan-vlan100' })),
      good: docs(nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')), pod({ [DEF]: 'kube-system/macvlan-vlan100' })),
    },
  }),
  podOverlayAsDefault: defineRule({
    id: 'MV021',
    severity: 'error',
    title: 'an overlay network cannot be a pod\'s default network (eth0)',
    check: checkPodNics,
    example: {
      bad: docs(OVERLAY, pod({ [DEF]: 'kube-system/macvlan-overlay' })),
      good: docs(OVERLAY, pod({ [NETS]: 'kube-system/macvlan-overlay' })),
    },
  }),
  podMixedNetworkTypes: defineRule({
    id: 'MV022',
    severity: 'error',
    title: 'standalone and overlay macvlan networks cannot be mixed in one pod',
    check: checkPodNics,
    example: {
      bad: docs(STANDALONE, OVERLAY, pod({ [DEF]: 'kube-system/macvlan-standalone', [NETS]: 'kube-system/macvlan-overlay' })),
      good: docs(STANDALONE, OVERLAY, pod({ [DEF]: 'kube-system/macvlan-standalone', [NETS]: 'kube-system/macvlan-standalone' })),
    },
  }),
  poolFamilyMismatch: defineRule({
    id: 'MV025',
    severity: 'error',
    title: 'a pool selected for a family must be of that family',
    check: checkPodNics,
    example: {
      bad: docs(pool('vlan100-v6', 'subnet: fd00:100::/64\nips: [fd00:100::10-fd00:100::20]'), nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay',
        macvlan({ ipam: { type: 'spiderpool', default_ipv4_ippool: ['vlan100-v6'] } })))),
      good: docs(pool('vlan100-v6', 'subnet: fd00:100::/64\nips: [fd00:100::10-fd00:100::20]'), nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay',
        macvlan({ ipam: { type: 'spiderpool', default_ipv6_ippool: ['vlan100-v6'] } })))),
    },
  }),
  poolMultusNameMismatch: defineRule({
    id: 'MV069',
    severity: 'error',
    title: 'a pool selected for a NIC must list that NIC\'s network in multusName (when multusName is set)',
    check: checkPodNics,
    example: {
      bad: docs(pool('vlan100-v4', `${V4}\nmultusName: [kube-system/macvlan-other]`), STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone' })),
      good: docs(pool('vlan100-v4', `${V4}\nmultusName: [kube-system/macvlan-standalone]`), STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone' })),
    },
  }),
  podDefaultRouteEcmp: defineRule({
    id: 'MV070',
    severity: 'error',
    title: 'at most one default-route gateway per IP family across a pod\'s networks',
    check: checkPodNics,
    example: {
      bad: docs(OVERLAY, pod({
        [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","default-route":["172.16.100.1"]},{"name":"macvlan-overlay","namespace":"kube-system","default-route":["172.16.100.254"]}]',
      })),
      good: docs(OVERLAY, pod({
        [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","default-route":["172.16.100.1"]},{"name":"macvlan-overlay","namespace":"kube-system"}]',
      })),
    },
  }),
  podNoRouteHelper: defineRule({
    id: 'MV072',
    severity: 'warning',
    title: 'a pod on macvlan eth0 needs the coordinator or veth plugin to reach ClusterIP services and its node',
    check: checkPodNics,
    example: {
      bad: docs(nad('macvlan-vlan100', { cniVersion: '0.3.1', name: 'macvlan-vlan100', plugins: [macvlan()] }), pod({ [DEF]: 'kube-system/macvlan-vlan100' })),
      good: docs(nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')), pod({ [DEF]: 'kube-system/macvlan-vlan100' })),
    },
  }),
  podStandaloneWithoutDefault: defineRule({
    id: 'MV078',
    severity: 'error',
    title: 'a standalone (coordinator underlay) network as an extra NIC needs a standalone default network',
    check: checkPodNics,
    example: {
      bad: docs(STANDALONE, pod({ [NETS]: 'kube-system/macvlan-standalone' })),
      good: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone' })),
    },
  }),
  passthruShared: defineRule({
    id: 'MV090',
    severity: 'error',
    title: 'a passthru macvlan master carries one NIC: a pod cannot attach two NICs to it',
    check: checkPodNics,
    example: {
      bad: docs(nad('macvlan-passthru', chain('macvlan-passthru', 'overlay', macvlan({ master: 'ens195', mode: 'passthru' }))),
        nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ master: 'ens195' }))),
        pod({ [NETS]: '[{"name":"macvlan-passthru","namespace":"kube-system"},{"name":"macvlan-overlay","namespace":"kube-system"}]' })),
      good: docs(nad('macvlan-passthru', chain('macvlan-passthru', 'overlay', macvlan({ master: 'ens195', mode: 'passthru' }))),
        nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ master: 'bond0.100' }))),
        pod({ [NETS]: '[{"name":"macvlan-passthru","namespace":"kube-system"},{"name":"macvlan-overlay","namespace":"kube-system"}]' })),
    },
  }),
  podAddresses: defineRule({
    id: 'MV094',
    severity: 'error',
    title: 'per-pod ips need a network whose IPAM takes them (static IPAM without fixed addresses), and such a network needs them',
    check: checkPodAnnotations,
    example: {
      bad: docs(nad('macvlan-static', chain('macvlan-static', 'overlay', macvlan({ capabilities: { ips: true }, ipam: { type: 'static' } }))),
        pod({ [NETS]: '[{"name":"macvlan-static","namespace":"kube-system"}]' })),
      good: docs(nad('macvlan-static', chain('macvlan-static', 'overlay', macvlan({ capabilities: { ips: true }, ipam: { type: 'static' } }))),
        pod({ [NETS]: '[{"name":"macvlan-static","namespace":"kube-system","ips":["172.16.100.50/24"]}]' })),
    },
  }),
  podEmptyNetworks: defineRule({
    id: 'MV096',
    severity: 'error',
    title: 'a pod network set must attach at least one network',
    check: checkPodNetworkSet,
    example: {
      language: 'typescript',
      bad: "new AnnotatedPod(chart, 'app', { networks: PodNetworks.overlay(), containers: [{ image: 'nginx' }] });\n",
      good: "new AnnotatedPod(chart, 'app', { networks: PodNetworks.overlay(vlan100Overlay), containers: [{ image: 'nginx' }] });\n",
    },
  }),
} as const;
