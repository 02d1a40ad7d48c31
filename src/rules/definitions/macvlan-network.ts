/** Rules on a macvlan network's choices (IPAM, source, ifacer, helper options). */
import type * as MacvlanNetworkChecks from '../macvlan-network';
import { checkOf, defineRule } from '../rule';

const checkMacvlanNetwork = checkOf<typeof MacvlanNetworkChecks>('checkMacvlanNetwork');

export const NETWORK_RULES = {
  poolsWithoutSpiderpool: defineRule({
    id: 'MV091',
    severity: 'error',
    title: 'IP pools belong to Spiderpool IPAM: a network with another IPAM takes no IpPool',
    check: checkMacvlanNetwork,
    example: {
      language: 'typescript',
      bad: "new MacvlanOverlayNetwork(chart, 'wb', {\n  master: 'bond0.100',\n  ipam: Ipam.whereabouts({ range: '172.16.100.0/24' }),\n  pools: [vlan100v4],   // never read by Whereabouts\n});\n",
      good: "new MacvlanOverlayNetwork(chart, 'wb', {\n  master: 'bond0.100',\n  ipam: Ipam.whereabouts({ range: '172.16.100.0/24', exclude: ['172.16.100.1/32'] }),\n});\n",
    },
  }),
  smcUnsupported: defineRule({
    id: 'MV092',
    severity: 'error',
    title: 'a network synthesized as a SpiderMultusConfig can only use what Spiderpool generates (bridge mode, Spiderpool IPAM)',
    check: checkMacvlanNetwork,
    example: {
      language: 'typescript',
      bad: "new MacvlanStandaloneNetwork(chart, 'n', {\n  master: 'bond0.100', pools: [vlan100v4],\n  source: NadSource.SPIDER_MULTUS_CONFIG,\n  mode: MacvlanMode.PASSTHRU,   // Spiderpool always generates bridge\n});\n",
      good: "new MacvlanStandaloneNetwork(chart, 'n', {\n  master: 'bond0.100', pools: [vlan100v4],\n  mode: MacvlanMode.PASSTHRU,   // written as a NetworkAttachmentDefinition\n});\n",
    },
  }),
  ifacerMaster: defineRule({
    id: 'MV093',
    severity: 'error',
    title: 'with Spiderpool ifacer the macvlan master is the interface ifacer creates (<bond or master>.<vlanID>)',
    check: checkMacvlanNetwork,
    example: {
      language: 'typescript',
      bad: "new MacvlanStandaloneNetwork(chart, 'n', {\n  master: 'bond0.100', pools: [vlan100v4], source: NadSource.SPIDER_MULTUS_CONFIG,\n  ifacer: { interfaces: ['ens224'], vlanId: 100 },   // creates ens224.100\n});\n",
      good: "new MacvlanStandaloneNetwork(chart, 'n', {\n  master: 'ens224.100', pools: [vlan100v4], source: NadSource.SPIDER_MULTUS_CONFIG,\n  ifacer: { interfaces: ['ens224'], vlanId: 100 },\n});\n",
    },
  }),
  nadOnlyCoordinatorOption: defineRule({
    id: 'MV098',
    severity: 'error',
    title: 'coordinator podCidrType is read by Spiderpool\'s controller: only a SpiderMultusConfig can carry it',
    check: checkMacvlanNetwork,
    example: {
      language: 'typescript',
      bad: "new MacvlanStandaloneNetwork(chart, 'n', {\n  master: 'bond0.100', pools: [vlan100v4],\n  helper: StandaloneHelperPlugin.coordinator({ podCidrType: CoordinatorPodCidrType.CALICO }),\n});\n",
      good: "new MacvlanStandaloneNetwork(chart, 'n', {\n  master: 'bond0.100', pools: [vlan100v4], source: NadSource.SPIDER_MULTUS_CONFIG,\n  helper: StandaloneHelperPlugin.coordinator({ podCidrType: CoordinatorPodCidrType.CALICO }),\n});\n",
    },
  }),
} as const;
