/** Switch plan rules: redundant pairs, the peer link, first-hop gateways, port channels, the MLAG control plane. */
import { checkOf, defineRule } from '../rule';
import type * as SwitchesChecks from '../switches';

const checkRackSwitches = checkOf<typeof SwitchesChecks>('checkRackSwitches');

const PAIR = "switches: {\n  names: ['tor-a', 'tor-b'],\n  peerLink: { ports: ['Ethernet1/49', 'Ethernet1/50'] },\n";

export const SWITCH_RULES = {
  switchPairCabling: defineRule({
    id: 'MV210',
    severity: 'error',
    title: 'a redundant switch pair needs bond members cabled to both switches',
    check: checkRackSwitches,
    example: {
      language: 'typescript',
      bad: `bond: { members: ['ens224'], mode: BondMode.IEEE_802_3AD },   // one NIC for two switches\n${PAIR}},\n`,
      good: `bond: { members: ['ens224', 'ens256'], mode: BondMode.IEEE_802_3AD },   // ens224 -> tor-a, ens256 -> tor-b\n${PAIR}},\n`,
    },
  }),
  switchPeerLinkVlans: defineRule({
    id: 'MV211',
    severity: 'error',
    title: 'the peer link of an MLAG pair must carry every VLAN of the rack',
    check: checkRackSwitches,
    example: {
      language: 'typescript',
      bad: "switches: {\n  names: ['tor-a', 'tor-b'],\n  peerLink: { ports: ['Ethernet1/49'], allowedVlans: [] },   // vlans 100 and 200\n},\n",
      good: "switches: {\n  names: ['tor-a', 'tor-b'],\n  peerLink: { ports: ['Ethernet1/49'] },   // default: every VLAN of the rack\n},\n",
    },
  }),
  switchGatewayAddresses: defineRule({
    id: 'MV212',
    severity: 'error',
    title: 'each switch of an MLAG pair needs its own host address on every VLAN, apart from the virtual gateway, and a valid first-hop group',
    check: checkRackSwitches,
    example: {
      language: 'typescript',
      bad: `vlans: [{ id: 100, ipv4: { subnet: '172.16.100.0/24', gateway: '172.16.100.1' } }],\n${PAIR}  gatewayAddresses: [{ vlanId: 100, ipv4: ['172.16.100.1', '172.16.100.3'] }],   // .1 is the virtual gateway\n},\n`,
      good: `vlans: [{ id: 100, ipv4: { subnet: '172.16.100.0/24', gateway: '172.16.100.1' } }],\n${PAIR}  gatewayAddresses: [{ vlanId: 100, ipv4: ['172.16.100.2', '172.16.100.3'] }],\n},\n`,
    },
  }),
  switchPortChannels: defineRule({
    id: 'MV213',
    severity: 'error',
    title: 'port-channel ids and switch ports are used once per rack (nodes and peer link)',
    check: checkRackSwitches,
    example: {
      language: 'typescript',
      bad: `${PAIR}  nodes: [\n    { node: 'worker-1', ports: ['Ethernet1/1', 'Ethernet1/1'], portChannelId: 1 },   // 1 is the peer link's\n  ],\n},\n`,
      good: `${PAIR}  nodes: [\n    { node: 'worker-1', ports: ['Ethernet1/1', 'Ethernet1/1'], portChannelId: 11 },\n  ],\n},\n`,
    },
  }),
  switchMlagControl: defineRule({
    id: 'MV214',
    severity: 'error',
    title: 'the MLAG control plane (domain id, peer VLAN id, keepalive addresses) must be valid, the keepalive subnet apart from the rack\'s VLAN subnets',
    check: checkRackSwitches,
    example: {
      language: 'typescript',
      bad: "vlans: [{ id: 100, ipv4: { subnet: '10.1.0.0/16', gateway: '10.1.0.1' } }],\nswitches: {\n  names: ['tor-a', 'tor-b'],\n  peerLink: { ports: ['Ethernet1/49'], keepaliveAddresses: ['10.1.255.1/30', '10.1.255.2/30'] },   // inside VLAN 100\n},\n",
      good: "vlans: [{ id: 100, ipv4: { subnet: '10.1.0.0/16', gateway: '10.1.0.1' } }],\nswitches: {\n  names: ['tor-a', 'tor-b'],\n  peerLink: { ports: ['Ethernet1/49'], keepaliveAddresses: ['169.254.0.1/30', '169.254.0.2/30'] },\n},\n",
    },
  }),
} as const;
