/** Rules across every object of a manifest set or app. */
import type * as ObjectsChecks from '../objects';
import { checkOf, defineRule } from '../rule';
import { V4, docs, pool } from './yaml';

const checkDuplicateObjects = checkOf<typeof ObjectsChecks>('checkDuplicateObjects');

export const OBJECT_RULES = {
  duplicateObject: defineRule({
    id: 'MV097',
    severity: 'error',
    title: 'two objects of one kind must not share a name (and namespace): the second overwrites the first',
    check: checkDuplicateObjects,
    example: {
      bad: docs(pool('vlan100-v4', V4), pool('vlan100-v4', 'subnet: 172.16.200.0/24\nips: [172.16.200.10-172.16.200.200]\ngateway: 172.16.200.1')),
      good: docs(pool('vlan100-v4', V4), pool('vlan200-v4', 'subnet: 172.16.200.0/24\nips: [172.16.200.10-172.16.200.200]\ngateway: 172.16.200.1')),
    },
  }),
} as const;
