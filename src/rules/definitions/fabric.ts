/** Fabric rules: racks, their node selectors, their VLANs and subnets, and the pools a NIC lists across racks. */
import type * as FabricChecks from '../fabric';
import { checkOf, defineRule } from '../rule';
import type * as TopologyChecks from '../topology';
import type * as WorkloadsChecks from '../workloads';
import { chain, deployment, docs, macvlan, nad, pool } from './yaml';

const checkFabricNodeAddresses = checkOf<typeof FabricChecks>('checkFabricNodeAddresses');
const checkFabricRacks = checkOf<typeof FabricChecks>('checkFabricRacks');
const checkFabricSubnets = checkOf<typeof FabricChecks>('checkFabricSubnets');
const checkNodeAddressCoverage = checkOf<typeof TopologyChecks>('checkNodeAddressCoverage');
const analyzeWorkloads = checkOf<typeof WorkloadsChecks>('analyzeWorkloads');

const RACK_A = "{ name: 'rack-a', nodeSelector: { 'topology.kubernetes.io/rack': 'rack-a' }, vlans: [{ id: 100, ipv4: { subnet: '10.1.100.0/24', gateway: '10.1.100.1' } }] }";
const RACK_B = (name: string, selector: string, subnet = '10.2.100.0/24', gateway = '10.2.100.1') =>
  `{ name: '${name}', nodeSelector: { ${selector} }, vlans: [{ id: 100, ipv4: { subnet: '${subnet}', gateway: '${gateway}' } }] }`;
const fabric = (racks: string[]) => `new Fabric(chart, 'fabric', {\n  bond: { members: ['ens224', 'ens256'], mode: BondMode.IEEE_802_3AD },\n  vlans: [{ id: 100 }],\n  racks: [\n    ${racks.join(',\n    ')},\n  ],\n});\n`;
const RACK_KEY = "'topology.kubernetes.io/rack': 'rack-b'";
/** A rack whose VLAN 100 gives `node` a static address. */
const ADDRESSED = (name: string, selector: string, n: number, node: string) =>
  `{ name: '${name}', nodeSelector: { ${selector} }, vlans: [{ id: 100, ipv4: { subnet: '10.${n}.100.0/24', gateway: '10.${n}.100.1', nodeAddresses: NodeAddresses.perNode({ '${node}': '10.${n}.100.5' }) } }] }`;
/** A topology of `nodes` nodes whose two workers have static addresses on VLAN 100. */
const topology = (nodes: number) => `new VlanTopology(chart, 'fabric', {
  bond: { members: ['ens224', 'ens256'], mode: BondMode.IEEE_802_3AD },
  nodeCount: ${nodes},
  vlans: [{
    id: 100,
    ipv4: { subnet: '172.16.100.0/24', gateway: '172.16.100.1', nodeAddresses: NodeAddresses.perNode({ 'worker-1': '172.16.100.5', 'worker-2': '172.16.100.6' }) },
  }],
});
`;

/** Two racks' pools of one network: rack a's pinned to its nodes, rack b's (not) pinned to rack b. */
const rackPool = (name: string, subnet: string, rack?: string) => pool(name,
  `subnet: ${subnet}.0/24\nips: [${subnet}.10-${subnet}.99]\ngateway: ${subnet}.1${rack ? `\nnodeAffinity:\n  matchLabels:\n    topology.kubernetes.io/rack: ${rack}` : ''}`);
const RACK_POOLS = ['vlan100-rack-a-v4', 'vlan100-rack-b-v4'];
const STANDALONE = nad('macvlan-standalone', chain('macvlan-standalone', 'underlay', macvlan({ ipam: { type: 'spiderpool', default_ipv4_ippool: RACK_POOLS } })));
const BOTH_POOLS = { 'v1.multus-cni.io/default-network': 'kube-system/macvlan-standalone', 'ipam.spidernet.io/ippools': '[{"interface":"eth0","ipv4":["vlan100-rack-a-v4","vlan100-rack-b-v4"]}]' };

/** Required node affinity with one term per rack (Fabric.placeWorkload on both racks). */
const BOTH_RACKS = 'affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n'
  + '        - matchExpressions: [{key: topology.kubernetes.io/rack, operator: In, values: [rack-a]}]\n'
  + '        - matchExpressions: [{key: topology.kubernetes.io/rack, operator: In, values: [rack-b]}]';

export const FABRIC_RULES = {
  fabricRackName: defineRule({
    id: 'MV190',
    severity: 'error',
    title: 'a fabric has at least one rack; rack names are distinct DNS-1123 labels (they become part of pool and host policy names)',
    check: checkFabricRacks,
    example: { language: 'typescript', bad: fabric([RACK_A, RACK_B('rack-a', RACK_KEY)]), good: fabric([RACK_A, RACK_B('rack-b', RACK_KEY)]) },
  }),
  fabricRackSelector: defineRule({
    id: 'MV191',
    severity: 'error',
    title: 'every rack selects its nodes, and no node can be in two racks (the rack selectors require different values of a shared label)',
    check: checkFabricRacks,
    example: {
      language: 'typescript',
      bad: fabric([RACK_A, RACK_B('rack-b', "'node-role.kubernetes.io/worker': ''")]),
      good: fabric([RACK_A, RACK_B('rack-b', RACK_KEY)]),
    },
  }),
  fabricRackVlans: defineRule({
    id: 'MV192',
    severity: 'error',
    title: 'a rack carries only the fabric\'s VLANs, each once, with the same IP families as the other racks and the fabric\'s bond name; every VLAN is carried by a rack',
    check: checkFabricRacks,
    example: {
      language: 'typescript',
      bad: fabric([RACK_A, `{ name: 'rack-b', nodeSelector: { ${RACK_KEY} }, vlans: [{ id: 200, ipv4: { subnet: '10.2.200.0/24', gateway: '10.2.200.1' } }] }`]),
      good: fabric([RACK_A, RACK_B('rack-b', RACK_KEY)]),
    },
  }),
  fabricSubnetOverlap: defineRule({
    id: 'MV193',
    severity: 'error',
    title: 'subnets of different racks must not overlap (a VLAN stretched over racks keeps one subnet and one gateway)',
    check: checkFabricSubnets,
    example: {
      language: 'typescript',
      bad: fabric([RACK_A, RACK_B('rack-b', RACK_KEY, '10.1.100.0/25', '10.1.100.2')]),
      good: fabric([RACK_A, RACK_B('rack-b', RACK_KEY)]),
    },
  }),
  rackPoolsOverlap: defineRule({
    id: 'MV194',
    severity: 'warning',
    title: 'pools a NIC lists for one family with different subnets should admit disjoint nodes (nodeAffinity), or a pod can get another rack\'s subnet',
    check: analyzeWorkloads,
    example: {
      bad: docs(rackPool('vlan100-rack-a-v4', '10.1.100', 'rack-a'), rackPool('vlan100-rack-b-v4', '10.2.100'), STANDALONE,
        deployment('web', 2, BOTH_POOLS, 'nodeSelector:\n  topology.kubernetes.io/rack: rack-a')),
      good: docs(rackPool('vlan100-rack-a-v4', '10.1.100', 'rack-a'), rackPool('vlan100-rack-b-v4', '10.2.100', 'rack-b'), STANDALONE,
        deployment('web', 2, BOTH_POOLS, BOTH_RACKS)),
    },
  }),
  capacityConcentrated: defineRule({
    id: 'MV195',
    severity: 'warning',
    title: 'a rack\'s pool should hold every pod the scheduler can put on its nodes: pods spread over several racks\' pools are not spread evenly by themselves',
    check: analyzeWorkloads,
    example: {
      bad: docs(rackPool('vlan100-rack-a-v4', '10.1.100', 'rack-a'), rackPool('vlan100-rack-b-v4', '10.2.100', 'rack-b'), STANDALONE,
        deployment('web', 80, BOTH_POOLS, BOTH_RACKS)),
      good: docs(rackPool('vlan100-rack-a-v4', '10.1.100', 'rack-a'), rackPool('vlan100-rack-b-v4', '10.2.100', 'rack-b'), STANDALONE,
        deployment('web', 60, BOTH_POOLS, BOTH_RACKS)),
    },
  }),
  fabricNodeTwoRacks: defineRule({
    id: 'MV196',
    severity: 'error',
    title: 'a node has static addresses in one rack only (the racks select disjoint nodes)',
    check: checkFabricNodeAddresses,
    example: {
      language: 'typescript',
      bad: fabric([ADDRESSED('rack-a', "'topology.kubernetes.io/rack': 'rack-a'", 1, 'worker-1'), ADDRESSED('rack-b', RACK_KEY, 2, 'worker-1')]),
      good: fabric([ADDRESSED('rack-a', "'topology.kubernetes.io/rack': 'rack-a'", 1, 'worker-1'), ADDRESSED('rack-b', RACK_KEY, 2, 'worker-2')]),
    },
  }),
  nodeAddressCoverage: defineRule({
    id: 'MV197',
    severity: 'error',
    title: 'with static node addresses, every node the props declare (nodeCount, the switch plan\'s nodes) is listed: the host interfaces are configured per listed node',
    check: checkNodeAddressCoverage,
    example: {
      language: 'typescript',
      bad: topology(3),
      good: topology(2),
    },
  }),
} as const;
