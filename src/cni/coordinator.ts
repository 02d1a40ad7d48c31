import { CoordinatorOptions } from './coordinator-options';

/** Internal: which side of the pod the macvlan NIC is on. */
export type CoordinatorMode = 'underlay' | 'overlay';

/** Renders the coordinator plugin in a fixed key order. */
export function coordinatorPlugin(mode: CoordinatorMode, options: CoordinatorOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'coordinator', mode };
  if (options.podCidrType !== undefined) out.podCIDRType = options.podCidrType;
  if (options.tunePodRoutes !== undefined) out.tunePodRoutes = options.tunePodRoutes;
  if (options.podDefaultRouteNic !== undefined) out.podDefaultRouteNic = options.podDefaultRouteNic;
  if (options.podMacPrefix !== undefined) out.podMACPrefix = options.podMacPrefix;
  if (options.hijackCidrs !== undefined && options.hijackCidrs.length > 0) out.hijackCIDR = [...options.hijackCidrs];
  if (options.hostRuleTable !== undefined) out.hostRuleTable = options.hostRuleTable;
  if (options.podRpFilter !== undefined) out.podRPFilter = options.podRpFilter;
  if (options.txQueueLen !== undefined) out.txQueueLen = options.txQueueLen;
  return out;
}

/**
 * The same options as SpiderMultusConfig `spec.coordinator` spells them (CRD field names), in a fixed order.
 */
export function coordinatorSpec(mode: CoordinatorMode, options: CoordinatorOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { mode };
  if (options.podCidrType !== undefined) out.podCIDRType = options.podCidrType;
  if (options.tunePodRoutes !== undefined) out.tunePodRoutes = options.tunePodRoutes;
  if (options.podDefaultRouteNic !== undefined) out.podDefaultRouteNIC = options.podDefaultRouteNic;
  if (options.podMacPrefix !== undefined) out.podMACPrefix = options.podMacPrefix;
  if (options.hijackCidrs !== undefined && options.hijackCidrs.length > 0) out.hijackCIDR = [...options.hijackCidrs];
  if (options.hostRuleTable !== undefined) out.hostRuleTable = options.hostRuleTable;
  if (options.podRpFilter !== undefined) out.podRPFilter = options.podRpFilter;
  if (options.txQueueLen !== undefined) out.txQueueLen = options.txQueueLen;
  return out;
}

/** The coordinator CNI plugin Spiderpool generates from a SpiderMultusConfig `spec.coordinator` (CRD names to CNI keys). */
export function coordinatorPluginFromSpec(spec: Record<string, any> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'coordinator' };
  if (spec.mode !== undefined) out.mode = spec.mode;
  const rename: Record<string, string> = { podDefaultRouteNIC: 'podDefaultRouteNic' };
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'mode' || v === undefined) continue;
    out[rename[k] ?? k] = v;
  }
  return out;
}
