/** Custom resources against their vendored upstream CRD schema (crds/, pruned into ../crd-schemas.generated.ts): MV160-MV169. */
import type * as CrdSchemaChecks from '../crd-schema';
import { checkOf, defineRule } from '../rule';
import { pool } from './yaml';

const checkCrdSchema = checkOf<typeof CrdSchemaChecks>('checkCrdSchema');

export const SCHEMA_RULES = {
  crdSchema: defineRule({
    id: 'MV160',
    severity: 'error',
    title: 'a custom resource must match its upstream CRD schema: known fields only, the declared types, the required fields, the enum values',
    check: checkCrdSchema,
    example: {
      bad: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.200]\nexcludeIps: [172.16.100.100]\ngateway: 172.16.100.1\ndefault: "false"'),
      good: pool('vlan100-v4', 'subnet: 172.16.100.0/24\nips: [172.16.100.10-172.16.100.200]\nexcludeIPs: [172.16.100.100]\ngateway: 172.16.100.1\ndefault: false'),
    },
  }),
} as const;
