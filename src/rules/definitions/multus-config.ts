/** SpiderMultusConfig rules. */
import type * as MultusConfigChecks from '../multus-config';
import { checkOf, defineRule } from '../rule';
import { smc } from './yaml';

const checkSpiderMultusConfig = checkOf<typeof MultusConfigChecks>('checkSpiderMultusConfig');

export const SMC_RULES = {
  smcMaster: defineRule({
    id: 'MV053',
    severity: 'error',
    title: 'SpiderMultusConfig macvlan.master must list at least one host interface; two or more need a bond',
    check: checkSpiderMultusConfig,
    example: {
      bad: smc('cniType: macvlan\nmacvlan:\n  master: [ens224, ens256]\n  vlanID: 100'),
      good: smc('cniType: macvlan\nmacvlan:\n  master: [ens224, ens256]\n  vlanID: 100\n  bond:\n    name: bond0\n    mode: 1'),
    },
  }),
  smcBond: defineRule({
    id: 'MV054',
    severity: 'error',
    title: 'SpiderMultusConfig macvlan.bond needs a valid interface name and a mode 0-6',
    check: checkSpiderMultusConfig,
    example: {
      bad: smc('cniType: macvlan\nmacvlan:\n  master: [ens224, ens256]\n  bond:\n    name: bond0\n    mode: 7'),
      good: smc('cniType: macvlan\nmacvlan:\n  master: [ens224, ens256]\n  bond:\n    name: bond0\n    mode: 4\n    options: miimon=100'),
    },
  }),
  smcVlanId: defineRule({
    id: 'MV055',
    severity: 'error',
    title: 'SpiderMultusConfig macvlan.vlanID must be an integer 0-4094',
    check: checkSpiderMultusConfig,
    example: { bad: smc('cniType: macvlan\nmacvlan:\n  master: [bond0]\n  vlanID: 4095'), good: smc('cniType: macvlan\nmacvlan:\n  master: [bond0]\n  vlanID: 100') },
  }),
  smcChainCni: defineRule({
    id: 'MV057',
    severity: 'error',
    title: 'SpiderMultusConfig chainCNIJsonData entries must be JSON objects with a type',
    check: checkSpiderMultusConfig,
    example: {
      bad: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]\nchainCNIJsonData:\n  - \'{"sysctl": {"net.ipv4.conf.all.arp_notify": "1"}}\''),
      good: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]\nchainCNIJsonData:\n  - \'{"type": "tuning", "sysctl": {"net.ipv4.conf.all.arp_notify": "1"}}\''),
    },
  }),
  smcCniBlocks: defineRule({
    id: 'MV058',
    severity: 'error',
    title: 'a SpiderMultusConfig carries the CNI block of its cniType and no other (an omitted cniType is custom)',
    check: checkSpiderMultusConfig,
    example: {
      bad: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]\nipvlan:\n  master: [bond0.100]'),
      good: smc('cniType: macvlan\nmacvlan:\n  master: [bond0.100]'),
    },
  }),
} as const;
