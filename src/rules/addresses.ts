/**
 * Addresses that pools must not hand out, and the hosts' own addresses on the VLANs (MV200-MV209):
 * SpiderReservedIP objects (each, and against the pools), router addresses allocatable in a pool, and node
 * addresses written into NodeNetworkConfigurationPolicies against the pools, the VLAN subnets and each other.
 *
 * How Spiderpool treats a SpiderReservedIP (spidernet-io/spiderpool v1.2, pkg/reservedipmanager): the mutating
 * webhook derives `ipVersion` from `ips[0]` when it is missing and rewrites `ips` merged and sorted
 * (`MergeIPRanges`) when there is more than one entry; the validating webhook refuses an object whose
 * `ipVersion` is missing (empty `ips`) or not 4/6, and any entry that is not an IP or an ordered `a-b` range of
 * that family (`IsIPRange`). At allocation (pkg/ippoolmanager, `genRandomIP`) the reserved addresses of the
 * pool's family are skipped like `excludeIPs`: a pool whose `ips` include them is valid, it only has fewer
 * addresses to give.
 */
import { Finding, RULES, finding } from './catalog';
import { PoolsBySubnet, describe, isPlainObject } from './ip-pool';
import { HOSTNAME_LABEL, describeEqualities } from './node-selection';
// (from the modules themselves, not the net index: a call through the index's re-export is a getter call per use)
import { IpAddress, IpFamily, familyBits } from '../net/address';
import { Cidr } from '../net/cidr';
import { checkDns1123Subdomain } from '../net/names';
import { IpRange, RangeSet, sameItems } from '../net/range';

/** A SpiderReservedIP as the cross-object rules see it. */
export interface ReservedIpModel {
  readonly name: string;
  /** The family Spiderpool gives the object (spec.ipVersion, or the family of ips[0]). */
  readonly family?: IpFamily;
  /** The reserved addresses (undefined: the object does not parse, so it reserves nothing we can count). */
  readonly ips?: RangeSet;
}

/**
 * Where the library's own SpiderReservedIP spec carries the set its ips were formatted from (a topology's reserved
 * addresses, {@link formatRangeSet}): the check takes it instead of parsing the texts and formatting them again for
 * MV202, while the spec holds the very list and texts. Non-enumerable on the spec; only the library sets it.
 */
export const RESERVED_IPS: unique symbol = Symbol('cdk8s-macvlan.reserved-ips');

/** What a SpiderReservedIP spec made by the library carries ({@link RESERVED_IPS}); the rules only read it. */
export class CarriedReservedIps {
  /** @internal */
  constructor(
    /** The spec's ips list, the texts it was made with (a copy), and the set they format. */
    public readonly ipsList: unknown, public readonly ipsTexts: readonly string[], public readonly ips: RangeSet,
  ) {}
}

/**
 * The carried set, when it is what the general path gives for the spec with no finding: the spec's ips are the list it
 * was made with, holding the very texts the set was formatted to (each parses to a range of the set, and they are the
 * set's merged form, so MV202 has nothing to say), the set is not empty, and `version`, when set, is its family.
 */
function carriedReservedIps(spec: Record<string, any>, version: unknown): RangeSet | undefined {
  const carried = (spec as { [RESERVED_IPS]?: unknown })[RESERVED_IPS];
  if (!(carried instanceof CarriedReservedIps) || spec.ips !== carried.ipsList || carried.ips.isEmpty) return undefined;
  if (version !== undefined && version !== null && version !== carried.ips.family) return undefined;
  return sameItems(spec.ips, carried.ipsTexts) ? carried.ips : undefined;
}

/**
 * Checks one SpiderReservedIP as Spiderpool's webhooks do (MV200, MV201) and whether its `ips` are written
 * the way the mutating webhook stores them (MV202). Never throws.
 */
export function checkReservedIp(obj: Record<string, any>): { findings: Finding[]; parsed: ReservedIpModel } {
  const out: Finding[] = [];
  const name = typeof obj.metadata?.name === 'string' ? obj.metadata.name : '';
  const spec = isPlainObject(obj.spec) ? obj.spec : {};
  const nameProblem = checkDns1123Subdomain(name);
  if (nameProblem) {
    out.push(finding(RULES.reservedIpSyntax, 'metadata.name', `"${name}" ${nameProblem}`, 'use lower-case letters, digits, "-" and "." (for example "vlan100-reserved-v4")'));
  }
  // (the library's own object carries the set its ips were formatted from)
  const carried = carriedReservedIps(spec, spec.ipVersion);
  if (carried !== undefined) return { findings: out, parsed: { name, family: carried.family, ips: carried } };
  let texts: unknown[] = [];
  if (spec.ips !== undefined && spec.ips !== null) {
    if (Array.isArray(spec.ips)) {
      texts = spec.ips;
    } else {
      out.push(finding(RULES.reservedIpSyntax, 'spec.ips', `${describe(spec.ips)} is not a list`, 'write ips as a YAML list of IPs or "a-b" ranges'));
    }
  }

  // The family: spec.ipVersion, else what the mutating webhook derives from ips[0].
  let family: IpFamily | undefined;
  const version = spec.ipVersion;
  if (version !== undefined && version !== null) {
    if (version === 4 || version === 6) {
      family = version;
    } else {
      out.push(finding(RULES.reservedIpVersion, 'spec.ipVersion', `ipVersion ${describe(version)} is neither 4 nor 6, so Spiderpool's webhook refuses the object`,
        'set ipVersion to 4 or 6 (or leave it out: Spiderpool takes the family of ips[0])'));
      return { findings: out, parsed: { name } };
    }
  } else if (texts.length === 0) {
    out.push(finding(RULES.reservedIpVersion, 'spec.ips', 'ips is empty and ipVersion is not set, so Spiderpool cannot derive the family and its webhook refuses the object',
      'list the reserved addresses in ips'));
    return { findings: out, parsed: { name } };
  } else {
    const first = typeof texts[0] === 'string' ? IpRange.tryParse(texts[0]) : undefined;
    family = first?.family;
  }

  const ranges: IpRange[] = [];
  let ok = true;
  // (a loop, not a closure per object; holes skipped as forEach does; the field named only in a finding)
  for (let i = 0; i < texts.length; i++) {
    if (!(i in texts)) continue;
    const text = texts[i];
    if (typeof text !== 'string') {
      ok = false;
      out.push(finding(RULES.reservedIpSyntax, `spec.ips[${i}]`, `${describe(text)} is not a string`, 'write one IP or a range "a-b" as a string'));
      continue;
    }
    let r: IpRange;
    try {
      r = IpRange.parse(text);
    } catch (e) {
      ok = false;
      out.push(finding(RULES.reservedIpSyntax, `spec.ips[${i}]`, `${(e as Error).message}, so Spiderpool's webhook refuses the object`, 'write one IP or a range "a-b" (lower address first, no spaces)'));
      continue;
    }
    if (family === undefined) {
      family = r.family;
    } else if (r.family !== family) {
      ok = false;
      const why = version === 4 || version === 6 ? `ipVersion is ${version}` : `ips[0] makes the object IPv${family}`;
      out.push(finding(RULES.reservedIpVersion, `spec.ips[${i}]`, `"${text}" is IPv${r.family} but ${why}, so Spiderpool's webhook refuses the object`,
        `reserve IPv${r.family} addresses in a separate SpiderReservedIP (one per family)`));
      continue;
    }
    ranges.push(r);
  }
  if (!ok || family === undefined) return { findings: out, parsed: { name, family } };
  const set = RangeSet.of(family, ranges);
  if (texts.length > 1) {
    const merged = set.toStrings();
    if (merged.length !== texts.length || merged.some((m, i) => m !== texts[i])) {
      out.push(finding(RULES.reservedIpMerged, 'spec.ips', `Spiderpool's mutating webhook stores ips as ${describe(merged)} (merged, sorted), not as written, so the applied object never matches the manifest (a GitOps tool shows a permanent diff)`,
        `write ips as ${describe(merged)}`));
    }
  }
  return { findings: out, parsed: { name, family, ips: set } };
}

/** The reserved addresses of each family, over every object. */
export function reservedByFamily(objects: readonly ReservedIpModel[]): Map<IpFamily, RangeSet> {
  // every object's ranges merged once (a union per object would copy the growing set each time)
  const ranges = new Map<IpFamily, IpRange[]>();
  for (const o of objects) {
    if (!o.ips || o.family === undefined || o.ips.isEmpty) continue;
    const list = ranges.get(o.family);
    const own = o.ips.ranges;
    if (list) for (let i = 0; i < own.length; i++) list.push(own[i]); else ranges.set(o.family, own.slice());
  }
  const out = new Map<IpFamily, RangeSet>();
  for (const [family, list] of ranges) out.set(family, RangeSet.of(family, list));
  return out;
}

/** A SpiderIPPool as the address rules see it. */
export interface AddressPoolModel {
  readonly name: string;
  readonly subnet?: Cidr;
  /** ips minus excludeIPs. */
  readonly allocatable?: RangeSet;
  /**
   * The pool's gateway, when it is an IP address (a router: no pod may get its address; field `spec.gateway`).
   * @default - none
   */
  readonly gatewayRouter?: IpAddress;
  /** The next hops of the pool's routes that are IP addresses (routers too), with their fields, in order. */
  readonly routeRouters: ReadonlyArray<{ readonly ip: IpAddress; readonly field: string }>;
  /**
   * Whether the allocatable addresses include a reserved address of the pool's family, when the caller knows it.
   * @default - found here
   */
  readonly reservedShared?: boolean;
}

/** One static address of a host interface in a NodeNetworkConfigurationPolicy. */
export interface NodeAddressModel {
  /** The interface carrying it. */
  readonly iface: string;
  /** As written (`ip`). */
  readonly ip: unknown;
  /** As written (`prefix-length`). */
  readonly prefixLength: unknown;
  /** Field path of the address entry, e.g. `spec.desiredState.interfaces[1].ipv4.address[0]`. */
  readonly field: string;
  /** The family it is written under (`ipv4` / `ipv6`). */
  readonly family: IpFamily;
}

/** A NodeNetworkConfigurationPolicy as the address rules see it. */
export interface AddressPolicyModel {
  readonly name: string;
  readonly nodeSelector: { readonly [key: string]: string };
  /** The interfaces it configures (state other than absent), with their field paths. */
  readonly interfaces: ReadonlyArray<{ readonly name: string; readonly field: string }>;
  /** Static addresses (DHCP-enabled families left out: nmstate ignores their addresses). */
  readonly addresses: readonly NodeAddressModel[];
}

/** The static addresses and the interfaces of one NodeNetworkConfigurationPolicy manifest. */
export function addressPolicyOfManifest(obj: Record<string, any>): AddressPolicyModel {
  const spec = isPlainObject(obj.spec) ? obj.spec : {};
  const selector: { [key: string]: string } = {};
  if (isPlainObject(spec.nodeSelector)) {
    for (const [k, v] of Object.entries(spec.nodeSelector)) if (typeof v === 'string') selector[k] = v;
  }
  const list = isPlainObject(spec.desiredState) ? spec.desiredState.interfaces : undefined;
  const interfaces: Array<{ name: string; field: string }> = [];
  const addresses: NodeAddressModel[] = [];
  (Array.isArray(list) ? list : []).forEach((i: unknown, index: number) => {
    if (!isPlainObject(i) || typeof i.name !== 'string' || i.state === 'absent') return;
    const field = `spec.desiredState.interfaces[${index}]`;
    interfaces.push({ name: i.name, field });
    // (each family by name: a literal list of pairs would be three arrays per interface)
    addStaticAddresses(i.name, i.ipv4, 'ipv4', 4, field, addresses);
    addStaticAddresses(i.name, i.ipv6, 'ipv6', 6, field, addresses);
  });
  return { name: typeof obj.metadata?.name === 'string' ? obj.metadata.name : '(no name)', nodeSelector: selector, interfaces, addresses };
}

/** The static addresses of one family of a host interface (`ipv4` / `ipv6` block `ip`). */
function addStaticAddresses(iface: string, ip: unknown, key: 'ipv4' | 'ipv6', family: IpFamily, field: string, addresses: NodeAddressModel[]): void {
  if (!isPlainObject(ip) || ip.enabled === false || ip.dhcp === true || !Array.isArray(ip.address)) return;
  ip.address.forEach((a: unknown, j: number) => {
    const entry = isPlainObject(a) ? a : {};
    addresses.push({ iface, ip: entry.ip, prefixLength: entry['prefix-length'], field: `${field}.${key}.address[${j}]`, family });
  });
}

/**
 * The interfaces some policy gives a static address to: the only ones whose subnets (`interfaceSubnets` of
 * {@link checkAddressConflicts}) the address rules read.
 */
export function addressedInterfaces(policies: readonly AddressPolicyModel[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < policies.length; i++) {
    const addresses = policies[i].addresses;
    for (let j = 0; j < addresses.length; j++) out.add(addresses[j].iface);
  }
  return out;
}

/** Inputs of {@link checkAddressConflicts}. */
export interface AddressConflictInput<P extends AddressPoolModel, R extends ReservedIpModel, H extends AddressPolicyModel> {
  readonly pools: readonly P[];
  readonly reserved: readonly R[];
  readonly policies: readonly H[];
  /**
   * The subnets of the pools of the networks whose master is a host interface, by interface name (read only for the
   * interfaces of `policies`' addresses: {@link addressedInterfaces}).
   */
  readonly interfaceSubnets: ReadonlyMap<string, readonly Cidr[]>;
  /**
   * {@link reservedByFamily} of `reserved`, when the caller has it already.
   * @default - computed here
   */
  readonly reservedByFamily?: ReadonlyMap<IpFamily, RangeSet>;
  /**
   * `pools` filed by subnet, when the caller has filed them already (each pool of `pools`, in order).
   * @default - filed here
   */
  readonly poolsBySubnet?: PoolsBySubnet<P>;
}

/** Findings of {@link checkAddressConflicts}, by the object that reports them. */
export interface AddressConflicts<P, H> {
  readonly pools: Map<P, Finding[]>;
  readonly policies: Map<H, Finding[]>;
}

function push<K>(map: Map<K, Finding[]>, key: K, f: Finding): void {
  const list = map.get(key);
  if (list) list.push(f); else map.set(key, [f]);
}

function list3(set: RangeSet): string {
  const s = set.toStrings();
  return `${s.slice(0, 3).join(', ')}${s.length > 3 ? ', ...' : ''}`;
}

/** The network address of `ip` at `prefix`. */
function networkOf(ip: IpAddress, prefix: number): bigint {
  const block = 2n ** BigInt(familyBits(ip.family) - prefix);
  return ip.value - (ip.value % block);
}

/** MV203 for one pool: reserved addresses inside its allocatable ips. */
function checkReservedInPool<P extends AddressPoolModel, R extends ReservedIpModel>(p: P, reserved: ReadonlyMap<IpFamily, RangeSet>,
  reservedObjects: readonly R[], out: Map<P, Finding[]>): void {
  if (!p.allocatable || p.allocatable.isEmpty) return;
  const all = reserved.get(p.allocatable.family);
  if (!all) return;
  // (most pools share nothing with the reserved addresses: a walk without building a set first)
  if (p.reservedShared === false || (p.reservedShared === undefined && !all.intersects(p.allocatable))) return;
  // (what the pool shares with every reserved address, then without its gateway: never a copy of all of them)
  let shared = all.intersection(p.allocatable);
  // the pool's own gateway inside its ips is MV005 (Spiderpool's webhook refuses the pool), not a warning here
  const gw = p.gatewayRouter !== undefined && p.gatewayRouter.family === p.allocatable.family ? p.gatewayRouter : undefined;
  if (gw && all.contains(gw)) shared = shared.subtract(RangeSet.of(gw.family, [IpRange.of(gw, gw)]));
  if (shared.isEmpty) return;
  const owners = reservedObjects.filter(r => r.family === p.allocatable!.family && r.ips!.intersects(p.allocatable!)).map(r => `"${r.name}"`);
  push(out, p, finding(RULES.reservedInPool, 'spec.ips',
    `${shared.size} address(es) of ips (${list3(shared)}) are reserved by SpiderReservedIP ${owners.join(', ')}: Spiderpool never hands them out, so the pool has ${p.allocatable.size - shared.size} usable addresses, not ${p.allocatable.size} (the capacity figures count without them)`,
    'add them to excludeIPs so that the pool says what it hands out, or acknowledge the warning'));
}

/** MV204 for one pool `p` of a subnet: the routers of the subnet's pools that `p` can hand out. */
function checkRoutersAllocatable<P extends AddressPoolModel>(p: P, pools: readonly P[], isReserved: (ip: IpAddress) => boolean,
  out: Map<P, Finding[]>): void {
  if (!p.allocatable) return;
  let seen: Set<string> | undefined;
  for (let o = 0; o < pools.length; o++) {
    const owner = pools[o];
    // (the gateway first, then the routes' next hops; a pool's own gateway in its own ips is MV005, which
    // Spiderpool's webhook refuses)
    if (owner.gatewayRouter !== undefined && owner !== p) seen = checkRouter(p, owner, owner.gatewayRouter, 'spec.gateway', isReserved, seen, out);
    const hops = owner.routeRouters;
    for (let k = 0; k < hops.length; k++) seen = checkRouter(p, owner, hops[k].ip, hops[k].field, isReserved, seen, out);
  }
}

/** MV204 for one router `ip` (at `field` of `owner`) against pool `p`; returns the router addresses reported on `p`. */
function checkRouter<P extends AddressPoolModel>(p: P, owner: P, ip: IpAddress, field: string, isReserved: (ip: IpAddress) => boolean,
  seen: Set<string> | undefined, out: Map<P, Finding[]>): Set<string> | undefined {
  if (!owner.subnet!.contains(ip)) return seen;
  if (!p.allocatable!.contains(ip) || isReserved(ip)) return seen;
  const text = ip.toString();
  if (seen?.has(text)) return seen;
  (seen ??= new Set()).add(text);
  const whose = owner === p ? `this pool's ${field}` : `${field} of SpiderIPPool "${owner.name}"`;
  push(out, p, finding(RULES.routerAllocatable, 'spec.ips',
    `${text} is ${whose} (a router's own address) and is allocatable here: a pod can get the router's address and cut the subnet off from it (Spiderpool checks each pool's gateway against that pool's ips only)`,
    `add "${text}" to excludeIPs, or reserve it with a SpiderReservedIP`));
  return seen;
}

/** MV204 for the pools of one subnet. */
function checkSubnetRouters<P extends AddressPoolModel>(pools: readonly P[], isReserved: (ip: IpAddress) => boolean, out: Map<P, Finding[]>): void {
  for (let i = 0; i < pools.length; i++) checkRoutersAllocatable(pools[i], pools, isReserved, out);
}

/**
 * The rules across pools, reserved addresses and host policies (MV203-MV209), linear in the objects (pools are
 * looked up by subnet, host interfaces by name; no address is enumerated).
 */
export function checkAddressConflicts<P extends AddressPoolModel, R extends ReservedIpModel, H extends AddressPolicyModel>(
  input: AddressConflictInput<P, R, H>): AddressConflicts<P, H> {
  const out: AddressConflicts<P, H> = { pools: new Map(), policies: new Map() };
  const reserved = input.reservedByFamily ?? reservedByFamily(input.reserved);
  const isReserved = (ip: IpAddress) => reserved.get(ip.family)?.contains(ip) === true;

  // Pools by subnet, and the prefix lengths in use per family (to find a node address's pools).
  // (per-pool steps as functions, loops by index: this runs once per pass, and its loops would otherwise run
  // unoptimized at a few thousand pools)
  let filed = input.poolsBySubnet;
  if (filed === undefined) {
    filed = new PoolsBySubnet<P>();
    for (let i = 0; i < input.pools.length; i++) filed.add(input.pools[i]);
  }
  const bySubnet = filed.bySubnet;
  const prefixes = filed.prefixes;
  const poolsContaining = (ip: IpAddress): P[] => {
    const found: P[] = [];
    for (const prefix of prefixes.get(ip.family) ?? []) {
      const key = `${IpAddress.fromBigInt(ip.family, networkOf(ip, prefix)).toString()}/${prefix}`;
      for (const p of bySubnet.get(key) ?? []) found.push(p);
    }
    return found;
  };

  // MV203: reserved addresses inside a pool's allocatable ips (skipped at allocation: fewer addresses).
  const reservedObjects = input.reserved.filter(r => r.ips && r.family !== undefined && !r.ips.isEmpty);
  if (reservedObjects.length > 0) {
    for (let i = 0; i < input.pools.length; i++) checkReservedInPool(input.pools[i], reserved, reservedObjects, out.pools);
  }

  // MV204: a router (gateway or next hop of a pool) allocatable in a pool of its subnet.
  // (the routers of the subnet, in pool order, walked in place for each pool: no list of them per subnet)
  // (the subnets' pool lists by index, in the order of the map's values)
  const filedSubnets = filed.distinct;
  for (let s = 0; s < filedSubnets.length; s++) checkSubnetRouters(filedSubnets[s].key, isReserved, out.pools);

  // Node addresses.
  // (the pools' gateways by address, only when some policy assigns addresses: formatting every pool's gateway costs)
  const gateways = new Map<string, P>();
  if (input.policies.some(h => h.addresses.length > 0)) {
    for (const p of input.pools) {
      if (p.gatewayRouter === undefined) continue;
      const key = p.gatewayRouter.toString();
      if (!gateways.has(key)) gateways.set(key, p);
    }
  }
  const owners = new Map<string, { policy: H; field: string }>();
  for (const h of input.policies) {
    const pinned = Object.prototype.hasOwnProperty.call(h.nodeSelector, HOSTNAME_LABEL);
    let warnedShared = false;
    for (const a of h.addresses) {
      const ip = typeof a.ip === 'string' ? IpAddress.tryParse(a.ip) : undefined;
      const prefix = a.prefixLength;
      const maxPrefix = a.family === 4 ? 32 : 128;
      if (!ip || ip.family !== a.family) {
        push(out.policies, h, finding(RULES.nodeAddressSubnet, `${a.field}.ip`,
          ip ? `${describe(a.ip)} is IPv${ip.family} but is listed under ipv${a.family}` : `${describe(a.ip)} is not an IP address`,
          `write an IPv${a.family} address such as ${a.family === 4 ? '"172.16.100.11"' : '"fd00:100::11"'}`));
        continue;
      }
      if (typeof prefix !== 'number' || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) {
        push(out.policies, h, finding(RULES.nodeAddressSubnet, `${a.field}.prefix-length`, `prefix-length ${describe(prefix)} is not an integer 0-${maxPrefix}`,
          'write the prefix length of the VLAN subnet, e.g. 24'));
        continue;
      }
      const text = ip.toString();
      if (!pinned && !warnedShared) {
        warnedShared = true;
        push(out.policies, h, finding(RULES.nodeAddressShared, `${a.field}.ip`,
          `static address ${text} in a policy whose nodeSelector (${describeEqualities(h.nodeSelector)}) does not name one node: every node it selects gets the same address`,
          `give each node its own policy with nodeSelector ${HOSTNAME_LABEL}: <node> (VlanTopology does this for NodeAddresses.perNode), or use DHCP`));
      }

      // MV206: the address belongs to the subnet of the networks on this interface, with its prefix.
      const subnets = (input.interfaceSubnets.get(a.iface) ?? []).filter(c => c.family === ip.family);
      if (subnets.length > 0) {
        const home = subnets.find(c => c.contains(ip));
        if (!home) {
          push(out.policies, h, finding(RULES.nodeAddressSubnet, `${a.field}.ip`,
            `${text} on ${a.iface} is outside ${subnets.map(c => c.toString()).join(', ')}, the subnet of the pods' networks on ${a.iface}: node and pods share the VLAN but not a subnet, so they reach each other only through the router, if at all`,
            `use an address of ${subnets[0].toString()}`));
        } else if (prefix !== home.prefix) {
          push(out.policies, h, finding(RULES.nodeAddressSubnet, `${a.field}.prefix-length`,
            `${text}/${prefix} on ${a.iface}: the VLAN subnet is ${home.toString()}, so the node's on-link route differs from the pods' and the switch's`,
            `write prefix-length ${home.prefix}`));
        }
      }

      // MV207: one address, one host (and never the router's).
      const gw = gateways.get(text);
      const first = owners.get(text);
      if (gw) {
        push(out.policies, h, finding(RULES.nodeAddressDuplicate, `${a.field}.ip`, `${text} is the gateway of SpiderIPPool "${gw.name}" (the switch's address)`,
          'give the node an address of its own'));
      } else if (first) {
        const where = first.policy === h ? first.field : `${first.field} of policy ${first.policy.name}`;
        push(out.policies, h, finding(RULES.nodeAddressDuplicate, `${a.field}.ip`, `${text} is also assigned by ${where}: two interfaces with one address answer each other's ARP/ND and traffic goes to either`,
          'give every node interface its own address'));
      } else {
        owners.set(text, { policy: h, field: a.field });
      }

      // MV205: not an address a pool can hand to a pod.
      if (isReserved(ip)) continue;
      for (const p of poolsContaining(ip)) {
        if (!p.allocatable?.contains(ip)) continue;
        push(out.policies, h, finding(RULES.nodeAddressInPool, `${a.field}.ip`,
          `${text} on ${a.iface} is allocatable in SpiderIPPool "${p.name}": a pod can get the node's address (two hosts, one address)`,
          `take ${text} out of the pool's ips (excludeIPs), reserve it with a SpiderReservedIP, or give the node an address outside the pools`));
      }
    }
  }

  // MV208: one node's interface configured by two policies (nmstate applies them in no guaranteed order).
  // (only with two policies or more: one policy cannot clash with itself, and a fabric's policy lists thousands of
  // interfaces)
  if (input.policies.length > 1) checkSharedInterfaces(input.policies, out.policies);
  return out;
}

/** MV208 over the policies' interfaces (nothing to find with fewer than two policies). */
export function checkSharedInterfaces<H extends AddressPolicyModel>(policies: readonly H[], out: Map<H, Finding[]>): void {
  const byIface = new Map<string, Array<{ policy: H; field: string }>>();
  for (const h of policies) {
    for (const i of h.interfaces) {
      const list = byIface.get(i.name);
      if (!list) byIface.set(i.name, [{ policy: h, field: i.field }]);
      else if (list[list.length - 1].policy !== h) list.push({ policy: h, field: i.field });
    }
  }
  for (const [name, users] of byIface) {
    if (users.length < 2) continue;
    const pinnedBy = new Map<string, { policy: H; field: string }>();
    const shared = users.filter(u => !Object.prototype.hasOwnProperty.call(u.policy.nodeSelector, HOSTNAME_LABEL));
    for (const u of users) {
      const node = u.policy.nodeSelector[HOSTNAME_LABEL];
      if (node === undefined || !Object.prototype.hasOwnProperty.call(u.policy.nodeSelector, HOSTNAME_LABEL)) continue;
      const first = pinnedBy.get(node);
      if (first && compatible(first.policy.nodeSelector, u.policy.nodeSelector)) {
        push(out, u.policy, finding(RULES.nodeTwoPolicies, `${u.field}.name`,
          `node ${node} is also selected by policy ${first.policy.name}, which configures ${name} too: nmstate applies the two in no guaranteed order, and the later one's settings win`,
          `keep the node's whole desired state for ${name} in one policy`));
        continue;
      }
      if (!first) pinnedBy.set(node, u);
      // a shared policy whose selector this one's implies selects the same node for sure
      const over = shared.find(s => Object.entries(s.policy.nodeSelector).every(([k, v]) => u.policy.nodeSelector[k] === v));
      if (over) {
        push(out, u.policy, finding(RULES.nodeTwoPolicies, `${u.field}.name`,
          `node ${node} is also selected by policy ${over.policy.name} (${describeEqualities(over.policy.nodeSelector)}), which configures ${name} too: nmstate applies the two in no guaranteed order, and the later one's settings win`,
          `keep the node out of policy ${over.policy.name} (a label it does not have) or give ${name} one policy per node`));
      }
    }
  }
}

function compatible(a: { readonly [key: string]: string }, b: { readonly [key: string]: string }): boolean {
  for (const [k, v] of Object.entries(a)) if (Object.prototype.hasOwnProperty.call(b, k) && b[k] !== v) return false;
  return true;
}
