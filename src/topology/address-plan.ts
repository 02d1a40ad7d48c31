/**
 * Internal: decides which IPs each offer's pool of a VLAN gets (the plan itself is parsed and checked by
 * `checkVlanAddressPlans` in src/rules/topology.ts).
 */
import { IpRange, RangeSet, formatRangeSet } from '../net';
import { ParsedFamily, VlanOffer, defaultPoolRange } from '../rules';
import { VlanSubnetProps } from './vlan';

/** The ips each pool of one family gets (undefined: let IpPool derive them). */
export interface PoolIps {
  readonly standalone?: string[];
  readonly overlay?: string[];
}

/**
 * The ips of each pool. One offer: its own list, or `ips`, or nothing (IpPool derives its default range:
 * every host address but the gateway, for IPv6 the first 65535). BOTH: the given lists; a missing one gets what the other leaves of the VLAN's
 * allocatable addresses; neither given: the allocatable addresses split in two halves, standalone first.
 * `kept` (reserved, switch and node addresses) is taken out of every derived list, never out of a pool's own
 * list (`standaloneIps` / `overlayIps`: the rules report what they include).
 */
export function poolIps(parsed: ParsedFamily<VlanSubnetProps>, offer: VlanOffer, kept?: RangeSet): PoolIps {
  const p = parsed.props;
  const fam = parsed.family;
  const keep = kept && kept.family === fam && !kept.isEmpty ? kept : undefined;
  const allocatable = () => {
    const all = p.ips !== undefined
      ? RangeSet.parse(fam, p.ips)
      : RangeSet.of(fam, [defaultPoolRange(parsed.cidr)]).subtract(RangeSet.of(fam, [IpRange.of(parsed.gateway, parsed.gateway)]));
    const base = all.subtract(RangeSet.parse(fam, p.excludeIps ?? []));
    return keep ? base.subtract(keep) : base;
  };
  // one offer: its own list, else `ips` (IpPool derives the default range), both without the kept addresses
  // (derived lists formatted with formatRangeSet: the pools then hand the set to the rules instead of the texts to parse)
  const single = () => (keep ? formatRangeSet(allocatable()) : p.ips);
  if (offer === VlanOffer.STANDALONE) return { standalone: p.standaloneIps ?? single() };
  if (offer === VlanOffer.OVERLAY) return { overlay: p.overlayIps ?? single() };
  if (p.standaloneIps !== undefined && p.overlayIps !== undefined) return { standalone: p.standaloneIps, overlay: p.overlayIps };

  const base = allocatable();
  if (p.standaloneIps !== undefined) {
    return { standalone: p.standaloneIps, overlay: formatRangeSet(base.subtract(RangeSet.parse(fam, p.standaloneIps))) };
  }
  if (p.overlayIps !== undefined) {
    return { standalone: formatRangeSet(base.subtract(RangeSet.parse(fam, p.overlayIps))), overlay: p.overlayIps };
  }
  const [first, second] = splitAt(base, (base.size + 1n) / 2n);
  return { standalone: formatRangeSet(first), overlay: formatRangeSet(second) };
}

/** The first `count` addresses of `set` (in address order) and the rest. */
export function splitAt(set: RangeSet, count: bigint): [RangeSet, RangeSet] {
  const head: IpRange[] = [];
  const tail: IpRange[] = [];
  let left = count;
  for (const r of set.ranges) {
    if (left <= 0n) {
      tail.push(r);
    } else if (r.size <= left) {
      head.push(r);
      left -= r.size;
    } else {
      head.push(IpRange.fromBigInt(set.family, r.start, r.start + left - 1n));
      tail.push(IpRange.fromBigInt(set.family, r.start + left, r.end));
      left = 0n;
    }
  }
  return [RangeSet.of(set.family, head), RangeSet.of(set.family, tail)];
}
