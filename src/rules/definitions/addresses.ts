/** Reserved addresses (SpiderReservedIP) and node addresses on the VLANs (MV200-MV209). */
import type * as AddressesChecks from '../addresses';
import { checkOf, defineRule } from '../rule';
import { STANDALONE, V4, VLAN100, bondIface, docs, namedNncp, pool, reservedIp, vlanIface } from './yaml';

const checkAddressConflicts = checkOf<typeof AddressesChecks>('checkAddressConflicts');
const checkReservedIp = checkOf<typeof AddressesChecks>('checkReservedIp');

const NODE_A = 'kubernetes.io/hostname: worker-a';
const vlanWith = (ipv4: string) => `${vlanIface('bond0.100', VLAN100)}\nipv4:\n${ipv4.split('\n').map(l => `  ${l}`).join('\n')}`;
const STATIC = (ip: string, prefix = 24) => vlanWith(`enabled: true\ndhcp: false\naddress:\n  - ip: ${ip}\n    prefix-length: ${prefix}`);
const HOST = (name: string, ip: string, selector = NODE_A, prefix = 24) => namedNncp(name, [bondIface(), STATIC(ip, prefix)], selector);

export const ADDRESS_RULES = {
  reservedIpSyntax: defineRule({
    id: 'MV200',
    severity: 'error',
    title: 'SpiderReservedIP names must be DNS-1123 subdomains and ips entries IPs or ordered a-b ranges',
    check: checkReservedIp,
    example: {
      bad: reservedIp('vlan100-reserved-v4', 'ipVersion: 4\nips: [172.16.100.20-172.16.100.2]'),
      good: reservedIp('vlan100-reserved-v4', 'ipVersion: 4\nips: [172.16.100.2-172.16.100.20]'),
    },
  }),
  reservedIpVersion: defineRule({
    id: 'MV201',
    severity: 'error',
    title: 'SpiderReservedIP ipVersion must be 4 or 6 (or derivable from ips[0]) and every ips entry of that family',
    check: checkReservedIp,
    example: {
      bad: reservedIp('vlan100-reserved', 'ipVersion: 4\nips: [172.16.100.2, fd00:100::2]'),
      good: docs(reservedIp('vlan100-reserved-v4', 'ipVersion: 4\nips: [172.16.100.2]'), reservedIp('vlan100-reserved-v6', 'ipVersion: 6\nips: [fd00:100::2]')),
    },
  }),
  reservedIpMerged: defineRule({
    id: 'MV202',
    severity: 'warning',
    title: 'SpiderReservedIP ips should be written merged and sorted, as Spiderpool\'s webhook stores them',
    check: checkReservedIp,
    example: {
      bad: reservedIp('vlan100-reserved-v4', 'ipVersion: 4\nips: [172.16.100.3, 172.16.100.1-172.16.100.2]'),
      good: reservedIp('vlan100-reserved-v4', 'ipVersion: 4\nips: [172.16.100.1-172.16.100.3]'),
    },
  }),
  reservedInPool: defineRule({
    id: 'MV203',
    severity: 'warning',
    title: 'a SpiderIPPool\'s ips include reserved addresses: Spiderpool skips them, so the pool has fewer addresses than its ips say',
    check: checkAddressConflicts,
    example: {
      bad: docs(pool('vlan100-v4', V4), reservedIp('vlan100-reserved-v4', 'ipVersion: 4\nips: [172.16.100.1, 172.16.100.50]')),
      good: docs(pool('vlan100-v4', `${V4}\nexcludeIPs: [172.16.100.50]`), reservedIp('vlan100-reserved-v4', 'ipVersion: 4\nips: [172.16.100.1, 172.16.100.50]')),
    },
  }),
  routerAllocatable: defineRule({
    id: 'MV204',
    severity: 'error',
    title: 'a router address (a pool\'s gateway or route next hop) must not be allocatable in any pool of its subnet unless reserved',
    check: checkAddressConflicts,
    example: {
      bad: docs(pool('vlan100-a', `${V4}\nroutes:\n  - {dst: 10.7.0.0/16, gw: 172.16.100.254}`), pool('vlan100-b', 'subnet: 172.16.100.0/24\nips: [172.16.100.201-172.16.100.254]\ngateway: 172.16.100.1')),
      good: docs(pool('vlan100-a', `${V4}\nroutes:\n  - {dst: 10.7.0.0/16, gw: 172.16.100.254}`), pool('vlan100-b', 'subnet: 172.16.100.0/24\nips: [172.16.100.201-172.16.100.254]\nexcludeIPs: [172.16.100.254]\ngateway: 172.16.100.1')),
    },
  }),
  nodeAddressInPool: defineRule({
    id: 'MV205',
    severity: 'error',
    title: 'a node address must not be allocatable in a SpiderIPPool (unless reserved): a pod would get the node\'s address',
    check: checkAddressConflicts,
    example: {
      bad: docs(HOST('bond0-vlans-worker-a', '172.16.100.11'), pool('vlan100-v4', V4), STANDALONE),
      good: docs(HOST('bond0-vlans-worker-a', '172.16.100.201'), pool('vlan100-v4', V4), STANDALONE),
    },
  }),
  nodeAddressSubnet: defineRule({
    id: 'MV206',
    severity: 'error',
    title: 'a node address on a VLAN interface must be an IP inside the VLAN subnet, with its prefix length',
    check: checkAddressConflicts,
    example: {
      bad: docs(HOST('bond0-vlans-worker-a', '172.16.200.201'), pool('vlan100-v4', V4), STANDALONE),
      good: docs(HOST('bond0-vlans-worker-a', '172.16.100.201'), pool('vlan100-v4', V4), STANDALONE),
    },
  }),
  nodeAddressDuplicate: defineRule({
    id: 'MV207',
    severity: 'error',
    title: 'node addresses must be distinct across nodes and interfaces, and not a pool\'s gateway',
    check: checkAddressConflicts,
    example: {
      bad: docs(HOST('bond0-vlans-worker-a', '172.16.100.201'), HOST('bond0-vlans-worker-b', '172.16.100.201', 'kubernetes.io/hostname: worker-b')),
      good: docs(HOST('bond0-vlans-worker-a', '172.16.100.201'), HOST('bond0-vlans-worker-b', '172.16.100.202', 'kubernetes.io/hostname: worker-b')),
    },
  }),
  nodeTwoPolicies: defineRule({
    id: 'MV208',
    severity: 'error',
    title: 'a node named by a policy must not get the same interface from a second policy (nmstate applies policies in no guaranteed order)',
    check: checkAddressConflicts,
    example: {
      bad: docs(namedNncp('bond0-vlans', [bondIface(), vlanIface('bond0.100', VLAN100)]), HOST('bond0-vlans-worker-a', '172.16.100.201', `${NODE_A}\n    node-role.kubernetes.io/worker: ""`)),
      good: docs(namedNncp('bond0-vlans', [bondIface(), vlanIface('bond0.100', VLAN100)], 'node-role.kubernetes.io/storage: ""'), HOST('bond0-vlans-worker-a', '172.16.100.201', `${NODE_A}\n    node-role.kubernetes.io/worker: ""`)),
    },
  }),
  nodeAddressShared: defineRule({
    id: 'MV209',
    severity: 'warning',
    title: 'a static node address belongs in a policy that selects one node (kubernetes.io/hostname)',
    check: checkAddressConflicts,
    example: {
      bad: HOST('bond0-vlans', '172.16.100.201', 'node-role.kubernetes.io/worker: ""'),
      good: HOST('bond0-vlans-worker-a', '172.16.100.201'),
    },
  }),
} as const;
