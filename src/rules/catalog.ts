/**
 * The rules catalog: every rule of the library, by key. Each rule is defined once, in `./definitions/`,
 * with its id, severity, title, the name of the function that checks it and its examples. Ids are stable: never
 * renumber, only append. docs/rules.md is rendered from here.
 */
import { ADDRESS_RULES } from './definitions/addresses';
import { SCHEMA_RULES } from './definitions/crd-schema';
import { FABRIC_RULES } from './definitions/fabric';
import { NETWORK_RULES } from './definitions/macvlan-network';
import { MANIFEST_SHAPE_RULES } from './definitions/manifest-shape';
import { SMC_RULES } from './definitions/multus-config';
import { NAD_RULES } from './definitions/network-attachment';
import { NMSTATE_RULES } from './definitions/nmstate';
import { OBJECT_RULES } from './definitions/objects';
import { PARITY_RULES } from './definitions/parity';
import { POD_RULES } from './definitions/pod';
import { ANNOTATION_RULES } from './definitions/pod-annotations';
import { POOL_RULES } from './definitions/pool';
import { SWITCH_RULES } from './definitions/switches';
import { TOPOLOGY_RULES } from './definitions/topology';
import { WORKLOAD_RULES } from './definitions/workloads';

import { RuleInfo } from './rule';

export * from './rule';

// (built once, at load: the hidden-class concern of the spread rule does not apply)
/* eslint-disable no-restricted-syntax */
export const RULES = {
  ...POOL_RULES,
  ...NAD_RULES,
  ...SMC_RULES,
  ...POD_RULES,
  ...ANNOTATION_RULES,
  ...NMSTATE_RULES,
  ...TOPOLOGY_RULES,
  ...NETWORK_RULES,
  ...OBJECT_RULES,
  ...WORKLOAD_RULES,
  ...FABRIC_RULES,
  ...MANIFEST_SHAPE_RULES,
  ...SCHEMA_RULES,
  ...PARITY_RULES,
  ...SWITCH_RULES,
  ...ADDRESS_RULES,
} as const;
/* eslint-enable no-restricted-syntax */

/** The NodeNetworkConfigurationPolicy rules (VlanTopology decides them from its props). */
export const NODE_NETWORK_POLICY_RULES: readonly RuleInfo[] = Object.values(NMSTATE_RULES);

/**
 * The rules that read where a workload's pods may run (nodeSelector, node affinity, nodeName). Synth-time
 * validation builds a workload's object from its network set without rendering the workload, so these are
 * `lint`'s alone for the library's workloads (ARCHITECTURE.md, "What synth does not see").
 */
export const PLACEMENT_RULES: readonly RuleInfo[] = [
  WORKLOAD_RULES.placementHostInterface, WORKLOAD_RULES.placementPool, WORKLOAD_RULES.masterIsBondPort,
];
