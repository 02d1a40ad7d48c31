/** What kubectl needs of every document before any other rule applies (cli range MV150-MV159). */
import type * as ObjectShapeChecks from '../object-shape';
import { checkOf, defineRule } from '../rule';
import { nad } from './yaml';

const checkObjectShape = checkOf<typeof ObjectShapeChecks>('checkObjectShape');

const MACVLAN = { cniVersion: '0.3.1', name: 'macvlan-vlan100', type: 'macvlan', master: 'bond0.100', mode: 'bridge', ipam: {} };

export const MANIFEST_SHAPE_RULES = {
  objectShape: defineRule({
    id: 'MV150',
    severity: 'error',
    title: 'every document (and List item) must be a Kubernetes object: a mapping with string apiVersion and kind',
    check: checkObjectShape,
    example: {
      bad: 'vlan100\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: vlan100\n',
      good: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: vlan100\n',
    },
  }),
  objectMeta: defineRule({
    id: 'MV151',
    severity: 'error',
    title: 'metadata must have ObjectMeta\'s types: a name, string namespace (a DNS-1123 label), labels and annotations mapping to strings',
    check: checkObjectShape,
    example: {
      bad: nad('macvlan-vlan100', MACVLAN, '100'),
      good: nad('macvlan-vlan100', MACVLAN, '"100"'),
    },
  }),
} as const;
