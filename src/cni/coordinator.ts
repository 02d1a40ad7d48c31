import { CoordinatorOptions } from './coordinator-options';

/** Internal: which side of the pod the macvlan NIC is on. */
export type CoordinatorMode = 'underlay' | 'overlay';

/** Renders the coordinator plugin in a fixed key order. */
export function coordinatorPlugin(mode: CoordinatorMode, options: CoordinatorOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'coordinator', mode };
  if (options.tunePodRoutes !== undefined) out.tunePodRoutes = options.tunePodRoutes;
  if (options.podDefaultRouteNic !== undefined) out.podDefaultRouteNic = options.podDefaultRouteNic;
  if (options.podMacPrefix !== undefined) out.podMACPrefix = options.podMacPrefix;
  if (options.hijackCidrs !== undefined && options.hijackCidrs.length > 0) out.hijackCIDR = [...options.hijackCidrs];
  if (options.hostRuleTable !== undefined) out.hostRuleTable = options.hostRuleTable;
  if (options.podRpFilter !== undefined) out.podRPFilter = options.podRpFilter;
  if (options.txQueueLen !== undefined) out.txQueueLen = options.txQueueLen;
  return out;
}
