/** Rules on the Multus and Spiderpool pod annotations as written. */
import type * as PodAnnotationsChecks from '../pod-annotations';
import { checkOf, defineRule } from '../rule';
import { DEF, NETS, OVERLAY, POOLS, STANDALONE, V4, chain, docs, macvlan, nad, pod, pool } from './yaml';

const checkPodAnnotations = checkOf<typeof PodAnnotationsChecks>('checkPodAnnotations');

export const ANNOTATION_RULES = {
  networkName: defineRule({
    id: 'MV024',
    severity: 'error',
    title: 'a network reference must be ns/name with DNS-1123 label parts',
    check: checkPodAnnotations,
    example: {
      bad: docs(OVERLAY, pod({ [NETS]: 'kube-system/Macvlan_Overlay' })),
      good: docs(OVERLAY, pod({ [NETS]: 'kube-system/macvlan-overlay' })),
    },
  }),
  annotationSyntax: defineRule({
    id: 'MV059',
    severity: 'error',
    title: 'Multus network annotations must be a ns/name@ifname list or a JSON array of selection objects',
    check: checkPodAnnotations,
    example: {
      bad: docs(OVERLAY, pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system",}]' })),
      good: docs(OVERLAY, pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system"}]' })),
    },
  }),
  annotationNameWithSlash: defineRule({
    id: 'MV060',
    severity: 'error',
    title: 'a JSON network selection "name" is not split at "/": put the namespace in "namespace"',
    check: checkPodAnnotations,
    example: {
      bad: docs(OVERLAY, pod({ [NETS]: '[{"name":"kube-system/macvlan-overlay"}]' })),
      good: docs(OVERLAY, pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system"}]' })),
    },
  }),
  annotationIps: defineRule({
    id: 'MV061',
    severity: 'error',
    title: 'annotation ips must be IP or CIDR strings and default-route gateway IPs',
    check: checkPodAnnotations,
    example: {
      bad: docs(nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ capabilities: { ips: true } }))),
        pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","ips":"172.16.100.50/24"}]' })),
      good: docs(nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ capabilities: { ips: true } }))),
        pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","ips":["172.16.100.50/24"]}]' })),
    },
  }),
  annotationMac: defineRule({
    id: 'MV062',
    severity: 'error',
    title: 'annotation mac must be a valid MAC address',
    check: checkPodAnnotations,
    example: {
      bad: docs(nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ capabilities: { mac: true } }))),
        pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","mac":"02-42-ac-11-00-02"}]' })),
      good: docs(nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ capabilities: { mac: true } }))),
        pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","mac":"02:42:ac:11:00:02"}]' })),
    },
  }),
  defaultNetworkSingle: defineRule({
    id: 'MV063',
    severity: 'error',
    title: 'v1.multus-cni.io/default-network must name exactly one network',
    check: checkPodAnnotations,
    example: {
      bad: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone, kube-system/macvlan-standalone' })),
      good: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [NETS]: 'kube-system/macvlan-standalone' })),
    },
  }),
  defaultNetworkBareName: defineRule({
    id: 'MV064',
    severity: 'warning',
    title: 'a bare default-network name resolves in Multus\' namespace (kube-system): write ns/name',
    check: checkPodAnnotations,
    example: {
      bad: docs(STANDALONE, pod({ [DEF]: 'macvlan-standalone' })),
      good: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone' })),
    },
  }),
  defaultNetworkRuntimeRequests: defineRule({
    id: 'MV099',
    severity: 'error',
    title: 'per-pod ips and mac on v1.multus-cni.io/default-network are ignored: Multus passes them to additional networks only',
    check: checkPodAnnotations,
    example: {
      bad: docs(nad('macvlan-static', chain('macvlan-static', 'underlay', macvlan({ capabilities: { ips: true }, ipam: { type: 'static' } }))),
        pod({ [DEF]: '[{"name":"macvlan-static","namespace":"kube-system","ips":["172.16.100.50/24"]}]' })),
      good: docs(nad('macvlan-static', chain('macvlan-static', 'underlay', macvlan({ ipam: { type: 'static', addresses: [{ address: '172.16.100.50/24' }] } }))),
        pod({ [DEF]: 'kube-system/macvlan-static' })),
    },
  }),
  ippoolAnnotation: defineRule({
    id: 'MV065',
    severity: 'error',
    title: 'ipam.spidernet.io/ippool(s) annotations must be JSON of the documented shape',
    check: checkPodAnnotations,
    example: {
      bad: docs(pool('vlan100-v4', V4), STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [POOLS]: '{"interface":"eth0","ipv4":["vlan100-v4"]}' })),
      good: docs(pool('vlan100-v4', V4), STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [POOLS]: '[{"interface":"eth0","ipv4":["vlan100-v4"]}]' })),
    },
  }),
  ippoolsDuplicate: defineRule({
    id: 'MV066',
    severity: 'error',
    title: 'ipam.spidernet.io/ippools must list each interface once',
    check: checkPodAnnotations,
    example: {
      bad: docs(pool('vlan100-v4', V4), STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [POOLS]: '[{"interface":"eth0","ipv4":["vlan100-v4"]},{"interface":"eth0","ipv4":["vlan100-v4"]}]' })),
      good: docs(pool('vlan100-v4', V4), STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [POOLS]: '[{"interface":"eth0","ipv4":["vlan100-v4"]}]' })),
    },
  }),
  ippoolsMissingNic: defineRule({
    id: 'MV067',
    severity: 'error',
    title: 'ipam.spidernet.io/ippools with interface names must list every Spiderpool NIC of the pod',
    check: checkPodAnnotations,
    example: {
      bad: docs(pool('vlan100-v4', V4), STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone', [NETS]: 'kube-system/macvlan-standalone', [POOLS]: '[{"interface":"eth0","ipv4":["vlan100-v4"]}]' })),
      good: docs(pool('vlan100-v4', V4), STANDALONE, pod({
        [DEF]: 'kube-system/macvlan-standalone',
        [NETS]: 'kube-system/macvlan-standalone',
        [POOLS]: '[{"interface":"eth0","ipv4":["vlan100-v4"]},{"interface":"net1","ipv4":["vlan100-v4"]}]',
      })),
    },
  }),
  podUnknownNetwork: defineRule({
    id: 'MV068',
    severity: 'error',
    title: 'a network a pod references must be defined in the manifest set (NAD or SpiderMultusConfig)',
    check: checkPodAnnotations,
    example: {
      bad: docs(STANDALONE, pod({ [DEF]: 'default/macvlan-standalone' })),
      good: docs(STANDALONE, pod({ [DEF]: 'kube-system/macvlan-standalone' })),
    },
  }),
  annotationCapabilities: defineRule({
    id: 'MV075',
    severity: 'warning',
    title: 'annotation ips/mac reach a plugin only if its config declares that capability',
    check: checkPodAnnotations,
    example: {
      bad: docs(OVERLAY, pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","ips":["172.16.100.50/24"]}]' })),
      good: docs(nad('macvlan-overlay', chain('macvlan-overlay', 'overlay', macvlan({ capabilities: { ips: true } }))),
        pod({ [NETS]: '[{"name":"macvlan-overlay","namespace":"kube-system","ips":["172.16.100.50/24"]}]' })),
    },
  }),
  networkStatusAnnotation: defineRule({
    id: 'MV077',
    severity: 'warning',
    title: 'k8s.v1.cni.cncf.io/network-status is written by Multus: do not set it',
    check: checkPodAnnotations,
    example: {
      bad: docs(OVERLAY, pod({ [NETS]: 'kube-system/macvlan-overlay', 'k8s.v1.cni.cncf.io/network-status': '[]' })),
      good: docs(OVERLAY, pod({ [NETS]: 'kube-system/macvlan-overlay' })),
    },
  }),
} as const;
