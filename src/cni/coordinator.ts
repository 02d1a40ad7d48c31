import { CoordinatorOptions } from './coordinator-options';

/** Internal: which side of the pod the macvlan NIC is on. */
export type CoordinatorMode = 'underlay' | 'overlay';

/**
 * Each typed option with its key in the coordinator's CNI config and in SpiderMultusConfig `spec.coordinator`
 * (the CRD), in the order both are written. One table, so the two spellings cannot drift apart.
 */
const OPTION_KEYS: ReadonlyArray<readonly [keyof CoordinatorOptions, string | undefined, string]> = [
  // Spiderpool's controller reads podCIDRType to fill the plugin's overlayPodCIDR/serviceCIDR: it is no CNI key.
  ['podCidrType', undefined, 'podCIDRType'],
  ['tunePodRoutes', 'tunePodRoutes', 'tunePodRoutes'],
  ['podDefaultRouteNic', 'podDefaultRouteNic', 'podDefaultRouteNIC'],
  ['podMacPrefix', 'podMACPrefix', 'podMACPrefix'],
  ['hijackCidrs', 'hijackCIDR', 'hijackCIDR'],
  ['hostRuleTable', 'hostRuleTable', 'hostRuleTable'],
  ['podRpFilter', 'podRPFilter', 'podRPFilter'],
  ['txQueueLen', 'txQueueLen', 'txQueueLen'],
];

function writeOptions(out: Record<string, unknown>, options: CoordinatorOptions, column: 1 | 2): Record<string, unknown> {
  for (const row of OPTION_KEYS) {
    const value = options[row[0]];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const key = row[column];
    if (key !== undefined) out[key] = Array.isArray(value) ? [...value] : value;
  }
  return out;
}

/** Renders the coordinator plugin in a fixed key order. */
export function coordinatorPlugin(mode: CoordinatorMode, options: CoordinatorOptions = {}): Record<string, unknown> {
  return writeOptions({ type: 'coordinator', mode }, options, 1);
}

/** The same options as SpiderMultusConfig `spec.coordinator` spells them (CRD field names), in a fixed order. */
export function coordinatorSpec(mode: CoordinatorMode, options: CoordinatorOptions = {}): Record<string, unknown> {
  return writeOptions({ mode }, options, 2);
}

/** The coordinator CNI plugin Spiderpool generates from a SpiderMultusConfig `spec.coordinator` (CRD names to CNI keys). */
export function coordinatorPluginFromSpec(spec: Record<string, any> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'coordinator' };
  if (spec.mode !== undefined) out.mode = spec.mode;
  const cniKey = new Map(OPTION_KEYS.map(([, cni, crd]) => [crd, cni]));
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'mode' || v === undefined) continue;
    if (cniKey.has(k) && cniKey.get(k) === undefined) continue; // consumed by the controller
    out[cniKey.get(k) ?? k] = v;
  }
  return out;
}
