/** Rules from the parity work against upstream's decision code (issue 11, MV110-MV149). */
import type * as IpPoolChecks from '../ip-pool';
import type * as LabelSelectorChecks from '../label-selector';
import type * as LintChecks from '../lint';
import type * as MultusConfigChecks from '../multus-config';
import type * as NetworkAttachmentChecks from '../network-attachment';
import type * as PodAnnotationsChecks from '../pod-annotations';
import { checkOf, defineRule } from '../rule';
import { DEF, POOLS, STANDALONE, V4, chain, docs, macvlan, nad, pod, pool, smc } from './yaml';

const checkIpPool = checkOf<typeof IpPoolChecks>('checkIpPool');
const checkLabelSelector = checkOf<typeof LabelSelectorChecks>('checkLabelSelector');
const checkSpiderSubnets = checkOf<typeof LintChecks>('checkSpiderSubnets');
const lintManifests = checkOf<typeof LintChecks>('lintManifests');
const checkSpiderMultusConfig = checkOf<typeof MultusConfigChecks>('checkSpiderMultusConfig');
const checkNetworkAttachmentDefinition = checkOf<typeof NetworkAttachmentChecks>('checkNetworkAttachmentDefinition');
const checkNetworkObjectName = checkOf<typeof NetworkAttachmentChecks>('checkNetworkObjectName');
const checkPodAnnotations = checkOf<typeof PodAnnotationsChecks>('checkPodAnnotations');

const V6 = 'subnet: fd00:100::/64\nips: [fd00:100::10-fd00:100::ff]';
/** A dual-stack standalone network. */
const DUAL = nad('macvlan-dual', chain('macvlan-dual', 'underlay', macvlan({ ipam: { type: 'spiderpool', default_ipv4_ippool: ['vlan100-v4'], default_ipv6_ippool: ['vlan100-v6'] } })));
const ON_STANDALONE = (pools: string) => pod({ [DEF]: 'kube-system/macvlan-standalone', [POOLS]: pools });

function subnet(name: string, spec: string): string {
  return pool(name, spec).replace('kind: SpiderIPPool', 'kind: SpiderSubnet');
}

function smcWithAnnotation(key: string, value: string, spec = 'cniType: macvlan\nmacvlan:\n  master: [bond0.100]'): string {
  return smc(spec).replace('  namespace: kube-system\n', `  namespace: kube-system\n  annotations:\n    ${key}: ${value}\n`);
}

export const PARITY_RULES = {
  podUnknownPool: defineRule({
    id: 'MV110',
    severity: 'error',
    title: 'a pool a pod annotation names (or a wildcard it uses) must match a SpiderIPPool of the manifest set',
    check: checkPodAnnotations,
    example: {
      bad: docs(pool('vlan100-v4', V4), STANDALONE, ON_STANDALONE('[{"interface":"eth0","ipv4":["vlan101-v4"]}]')),
      good: docs(pool('vlan100-v4', V4), STANDALONE, ON_STANDALONE('[{"interface":"eth0","ipv4":["vlan100-*"]}]')),
    },
  }),
  annotationDuplicatePool: defineRule({
    id: 'MV111',
    severity: 'error',
    title: 'a NIC\'s pool list in ipam.spidernet.io/ippool(s) names each pool once (after wildcard expansion)',
    check: checkPodAnnotations,
    example: {
      bad: docs(pool('vlan100-v4', V4), STANDALONE, ON_STANDALONE('[{"interface":"eth0","ipv4":["vlan100-*","vlan100-v4"]}]')),
      good: docs(pool('vlan100-v4', V4), STANDALONE, ON_STANDALONE('[{"interface":"eth0","ipv4":["vlan100-*"]}]')),
    },
  }),
  poolEmptyUnused: defineRule({
    id: 'MV112',
    severity: 'warning',
    title: 'a SpiderIPPool without allocatable IPs serves no pod (an error, MV023, once a network or pod selects it)',
    check: lintManifests,
    example: {
      bad: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10]\nexcludeIPs: [172.16.100.10]'),
      good: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]\nexcludeIPs: [172.16.100.10]'),
    },
  }),
  smcAnnotations: defineRule({
    id: 'MV113',
    severity: 'error',
    title: 'SpiderMultusConfig annotations: a supported cni-version, a DNS-1123 cr-name, RDMA/network resource injection with a resource name and pools',
    check: checkSpiderMultusConfig,
    example: {
      bad: smcWithAnnotation('multus.spidernet.io/cni-version', '0.5.0'),
      good: smcWithAnnotation('multus.spidernet.io/cni-version', '1.0.0'),
    },
  }),
  smcMatchMasterSubnet: defineRule({
    id: 'MV114',
    severity: 'error',
    title: 'SpiderMultusConfig ippools.matchMasterSubnet is not supported for macvlan, ipvlan and vlan',
    check: checkSpiderMultusConfig,
    example: {
      bad: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]\n  ippools:\n    matchMasterSubnet: true'),
      good: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]\n  ippools:\n    ipv4: [vlan100-v4]'),
    },
  }),
  poolSelector: defineRule({
    id: 'MV115',
    severity: 'error',
    title: 'SpiderIPPool podAffinity, namespaceAffinity and nodeAffinity must be valid Kubernetes label selectors',
    check: checkLabelSelector,
    example: {
      bad: pool('vlan100-v4', `${V4}\npodAffinity:\n  matchExpressions:\n    - {key: app, operator: In}`),
      good: pool('vlan100-v4', `${V4}\npodAffinity:\n  matchExpressions:\n    - {key: app, operator: In, values: [web]}`),
    },
  }),
  annotationKeyCase: defineRule({
    id: 'MV116',
    severity: 'warning',
    title: 'Spiderpool reads its annotation JSON keys case-insensitively: write them as documented (interface, ipv4, ipv6, cleangateway)',
    check: checkPodAnnotations,
    example: {
      bad: docs(pool('vlan100-v4', V4), STANDALONE, ON_STANDALONE('[{"interface":"eth0","IPv4":["vlan100-v4"]}]')),
      good: docs(pool('vlan100-v4', V4), STANDALONE, ON_STANDALONE('[{"interface":"eth0","ipv4":["vlan100-v4"]}]')),
    },
  }),
  podOneFamilyDualStack: defineRule({
    id: 'MV117',
    severity: 'warning',
    title: 'a NIC of a dual-stack network that selects pools of one family only gets no address of the other',
    check: checkPodAnnotations,
    example: {
      bad: docs(pool('vlan100-v4', V4), pool('vlan100-v6', V6), DUAL, pod({ [DEF]: 'kube-system/macvlan-dual', [POOLS]: '[{"interface":"eth0","ipv4":["vlan100-v4"]}]' })),
      good: docs(pool('vlan100-v4', V4), pool('vlan100-v6', V6), DUAL,
        pod({ [DEF]: 'kube-system/macvlan-dual', [POOLS]: '[{"interface":"eth0","ipv4":["vlan100-v4"],"ipv6":["vlan100-v6"]}]' })),
    },
  }),
  nadNameNotLabel: defineRule({
    id: 'MV118',
    severity: 'warning',
    title: 'a network name that is not a DNS-1123 label cannot be referenced in the short annotation form',
    check: checkNetworkObjectName,
    example: {
      bad: nad('macvlan.vlan100', chain('macvlan.vlan100', 'underlay')),
      good: nad('macvlan-vlan100', chain('macvlan-vlan100', 'underlay')),
    },
  }),
  macvlanMasterEmpty: defineRule({
    id: 'MV119',
    severity: 'warning',
    title: 'an empty macvlan master means the node\'s default-route interface',
    check: checkSpiderMultusConfig,
    example: {
      bad: smc('cniType: macvlan\nmacvlan:\n  master: [""]'),
      good: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]'),
    },
  }),
  nadWithoutSpec: defineRule({
    id: 'MV120',
    severity: 'warning',
    title: 'a NetworkAttachmentDefinition without spec.config makes Multus read the config from each node\'s CNI directory',
    check: checkNetworkAttachmentDefinition,
    example: {
      bad: 'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: macvlan-standalone\n  namespace: kube-system\n',
      good: STANDALONE,
    },
  }),
  coordinatorWithoutIpam: defineRule({
    id: 'MV121',
    severity: 'error',
    title: 'the coordinator needs an IP address on its NIC: no coordinator on a network without IPAM',
    check: checkNetworkAttachmentDefinition,
    example: {
      bad: nad('macvlan-l2', chain('macvlan-l2', 'overlay', macvlan({ ipam: {} }))),
      good: nad('macvlan-l2', { cniVersion: '0.3.1', name: 'macvlan-l2', plugins: [macvlan({ ipam: {} })] }),
    },
  }),
  poolIpv4Mapped: defineRule({
    id: 'MV122',
    severity: 'warning',
    title: 'an IPv4-mapped IPv6 spelling (::ffff:a.b.c.d) in an IPv4 pool is read as the IPv4 address',
    check: checkIpPool,
    example: {
      bad: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: ["::ffff:172.16.100.10"]'),
      good: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10]'),
    },
  }),
  poolMultusNameUnusable: defineRule({
    id: 'MV123',
    severity: 'warning',
    title: 'a SpiderIPPool multusName entry that cannot name a network makes the pool serve no NIC',
    check: checkIpPool,
    example: {
      bad: pool('vlan100-v4', `${V4}\nmultusName: [kube-system/Macvlan-Standalone]`),
      good: pool('vlan100-v4', `${V4}\nmultusName: [kube-system/macvlan-standalone]`),
    },
  }),
  subnetPools: defineRule({
    id: 'MV124',
    severity: 'error',
    title: 'SpiderSubnets must not overlap, and a SpiderIPPool inside a SpiderSubnet\'s subnet takes its ips from the SpiderSubnet\'s ips',
    check: checkSpiderSubnets,
    example: {
      bad: docs(subnet('vlan100', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.100]'), pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.150-172.16.100.160]')),
      good: docs(subnet('vlan100', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.200]'), pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.150-172.16.100.160]')),
    },
  }),
  ippoolsUnusedItem: defineRule({
    id: 'MV125',
    severity: 'warning',
    title: 'an ipam.spidernet.io/ippools item for an interface the pod does not have, whose pools match no SpiderIPPool, is skipped by Spiderpool (refused once a pool matches, MV067)',
    check: checkPodAnnotations,
    example: {
      bad: docs(pool('vlan100-v4', V4), STANDALONE, ON_STANDALONE('[{"interface":"eth0","ipv4":["vlan100-v4"]},{"interface":"net1","ipv4":["vlan200-*"]}]')),
      good: docs(pool('vlan100-v4', V4), STANDALONE, ON_STANDALONE('[{"interface":"eth0","ipv4":["vlan100-v4"]}]')),
    },
  }),
};
