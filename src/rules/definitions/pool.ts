/** SpiderIPPool rules (each pool, and across pools). */
import type * as IpPoolChecks from '../ip-pool';
import { checkOf, defineRule } from '../rule';
import { STANDALONE, V4, docs, pool } from './yaml';

const checkIpPool = checkOf<typeof IpPoolChecks>('checkIpPool');
const checkPoolOverlaps = checkOf<typeof IpPoolChecks>('checkPoolOverlaps');

export const POOL_RULES = {
  poolSubnet: defineRule({
    id: 'MV001',
    severity: 'error',
    title: 'SpiderIPPool subnet must be a valid, canonical CIDR',
    check: checkIpPool,
    example: { bad: pool('vlan6-v4', 'subnet: 10.6.0.1/16\nips: [10.6.0.10-10.6.0.20]'), good: pool('vlan6-v4', 'subnet: 10.6.0.0/16\nips: [10.6.0.10-10.6.0.20]') },
  }),
  poolIps: defineRule({
    id: 'MV002',
    severity: 'error',
    title: 'SpiderIPPool ips entries must be IPs or a-b ranges inside the subnet',
    check: checkIpPool,
    example: {
      bad: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.101.10-172.16.101.20]'),
      good: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]'),
    },
  }),
  poolExcludeIps: defineRule({
    id: 'MV003',
    severity: 'error',
    title: 'SpiderIPPool excludeIPs entries must be IPs or a-b ranges inside the subnet',
    check: checkIpPool,
    example: {
      bad: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]\nexcludeIPs: [192.168.0.1]'),
      good: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]\nexcludeIPs: [172.16.100.15]'),
    },
  }),
  poolGateway: defineRule({
    id: 'MV004',
    severity: 'error',
    title: 'SpiderIPPool gateway must be an IP inside the subnet',
    check: checkIpPool,
    example: {
      bad: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]\ngateway: 172.16.200.1'),
      good: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]\ngateway: 172.16.100.1'),
    },
  }),
  poolGatewayAllocatable: defineRule({
    id: 'MV005',
    severity: 'error',
    title: 'SpiderIPPool gateway inside ips must be listed in excludeIPs',
    check: checkIpPool,
    example: {
      bad: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.1-172.16.100.20]\ngateway: 172.16.100.1'),
      good: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.1-172.16.100.20]\nexcludeIPs: [172.16.100.1]\ngateway: 172.16.100.1'),
    },
  }),
  poolDefaultRoute: defineRule({
    id: 'MV006',
    severity: 'error',
    title: 'SpiderIPPool routes must not contain a default route (use gateway)',
    check: checkIpPool,
    example: {
      bad: pool('vlan100-v4', `${V4}\nroutes:\n  - dst: 0.0.0.0/0\n    gw: 172.16.100.1`),
      good: pool('vlan100-v4', V4),
    },
  }),
  poolDuplicateRoute: defineRule({
    id: 'MV007',
    severity: 'error',
    title: 'SpiderIPPool routes must have distinct destinations',
    check: checkIpPool,
    example: {
      bad: pool('vlan100-v4', `${V4}\nroutes:\n  - {dst: 10.7.0.0/16, gw: 172.16.100.2}\n  - {dst: 10.7.0.0/16, gw: 172.16.100.3}`),
      good: pool('vlan100-v4', `${V4}\nroutes:\n  - {dst: 10.7.0.0/16, gw: 172.16.100.2}`),
    },
  }),
  poolRouteGateway: defineRule({
    id: 'MV008',
    severity: 'error',
    title: 'SpiderIPPool route destinations must be CIDRs and gateways IPs inside the subnet',
    check: checkIpPool,
    example: {
      bad: pool('vlan100-v4', `${V4}\nroutes:\n  - {dst: 10.7.0.0/16, gw: 10.9.0.1}`),
      good: pool('vlan100-v4', `${V4}\nroutes:\n  - {dst: 10.7.0.0/16, gw: 172.16.100.2}`),
    },
  }),
  poolIpVersion: defineRule({
    id: 'MV009',
    severity: 'error',
    title: 'SpiderIPPool ipVersion must match the subnet family',
    check: checkIpPool,
    example: { bad: pool('vlan100-v4', `ipVersion: 6\n${V4}`), good: pool('vlan100-v4', `ipVersion: 4\n${V4}`) },
  }),
  poolName: defineRule({
    id: 'MV010',
    severity: 'error',
    title: 'SpiderIPPool names must be DNS-1123 subdomains',
    check: checkIpPool,
    example: { bad: pool('Vlan_100', V4), good: pool('vlan100-v4', V4) },
  }),
  poolSubnetOverlap: defineRule({
    id: 'MV011',
    severity: 'error',
    title: 'SpiderIPPools with different subnets must not overlap',
    check: checkPoolOverlaps,
    example: {
      bad: docs(pool('vlan100-a', 'subnet: 10.0.0.0/16\nips: [10.0.0.10-10.0.0.20]'), pool('vlan100-b', 'subnet: 10.0.5.0/24\nips: [10.0.5.10-10.0.5.20]')),
      good: docs(pool('vlan100-a', 'subnet: 10.0.0.0/16\nips: [10.0.0.10-10.0.0.20]'), pool('vlan100-b', 'subnet: 10.0.0.0/16\nips: [10.0.5.10-10.0.5.20]')),
    },
  }),
  poolIpsOverlap: defineRule({
    id: 'MV012',
    severity: 'error',
    title: 'SpiderIPPools sharing a subnet must not share IPs',
    check: checkPoolOverlaps,
    example: {
      bad: docs(pool('vlan100-a', 'subnet: 10.0.0.0/24\nips: [10.0.0.10-10.0.0.20]'), pool('vlan100-b', 'subnet: 10.0.0.0/24\nips: [10.0.0.15-10.0.0.30]')),
      good: docs(pool('vlan100-a', 'subnet: 10.0.0.0/24\nips: [10.0.0.10-10.0.0.20]'), pool('vlan100-b', 'subnet: 10.0.0.0/24\nips: [10.0.0.21-10.0.0.30]')),
    },
  }),
  poolEmpty: defineRule({
    id: 'MV023',
    severity: 'error',
    title: 'SpiderIPPool must have at least one allocatable IP (once a network or pod of the manifests selects it; MV112 otherwise)',
    check: checkIpPool,
    example: {
      bad: docs(pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10]\nexcludeIPs: [172.16.100.10]'), STANDALONE),
      good: docs(pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.20]\nexcludeIPs: [172.16.100.10]'), STANDALONE),
    },
  }),
  poolPodAffinity: defineRule({
    id: 'MV050',
    severity: 'error',
    title: 'SpiderIPPool podAffinity, if present, must select something',
    check: checkIpPool,
    example: { bad: pool('vlan100-v4', `${V4}\npodAffinity: {}`), good: pool('vlan100-v4', `${V4}\npodAffinity:\n  matchLabels:\n    app: web`) },
  }),
  poolMultusName: defineRule({
    id: 'MV051',
    severity: 'warning',
    title: 'SpiderIPPool multusName entries should be written ns/name',
    check: checkIpPool,
    example: { bad: pool('vlan100-v4', `${V4}\nmultusName: [macvlan-vlan100]`), good: pool('vlan100-v4', `${V4}\nmultusName: [kube-system/macvlan-vlan100]`) },
  }),
  removedField: defineRule({
    id: 'MV052',
    severity: 'error',
    title: 'fields removed in Spiderpool v1.0 must not be set (SpiderIPPool spec.vlan, coordinator detectIPConflict/detectGateway)',
    check: checkIpPool,
    example: { bad: pool('vlan100-v4', `${V4}\nvlan: 100`), good: pool('vlan100-v4', V4) },
  }),
  poolTooLarge: defineRule({
    id: 'MV095',
    severity: 'error',
    title: 'a SpiderIPPool must hold at most 2^20 addresses (Spiderpool enumerates every address)',
    check: checkIpPool,
    example: {
      bad: pool('vlan100-v6', 'subnet: fd00:100::/64\nips: [fd00:100::10-fd00:100::ffff:ffff:ffff:ffff]\ngateway: fd00:100::1'),
      good: pool('vlan100-v6', 'subnet: fd00:100::/64\nips: [fd00:100::10-fd00:100::ffff]\ngateway: fd00:100::1'),
    },
  }),
} as const;
