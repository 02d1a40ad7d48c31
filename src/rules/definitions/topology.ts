/** VlanTopology props rules (the address plan, names, ifacer limits). */
import { checkOf, defineRule } from '../rule';
import type * as TopologyChecks from '../topology';

const checkTopologyConsistency = checkOf<typeof TopologyChecks>('checkTopologyConsistency');
const checkVlanAddressPlans = checkOf<typeof TopologyChecks>('checkVlanAddressPlans');

export const TOPOLOGY_RULES = {
  topologySubnetOverlap: defineRule({
    id: 'MV032',
    severity: 'error',
    title: 'subnets of different VLANs must not overlap',
    check: checkVlanAddressPlans,
  }),
  topologyGateway: defineRule({
    id: 'MV033',
    severity: 'error',
    title: 'a VLAN gateway (switch VLANIF address) must be an IP inside the VLAN subnet',
    check: checkVlanAddressPlans,
  }),
  topologyNames: defineRule({
    id: 'MV034',
    severity: 'error',
    title: 'the networks and pools of a topology must have distinct names',
    check: checkTopologyConsistency,
  }),
  topologyIfacer: defineRule({
    id: 'MV035',
    severity: 'error',
    title: 'Spiderpool ifacer host interfaces only support bridge mode and kernel-default bond/VLAN MTUs',
    check: checkTopologyConsistency,
  }),
  topologyAddressPlan: defineRule({
    id: 'MV036',
    severity: 'error',
    title: 'VLAN subnets, ips and excludeIps must be well-formed and match their family and offer',
    check: checkVlanAddressPlans,
  }),
} as const;
