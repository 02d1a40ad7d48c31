/** Spiderpool IPAM for a CNI plugin: the NAD-level default pools per family. */
export interface SpiderpoolIpamModel {
  readonly ipv4Pools: readonly string[];
  readonly ipv6Pools: readonly string[];
}

/** Renders `{"type":"spiderpool","default_ipv4_ippool":[...],"default_ipv6_ippool":[...]}` (empty families omitted). */
export function spiderpoolIpam(model: SpiderpoolIpamModel): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'spiderpool' };
  if (model.ipv4Pools.length > 0) out.default_ipv4_ippool = [...model.ipv4Pools];
  if (model.ipv6Pools.length > 0) out.default_ipv6_ippool = [...model.ipv6Pools];
  return out;
}
