import { Finding, RULES, RuleInfo, finding } from './catalog';
import { checkLabelSelector } from './label-selector';
// (from the modules themselves, not the net index: a call through the index's re-export is a getter call per use)
import { IpAddress, IpFamily } from '../net/address';
import { Cidr } from '../net/cidr';
import { checkDns1123Label, checkDns1123Subdomain, isNamespacedName } from '../net/names';
import { Interval, IpRange, RangeSet, lowestRankedOverlaps, sameItems } from '../net/range';

/** Largest pool Spiderpool can handle: it enumerates every address of a pool (2^20). */
export const MAX_POOL_ADDRESSES = 2n ** 20n;

/** Largest default range: 65535 addresses. */
const DEFAULT_SPAN = 0xffffn;

/**
 * The addresses a pool gets when the user lists none: the subnet's hosts, at most the first 65535 of them
 * (after the subnet-router anycast address for IPv6), since Spiderpool enumerates every address of a pool.
 */
export function defaultPoolRange(cidr: Cidr): IpRange {
  const hosts = cidr.hostRange();
  if (hosts.end - hosts.start < DEFAULT_SPAN) return hosts;
  return IpRange.fromBigInt(cidr.family, hosts.start, hosts.start + DEFAULT_SPAN - 1n);
}

/** The plain shape of a SpiderIPPool manifest that the rules read (extra fields are ignored). */
export interface PlainIpPool {
  readonly metadata?: { readonly name?: string };
  readonly spec?: {
    readonly ipVersion?: number;
    readonly subnet?: string;
    readonly ips?: readonly string[];
    readonly excludeIPs?: readonly string[];
    readonly gateway?: string;
    readonly routes?: ReadonlyArray<{ readonly dst?: string; readonly gw?: string }>;
    readonly podAffinity?: unknown;
    readonly multusName?: unknown;
    readonly vlan?: unknown;
  };
}

/** What a pool's address plan parses to; undefined parts failed to parse. */
export interface ParsedPool {
  readonly name: string;
  readonly subnet?: Cidr;
  /** Allocatable addresses: ips minus excludeIPs. */
  readonly allocatable?: RangeSet;
  /** The gateway, when it is an IP address. */
  readonly gateway?: IpAddress;
}

/**
 * Where the library's own SpiderIPPool spec carries its address plan already parsed (a {@link CarriedPoolPlan}): the
 * pool parsed its subnet when it was made, and a topology hands its pools the range sets it formatted their ips from;
 * the pool check then takes those instead of parsing the texts again, while the spec still holds the very texts they
 * came from. Not a global symbol: only the library sets it, never a manifest; non-enumerable on the spec, so nothing
 * that copies or writes objects sees it.
 */
export const POOL_PLAN: unique symbol = Symbol('cdk8s-macvlan.pool-plan');

/** What a SpiderIPPool spec made by the library carries ({@link POOL_PLAN}); the rules only read it. */
export class CarriedPoolPlan {
  /** @internal */
  constructor(
    /** The subnet text the spec was made with, and what it parses to (undefined: parsed by the check). */
    public readonly subnetText: string, public readonly subnet: Cidr | undefined,
    /** The spec's ips list, the texts it was made with (a copy), and the set they format (undefined: parsed by the check). */
    public readonly ipsList: unknown, public readonly ipsTexts: readonly string[], public readonly ips: RangeSet | undefined,
    /** The same of the spec's excludeIPs (the pool's derived exclusion of its gateway). */
    public readonly excludeList: unknown, public readonly excludeTexts: readonly string[], public readonly excluded: RangeSet | undefined,
    /** The gateway text the spec was made with and the address it parses to (not for a text starting with ":"). */
    public readonly gatewayText: string | undefined, public readonly gateway: IpAddress | undefined,
  ) {}
}

/** Smallest IPv6 value whose first group is not 0: the canonical text of every address from it on starts with a digit. */
const V6_FIRST_GROUP_SET = 2n ** 112n;

/** The plan a pool's spec carries, if any. */
function carriedPlan(spec: object): CarriedPoolPlan | undefined {
  const carried = (spec as { [POOL_PLAN]?: unknown })[POOL_PLAN];
  return carried instanceof CarriedPoolPlan ? carried : undefined;
}

/**
 * Whether the carried set is what {@link parseRanges} gives for `list` with no finding: the list is the one the spec
 * was made with and holds the very texts the set was formatted to, the set is of the pool's family, not empty, inside
 * the subnet, and no text is in the IPv4-mapped spelling (an IPv6 text starting with ":", which parseRanges reads
 * apart; an IPv4 text never does).
 */
function holdsCarriedIps(c: CarriedPoolPlan, list: unknown, family: IpFamily | undefined, subnet: Cidr | undefined): boolean {
  const set = c.ips;
  if (set === undefined || list !== c.ipsList || !carriedFits(set, family, subnet)) return false;
  if (family === 6 && set.ranges[0].start < V6_FIRST_GROUP_SET) return false;
  return sameItems(list as readonly unknown[], c.ipsTexts);
}

/** {@link holdsCarriedIps} for excludeIPs (whose texts were made not starting with ":"). */
function holdsCarriedExcluded(c: CarriedPoolPlan, list: unknown, family: IpFamily | undefined, subnet: Cidr | undefined): boolean {
  const set = c.excluded;
  return set !== undefined && list === c.excludeList && carriedFits(set, family, subnet) && sameItems(list as readonly unknown[], c.excludeTexts);
}

/** Whether a carried set is of the pool's family, not empty and inside its subnet. */
function carriedFits(set: RangeSet, family: IpFamily | undefined, subnet: Cidr | undefined): boolean {
  return family !== undefined && subnet !== undefined && set.family === family && !set.isEmpty && set.within(subnet);
}

/**
 * Checks one SpiderIPPool against Spiderpool's admission rules (what its webhook would reject), without
 * a cluster. Returns every problem found, never throws.
 */
export function checkIpPool(pool: PlainIpPool): { findings: Finding[]; parsed: ParsedPool } {
  const out: Finding[] = [];
  const name = typeof pool.metadata?.name === 'string' ? pool.metadata.name : '';
  const spec: NonNullable<PlainIpPool['spec']> = isPlainObject(pool.spec) ? pool.spec : {};

  const nameProblem = checkDns1123Subdomain(name);
  if (nameProblem) {
    out.push(finding(RULES.poolName, 'metadata.name', `"${name}" ${nameProblem}`,
      'use lower-case letters, digits, "-" and "." (for example "vlan100-v4")'));
  }

  // (the library's own pool carries its parsed plan: taken where the spec still holds what it was parsed from)
  const carried = carriedPlan(spec);
  let subnet: Cidr | undefined;
  if (spec.subnet !== undefined && typeof spec.subnet !== 'string') {
    out.push(finding(RULES.poolSubnet, 'spec.subnet', `${describe(spec.subnet)} is not a string`, 'give the subnet in CIDR form, for example "10.6.0.0/16"'));
  } else if (carried?.subnet !== undefined && spec.subnet === carried.subnetText) {
    subnet = carried.subnet;
  } else {
    try {
      subnet = Cidr.parse(spec.subnet ?? '');
    } catch (e) {
      out.push(finding(RULES.poolSubnet, 'spec.subnet', (e as Error).message, 'give the subnet in CIDR form, for example "10.6.0.0/16"'));
    }
  }
  // Go reads "::ffff:a.b.c.d/p" (p >= 96) as the IPv4 subnet a.b.c.d/(p - 96), and Spiderpool refuses the spelling
  const mappedSubnet = typeof spec.subnet === 'string' && startsWithColon(spec.subnet) ? /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,3})$/i.exec(spec.subnet) : null;
  if (subnet && mappedSubnet && Number(mappedSubnet[2]) >= 96) {
    const v4 = Cidr.tryParse(`${mappedSubnet[1]}/${Number(mappedSubnet[2]) - 96}`);
    if (v4) {
      out.push(finding(RULES.poolSubnet, 'spec.subnet',
        `"${spec.subnet}" is an IPv4-mapped IPv6 spelling: Go reads it as the IPv4 subnet ${v4.toString()}, and Spiderpool refuses the spelling ("unformatted subnet")`,
        `write "${v4.toString()}"`));
      subnet = v4.isCanonical ? v4 : undefined;
    }
  }
  // the family is the subnet's even when the subnet itself is refused (host bits)
  const subnetFamily: IpFamily | undefined = subnet?.family;
  if (mappedSubnet && subnet) {
    // reported above
  } else if (subnet && !subnet.isCanonical) {
    out.push(finding(RULES.poolSubnet, 'spec.subnet',
      `"${spec.subnet}" has host bits set (Spiderpool only accepts the network address)`,
      `write "${subnet.toString()}"`));
    subnet = undefined;
  } else if (subnet && subnet.toString() !== spec.subnet) {
    // Spiderpool compares the subnet with Go's canonical text form ("unformatted subnet").
    out.push(finding(RULES.poolSubnet, 'spec.subnet', `"${spec.subnet}" is not written in canonical form`,
      `write "${subnet.toString()}" (lower case, shortest IPv6 form)`));
  }
  if (spec.ipVersion !== undefined && spec.ipVersion !== 4 && spec.ipVersion !== 6) {
    out.push(finding(RULES.poolIpVersion, 'spec.ipVersion', `ipVersion ${describe(spec.ipVersion)} is neither 4 nor 6`,
      subnet ? `set ipVersion to ${subnet.family}` : 'set ipVersion to 4 or 6 to match the subnet'));
  } else if (subnet && spec.ipVersion !== undefined && spec.ipVersion !== subnet.family) {
    out.push(finding(RULES.poolIpVersion, 'spec.ipVersion',
      `ipVersion is ${spec.ipVersion} but subnet ${subnet.toString()} is IPv${subnet.family}`, `set ipVersion to ${subnet.family}`));
  }
  // without a subnet (or with an unreadable one) and ipVersion, Spiderpool cannot tell the family and refuses the
  // pool for that (MV001): the addresses are then not checked against a family
  const family: IpFamily | undefined = subnetFamily ?? (spec.ipVersion === 6 || spec.ipVersion === 4 ? spec.ipVersion : undefined);

  const ipTexts = listField(spec.ips, 'spec.ips', RULES.poolIps, out);
  const ips = carried !== undefined && holdsCarriedIps(carried, spec.ips, family, subnet) ? carried.ips : parseRanges(ipTexts, 'spec.ips', RULES.poolIps, family, subnet, out);
  const excludeTexts = listField(spec.excludeIPs, 'spec.excludeIPs', RULES.poolExcludeIps, out);
  const excluded = carried !== undefined && holdsCarriedExcluded(carried, spec.excludeIPs, family, subnet) ? carried.excluded
    : parseRanges(excludeTexts, 'spec.excludeIPs', RULES.poolExcludeIps, family, subnet, out);
  let allocatable: RangeSet | undefined;
  if (ips && excluded) {
    allocatable = ips.subtract(excluded);
    // the enumeration limit first: Spiderpool's webhook lists the addresses of ips and of excludeIPs before it
    // looks at what is left, so a pool over it is refused even when nothing would be left
    if (ips.size > MAX_POOL_ADDRESSES) {
      // counted before excludeIPs: Spiderpool's webhook enumerates the listed ips, then removes the excluded ones
      out.push(finding(RULES.poolTooLarge, 'spec.ips',
        `the pool holds ${ips.size} addresses${allocatable.size < ips.size ? ` (${allocatable.size} after excludeIPs)` : ''}; Spiderpool lists every address of a pool, so its webhook and controller cannot handle more than about ${MAX_POOL_ADDRESSES}`,
        'list a smaller range in ips (an IPv6 /64 has room for many pools of 65536 addresses)'));
    } else if (excluded.size > MAX_POOL_ADDRESSES) {
      // Spiderpool's mutating webhook enumerates excludeIPs like ips (MergeIPRanges), and times out or runs out of memory
      out.push(finding(RULES.poolTooLarge, 'spec.excludeIPs',
        `excludeIPs cover ${excluded.size} addresses; Spiderpool lists every excluded address too, so its webhook cannot handle more than about ${MAX_POOL_ADDRESSES}`,
        'shrink ips instead of excluding most of them'));
    } else if (subnet && allocatable.isEmpty) {
      out.push(finding(RULES.poolEmpty, 'spec.ips',
        !Array.isArray(spec.ips) || spec.ips.length === 0 ? 'the pool lists no ips, so it has no usable address' : 'every address in ips is excluded by excludeIPs',
        `list allocatable addresses inside ${subnet.toString()} in ips`));
    }
  }

  let gateway: IpAddress | undefined;
  if (spec.gateway !== undefined && spec.gateway !== null) {
    const gw = typeof spec.gateway !== 'string' ? undefined
      : carried?.gateway !== undefined && spec.gateway === carried.gatewayText ? carried.gateway : goAddress(spec.gateway, 'spec.gateway', subnet, out);
    gateway = gw;
    if (!gw) {
      out.push(finding(RULES.poolGateway, 'spec.gateway', `${describe(spec.gateway)} is not an IP address`, 'give the gateway as a plain IP, e.g. "10.6.0.1"'));
    } else if (subnet && !subnet.contains(gw)) {
      out.push(finding(RULES.poolGateway, 'spec.gateway', `gateway ${spec.gateway}${gw.toString() !== spec.gateway ? ` (Go reads it as ${gw.toString()})` : ''} is outside subnet ${subnet.toString()}`,
        `use the router address of ${subnet.toString()} (the switch VLANIF)`));
    } else if (ips && excluded && ips.contains(gw) && !excluded.contains(gw)) {
      out.push(finding(RULES.poolGatewayAllocatable, 'spec.gateway',
        `gateway ${spec.gateway} is inside ips and could be handed to a pod`,
        `add "${spec.gateway}" to excludeIPs or take it out of ips`));
    }
  }

  let seen: Map<string, number> | undefined;
  const routes = listField(spec.routes, 'spec.routes', RULES.poolRouteGateway, out) as ReadonlyArray<any>;
  for (let i = 0; i < routes.length; i++) {
    if (!(i in routes)) continue; // (as forEach: holes skipped)
    const rawRoute = routes[i];
    const field = `spec.routes[${i}]`;
    const route: { dst?: string; gw?: string } = isPlainObject(rawRoute) ? rawRoute : {};
    const dst = typeof route.dst === 'string' ? Cidr.tryParse(route.dst) : undefined;
    if (!dst) {
      out.push(finding(RULES.poolRouteGateway, `${field}.dst`, `${describe(route.dst ?? '')} is not a CIDR`, 'write the destination as a CIDR, e.g. "10.7.0.0/16"'));
    } else {
      if (family !== undefined && dst.family !== family) {
        out.push(finding(RULES.poolRouteGateway, `${field}.dst`, `destination ${route.dst} is IPv${dst.family} but the pool is IPv${family}`,
          `route IPv${dst.family} destinations from an IPv${dst.family} pool`));
      }
      if (dst.prefix === 0) {
        out.push(finding(RULES.poolDefaultRoute, `${field}.dst`, `"${route.dst}" is a default route`,
          'remove it and set the pool\'s gateway instead (Spiderpool derives the default route from it)'));
      }
      const key = dst.toString();
      const first = (seen ??= new Map()).get(key);
      if (first !== undefined) {
        out.push(finding(RULES.poolDuplicateRoute, `${field}.dst`, `destination ${key} is already routed by spec.routes[${first}]`, 'keep one route per destination'));
      } else {
        seen.set(key, i);
      }
    }
    const gw = typeof route.gw === 'string' ? goAddress(route.gw, `${field}.gw`, subnet, out) : undefined;
    if (!gw) {
      out.push(finding(RULES.poolRouteGateway, `${field}.gw`, `${describe(route.gw ?? '')} is not an IP address`, 'give the next hop as a plain IP inside the subnet'));
    } else if (subnet && !subnet.contains(gw)) {
      out.push(finding(RULES.poolRouteGateway, `${field}.gw`, `next hop ${route.gw}${gw.toString() !== route.gw ? ` (Go reads it as ${gw.toString()})` : ''} is outside subnet ${subnet.toString()}`,
        `use a next hop inside ${subnet.toString()}`));
    }
  }

  checkPoolExtras(spec, out);
  // What Spiderpool's overlap check sees of a pool refused here for a reversed range (it admits such a pool): a
  // reversed ips range with its ends swapped, a reversed excludeIPs range excluding nothing (as measured against
  // its webhook); other entries that do not parse are left out.
  if (!allocatable && family !== undefined && subnet) {
    const lenient = (list: unknown, swap: boolean) => RangeSet.of(family, (Array.isArray(list) ? list : []).flatMap((t: unknown) => {
      if (typeof t !== 'string') return [];
      const ends = t.split('-').map(e => IpAddress.tryParse(e));
      const reversed = swap && ends.length === 2 && ends[0] && ends[1] && ends[0].family === ends[1].family && ends[0].value > ends[1].value;
      const r = IpRange.tryParse(reversed ? `${ends[1]!.toString()}-${ends[0]!.toString()}` : t);
      return r && r.family === family && subnet.containsRange(r) ? [r] : [];
    }));
    allocatable = lenient(spec.ips, true).subtract(lenient(spec.excludeIPs, false));
  }
  return { findings: out, parsed: { name, subnet, allocatable, gateway } };
}

/** podAffinity, multusName and removed fields. */
function checkPoolExtras(spec: NonNullable<PlainIpPool['spec']>, out: Finding[]): void {
  if (spec.podAffinity !== undefined && spec.podAffinity !== null) {
    const a = spec.podAffinity as any;
    const labels = isPlainObject(a) && isPlainObject(a.matchLabels) ? Object.keys(a.matchLabels).length : 0;
    const exprs = isPlainObject(a) && Array.isArray(a.matchExpressions) ? a.matchExpressions.length : 0;
    if (!isPlainObject(a) || labels + exprs === 0) {
      out.push(finding(RULES.poolPodAffinity, 'spec.podAffinity', 'podAffinity is present but selects nothing (no matchLabels, no matchExpressions), so Spiderpool\'s webhook refuses the pool',
        'give it matchLabels or matchExpressions, or remove podAffinity to let every pod use the pool'));
    } else {
      checkLabelSelector(a, 'spec.podAffinity', 'Spiderpool\'s webhook refuses the pool', out);
    }
  }
  // (two plain reads, not a keyed read per key)
  const namespaceAffinity = (spec as any).namespaceAffinity;
  if (namespaceAffinity !== undefined && namespaceAffinity !== null) checkAffinity(namespaceAffinity, 'spec.namespaceAffinity', out);
  const nodeAffinity = (spec as any).nodeAffinity;
  if (nodeAffinity !== undefined && nodeAffinity !== null) checkAffinity(nodeAffinity, 'spec.nodeAffinity', out);
  if (spec.multusName !== undefined && spec.multusName !== null) {
    if (!Array.isArray(spec.multusName)) {
      out.push(finding(RULES.networkName, 'spec.multusName', `multusName ${describe(spec.multusName)} is not a list`,
        'write multusName as a list of "ns/name" strings'));
    } else {
      const refs: readonly unknown[] = spec.multusName;
      for (let i = 0; i < refs.length; i++) {
        if (!(i in refs)) continue; // (as forEach: holes skipped)
        const ref = refs[i];
        // the common case, "ns/name" with a valid namespace and name: nothing to report, nothing to split
        if (typeof ref === 'string' && isNamespacedName(ref)) continue;
        const field = `spec.multusName[${i}]`;
        if (typeof ref !== 'string') {
          out.push(finding(RULES.networkName, field, `${describe(ref)} is not a string`, 'write "ns/name" of a NetworkAttachmentDefinition'));
          continue;
        }
        // Spiderpool compares the entries with the NIC's "ns/name" at allocation: an entry that cannot name a NAD
        // matches no NIC (the webhook accepts it).
        const unusable = 'Spiderpool accepts it, but no network can match it, so this entry lets no NIC use the pool';
        const parts = ref.split('/');
        if (parts.length > 2) {
          out.push(finding(RULES.poolMultusNameUnusable, field, `"${ref}" has more than one "/": ${unusable}`, 'write "ns/name" of a NetworkAttachmentDefinition'));
          continue;
        }
        const nsProblem = parts.length === 2 ? checkDns1123Label(parts[0]) : undefined;
        const nameProblem = checkDns1123Subdomain(parts[parts.length - 1]);
        if (nsProblem || nameProblem) {
          const [what, problem] = nsProblem ? [`namespace "${parts[0]}"`, nsProblem] : [`name "${parts[parts.length - 1]}"`, nameProblem];
          out.push(finding(RULES.poolMultusNameUnusable, field, `${what} in "${ref}" ${problem}: ${unusable}`, 'write "ns/name" of an existing NetworkAttachmentDefinition'));
          continue;
        }
        if (parts.length === 1) {
          out.push(finding(RULES.poolMultusName, field, `"${ref}" has no namespace, so Spiderpool reads it in its own namespace`,
            `write "<namespace>/${ref}" (for example "kube-system/${ref}")`));
        }
      }
    }
  }
  if (spec.vlan !== undefined) {
    out.push(finding(RULES.removedField, 'spec.vlan', 'spec.vlan was removed in Spiderpool v1.0',
      'remove spec.vlan: the VLAN is the macvlan master (e.g. "bond0.100") or the SpiderMultusConfig vlanID'));
  }
}

/**
 * Pools filed by subnet as they come, for the overlap rules ({@link checkPoolOverlaps}) and the address rules
 * (`checkAddressConflicts`): a pass files each pool once, when it checks the pool, and both read the one index.
 */
export class PoolsBySubnet<P extends PoolForOverlap> {
  /** The pools of each subnet (by its canonical text), in input order. */
  public readonly bySubnet = new Map<string, P[]>();
  /** One interval per subnet, in the order the subnets first came; its key is the subnet's pools (the list in {@link bySubnet}). */
  public readonly distinct: Array<Interval<P[]>> = [];
  /** The prefix lengths of the subnets, by family (in the order they first came). */
  public readonly prefixes = new Map<IpFamily, Set<number>>();

  /** Files a pool under its subnet (a pool without one is not filed); a subnet's first pool adds the subnet. */
  public add(p: P): void {
    if (p.subnet === undefined) return;
    const key = p.subnet.toString();
    const list = this.bySubnet.get(key);
    if (list) {
      list.push(p);
      return;
    }
    const own = [p];
    this.bySubnet.set(key, own);
    this.distinct.push({ family: p.subnet.family, start: p.subnet.first, end: p.subnet.last, key: own });
    // (a subnet's prefix is known once its first pool is filed)
    let set = this.prefixes.get(p.subnet.family);
    if (!set) this.prefixes.set(p.subnet.family, (set = new Set()));
    set.add(p.subnet.prefix);
  }
}

/** True for a non-null, non-array object. */
export function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short rendering of any value for messages (bounded length). */
export function describe(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? typeof v;
  } catch {
    // Cycles, bigints or nesting too deep to render.
    text = Array.isArray(v) ? '(a deeply nested array)' : `(a ${typeof v})`;
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function checkAffinity(selector: unknown, field: string, out: Finding[]): void {
  checkLabelSelector(selector, field, 'Spiderpool accepts the pool, but fails the IP allocation of every pod that selects it', out);
}

/** Whether text starts with ":" (the IPv4-mapped spellings do: most text is refused by this before a regular expression). */
function startsWithColon(text: string): boolean {
  return text.charCodeAt(0) === 58;
}
const NO_ITEMS: readonly never[] = Object.freeze([]);

/** A list-valued field: the list, or [] with a finding when it is not a list. */
function listField(value: unknown, field: string, rule: RuleInfo, out: Finding[]): readonly any[] {
  if (value === undefined || value === null) return NO_ITEMS;
  if (Array.isArray(value)) return value;
  out.push(finding(rule, field, `${describe(value)} is not a list`, `write ${field.split('.').pop()} as a YAML list`));
  return NO_ITEMS;
}

function parseRanges(texts: readonly string[], field: string, rule: typeof RULES.poolIps, family: IpFamily | undefined,
  subnet: Cidr | undefined, out: Finding[]): RangeSet | undefined {
  // (no texts, the common excludeIPs: the shared empty set, no list)
  if (texts.length === 0) return family !== undefined ? RangeSet.empty(family) : undefined;
  const ranges: IpRange[] = [];
  let ok = true;
  for (let i = 0; i < texts.length; i++) {
    if (!(i in texts)) continue; // (as forEach: holes skipped)
    const text = texts[i];
    let r: IpRange;
    if (typeof text !== 'string') {
      ok = false;
      out.push(finding(rule, `${field}[${i}]`, `${describe(text)} is not a string`, 'write one IP or a range "a-b" as a string'));
      continue;
    }
    const mapped = family === 4 && startsWithColon(text) && /^::ffff:\d/i.test(text) ? unmapV4(text) : undefined;
    try {
      r = IpRange.parse(mapped ?? text);
    } catch (e) {
      ok = false;
      const reversed = /is after end/.test((e as Error).message);
      out.push(finding(rule, `${field}[${i}]`, reversed
        ? `${(e as Error).message} (Spiderpool's webhook accepts it, but its allocator refuses the range, so the pool hands out no address from it)`
        : (e as Error).message, 'write one IP or a range "a-b" with no spaces'));
      continue;
    }
    if (mapped !== undefined) {
      out.push(finding(RULES.poolIpv4Mapped, `${field}[${i}]`, `"${text}" is an IPv4-mapped IPv6 spelling; Spiderpool reads it as ${mapped} (Go treats ::ffff:a.b.c.d as IPv4)`,
        `write "${mapped}"`));
    } else if (family === 6 && r.family === 6 && startsWithColon(text) && /^::ffff:\d/i.test(text)) {
      ok = false;
      out.push(finding(rule, `${field}[${i}]`, `"${text}" is an IPv4 address in IPv4-mapped IPv6 spelling (Go treats ::ffff:a.b.c.d as IPv4), so it is not in this IPv6 pool; Spiderpool refuses it ("not match base subnet")`,
        'put IPv4 addresses in an IPv4 pool'));
      continue;
    }
    if (family === undefined) {
      ok = false;
    } else if (r.family !== family) {
      ok = false;
      out.push(finding(rule, `${field}[${i}]`, `"${text}" is IPv${r.family} but the pool is IPv${family}`, `put IPv${r.family} addresses in a separate pool`));
    } else if (subnet && !subnet.containsRange(r)) {
      ok = false;
      out.push(finding(rule, `${field}[${i}]`, `"${text}" is not inside subnet ${subnet.toString()}`,
        `keep it within ${subnet.hostRange().toString()}`));
    } else {
      ranges.push(r);
    }
  }
  return ok && family !== undefined ? RangeSet.of(family, ranges) : undefined;
}

/**
 * An address as Go's net.ParseIP reads it: "::ffff:a.b.c.d" is the IPv4 address a.b.c.d (MV122, a warning, when
 * the pool is IPv4 and so takes it). Undefined when it is not an address.
 */
function goAddress(text: string, field: string, subnet: Cidr | undefined, out: Finding[]): IpAddress | undefined {
  const mapped = startsWithColon(text) ? /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(text) : null;
  const v4 = mapped ? IpAddress.tryParse(mapped[1]) : undefined;
  if (!v4) return IpAddress.tryParse(text);
  if (subnet?.family === 4) {
    out.push(finding(RULES.poolIpv4Mapped, field, `"${text}" is an IPv4-mapped IPv6 spelling; Spiderpool reads it as ${v4.toString()} (Go treats ::ffff:a.b.c.d as IPv4)`,
      `write "${v4.toString()}"`));
  }
  return v4;
}

/** `::ffff:a.b.c.d[-::ffff:e.f.g.h]` as the IPv4 text Go reads it as, or undefined when it is not only mapped addresses. */
function unmapV4(text: string): string | undefined {
  const parts = text.split('-').map(p => /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(p.trim()));
  return parts.every(m => m !== null) ? parts.map(m => m![1]).join('-') : undefined;
}

/** A pool as seen by the cross-pool overlap rule. */
export interface PoolForOverlap {
  readonly name: string;
  readonly subnet?: Cidr;
  readonly allocatable?: RangeSet;
}

/**
 * Cross-pool rules, as Spiderpool's webhook enforces them cluster-wide: pools with different subnets
 * must not overlap; pools with the same subnet must not share allocatable IPs. O(n log n) in the number
 * of pools (sweep over sorted subnets), never enumerating addresses.
 * Returns findings keyed by the pool that reports them (the later one of each pair).
 */
export function checkPoolOverlaps<P extends PoolForOverlap>(pools: readonly P[], filed?: PoolsBySubnet<P>): Map<P, Finding[]> {
  const out = new Map<P, Finding[]>();
  const report = (pool: P, f: Finding) => {
    const list = out.get(pool) ?? [];
    list.push(f);
    out.set(pool, list);
  };

  // 1. Different subnets that overlap (a subnet containing or intersecting another).
  // (loops by index, a function per pool: this runs once per pass, over thousands of pools)
  let index = filed;
  if (index === undefined) {
    index = new PoolsBySubnet<P>();
    for (let i = 0; i < pools.length; i++) index.add(pools[i]);
  }
  const distinct = index.distinct;
  // Upstream compares each pool with the pools created before it and refuses the later one: a pool is reported when
  // a pool earlier in the input has an overlapping other subnet (the earliest such pool is named).
  // (the input positions, made when something overlaps: a fabric's pools mostly do not)
  let positions: Map<P, number> | undefined;
  const order = { get: (p: P): number | undefined => (positions ??= new Map<P, number>(pools.map((q, i) => [q, i]))).get(p) };
  const lowestOverlapping = lowestRankedOverlaps(distinct, list => order.get(list[0])!);
  for (const [list, other] of lowestOverlapping) {
    const a = other[0];
    for (const pb of list) {
      if (order.get(pb)! < order.get(a)!) continue;
      report(pb, finding(RULES.poolSubnetOverlap, 'spec.subnet',
        `subnet ${pb.subnet!.toString()} overlaps subnet ${a.subnet!.toString()} of SpiderIPPool "${a.name}"`,
        `use the same subnet ${a.subnet!.toString()} with disjoint ips, or a non-overlapping subnet`));
    }
  }

  // 2. Same subnet: allocatable ranges must be disjoint (reported on the later pool, naming the earliest it shares with).
  // (the subnets' pool lists in the order the subnets came, as the index's map holds them; a function per subnet)
  for (let i = 0; i < distinct.length; i++) checkSameSubnet(distinct[i].key, order, report);
  return out;
}

/** Step 2 of {@link checkPoolOverlaps} for the pools of one subnet. */
function checkSameSubnet<P extends PoolForOverlap>(list: readonly P[], order: { get(p: P): number | undefined },
  report: (pool: P, f: Finding) => void): void {
  if (list.length < 2) return;
  // (two pools of a subnet, the common case: one walk over both sets when they share nothing)
  if (list.length === 2 && list[0].allocatable && list[1].allocatable && !list[0].allocatable.intersects(list[1].allocatable)) return;
  const intervals = [];
  for (const p of list) {
    if (!p.allocatable) continue;
    const ranges = p.allocatable.ranges;
    for (let i = 0; i < ranges.length; i++) intervals.push({ family: ranges[i].family, start: ranges[i].start, end: ranges[i].end, key: p });
  }
  for (const [second, first] of lowestRankedOverlaps(intervals, p => order.get(p)!)) {
    if (order.get(second)! < order.get(first)!) continue;
    const shared = first.allocatable!.intersection(second.allocatable!).toStrings();
    report(second, finding(RULES.poolIpsOverlap, 'spec.ips',
      `ips ${shared.slice(0, 3).join(', ')}${shared.length > 3 ? ', ...' : ''} are also allocatable in SpiderIPPool "${first.name}" (same subnet ${second.subnet!.toString()})`,
      'make the ips of pools sharing a subnet disjoint, or exclude the shared addresses in one of them'));
  }
}
