import { Shape, checkShape, listOf, obj, opt, req, str } from '../shape';

/** Which IPAM plugin a macvlan network uses. */
export enum IpamType {
  /** Spiderpool: cluster-wide pools (SpiderIPPool), selected per pod by annotation. */
  SPIDERPOOL = 'spiderpool',
  /** Whereabouts: cluster-wide ranges stored in the cluster. */
  WHEREABOUTS = 'whereabouts',
  /** Static addresses, written in the NAD or requested per pod through the `ips` capability. */
  STATIC = 'static',
  /** DHCP from the underlay network (needs the CNI dhcp daemon on every node). */
  DHCP = 'dhcp',
  /** host-local: per-node state, so pods on different nodes can get the same address on the shared segment. */
  HOST_LOCAL = 'host-local',
  /** No address: layer 2 only (`"ipam": {}`). */
  NONE = 'none',
}

/** One range of a Whereabouts network. */
export interface WhereaboutsRange {
  /** The range in CIDR form, e.g. `192.168.100.0/24` or `fd00:100::/64`. */
  readonly range: string;
  /**
   * First address handed out.
   * @default - the first usable address of the range
   */
  readonly rangeStart?: string;
  /**
   * Last address handed out.
   * @default - the last usable address of the range
   */
  readonly rangeEnd?: string;
  /**
   * CIDRs never handed out (e.g. the gateway as `/32`).
   * @default - none
   */
  readonly exclude?: string[];
}

/** Options of Whereabouts IPAM. */
export interface WhereaboutsOptions extends WhereaboutsRange {
  /**
   * More ranges, e.g. the IPv6 range of a dual-stack network (Whereabouts `ipRanges`).
   * @default - none
   */
  readonly additionalRanges?: WhereaboutsRange[];
  /**
   * Default gateway for pods.
   * @default - no default route
   */
  readonly gateway?: string;
}

/** One fixed address of static IPAM. */
export interface StaticAddress {
  /** Address in CIDR form, e.g. `192.168.100.10/24`. */
  readonly address: string;
  /**
   * Gateway for this address.
   * @default - none
   */
  readonly gateway?: string;
}

/** A route handed out by IPAM. */
export interface IpamRoute {
  /** Destination CIDR (`0.0.0.0/0` for a default route). */
  readonly destination: string;
  /**
   * Next hop.
   * @default - the address's gateway
   */
  readonly gateway?: string;
}

/** Options of static IPAM. */
export interface StaticIpamOptions {
  /**
   * Fixed addresses written into the NAD: every pod on the network gets the same ones, so use this only for a
   * network attached to a single pod. Leave it out to have each pod request its own addresses with
   * `AttachmentOptions.ips` (the NAD then declares the `ips` capability).
   * @default - per-pod addresses from the pod annotation
   */
  readonly addresses?: StaticAddress[];
  /**
   * Routes.
   * @default - none
   */
  readonly routes?: IpamRoute[];
}

/** One range of host-local IPAM. */
export interface HostLocalRange {
  /** Subnet in CIDR form. */
  readonly subnet: string;
  /**
   * First address handed out.
   * @default - the first usable address
   */
  readonly rangeStart?: string;
  /**
   * Last address handed out.
   * @default - the last usable address
   */
  readonly rangeEnd?: string;
  /**
   * Gateway.
   * @default - none
   */
  readonly gateway?: string;
}

/** Options of host-local IPAM. */
export interface HostLocalOptions {
  /** Ranges (one per family for dual stack). */
  readonly ranges: HostLocalRange[];
  /**
   * Routes.
   * @default - none
   */
  readonly routes?: IpamRoute[];
}

const STRINGS = listOf(str());
const ROUTE = obj('IpamRoute', { destination: req(str('0.0.0.0/0')), gateway: opt(str()) });
const WHEREABOUTS_RANGE_FIELDS = { range: req(str('192.168.100.0/24')), rangeStart: opt(str()), rangeEnd: opt(str()), exclude: opt(STRINGS) };
/** Shapes of the factories' options (the addresses' values are for the NAD rules). */
const WHEREABOUTS: Shape = obj('WhereaboutsOptions', {
  ...WHEREABOUTS_RANGE_FIELDS,
  additionalRanges: opt(listOf(obj('WhereaboutsRange', WHEREABOUTS_RANGE_FIELDS))),
  gateway: opt(str()),
});
const STATIC: Shape = obj('StaticIpamOptions', {
  addresses: opt(listOf(obj('StaticAddress', { address: req(str('192.168.100.10/24')), gateway: opt(str()) }))),
  routes: opt(listOf(ROUTE)),
});
const HOST_LOCAL: Shape = obj('HostLocalOptions', {
  ranges: req(listOf(obj('HostLocalRange', { subnet: req(str('192.168.100.0/24')), rangeStart: opt(str()), rangeEnd: opt(str()), gateway: opt(str()) }))),
  routes: opt(listOf(ROUTE)),
});

/**
 * The IPAM of a macvlan network. Spiderpool is the default; the others are for users coming from Whereabouts,
 * static or DHCP set-ups. Only Spiderpool networks take `IpPool`s and get `ipam.spidernet.io/ippools` annotations.
 */
export class Ipam {
  /** Spiderpool IPAM with the network's IpPools as NAD defaults (the default). */
  public static spiderpool(): Ipam {
    return new Ipam(IpamType.SPIDERPOOL, {});
  }

  /**
   * Whereabouts IPAM.
   * @param options the range to allocate from, and more ranges if needed
   */
  public static whereabouts(options: WhereaboutsOptions): Ipam {
    checkShape(options, WHEREABOUTS, { call: 'Ipam.whereabouts()' }, 'options');
    const config: Record<string, unknown> = { type: 'whereabouts', ...renderWhereaboutsRange(options) };
    if (options.additionalRanges && options.additionalRanges.length > 0) config.ipRanges = options.additionalRanges.map(renderWhereaboutsRange);
    if (options.gateway !== undefined) config.gateway = options.gateway;
    return new Ipam(IpamType.WHEREABOUTS, config, [options.range, ...(options.additionalRanges ?? []).map(r => r.range)]);
  }

  /**
   * Static IPAM: fixed addresses in the NAD, or per-pod addresses requested through the `ips` capability.
   * @param options fixed addresses and routes (none: every pod requests its addresses)
   */
  public static staticAddresses(options: StaticIpamOptions = {}): Ipam {
    checkShape(options, STATIC, { call: 'Ipam.staticAddresses()' }, 'options');
    const config: Record<string, unknown> = { type: 'static' };
    if (options.addresses && options.addresses.length > 0) {
      config.addresses = options.addresses.map(a => (a.gateway !== undefined ? { address: a.address, gateway: a.gateway } : { address: a.address }));
    }
    if (options.routes && options.routes.length > 0) config.routes = options.routes.map(renderRoute);
    return new Ipam(IpamType.STATIC, config, (options.addresses ?? []).map(a => a.address));
  }

  /** DHCP from the underlay (the CNI `dhcp` daemon must run on every node). */
  public static dhcp(): Ipam {
    return new Ipam(IpamType.DHCP, { type: 'dhcp' });
  }

  /**
   * host-local IPAM (allowed, with a warning: its state is per node, so addresses repeat across nodes).
   * @param options the ranges to allocate from, and routes
   */
  public static hostLocal(options: HostLocalOptions): Ipam {
    checkShape(options, HOST_LOCAL, { call: 'Ipam.hostLocal()' }, 'options');
    const config: Record<string, unknown> = {
      type: 'host-local',
      ranges: options.ranges.map(r => [withoutUndefined({ subnet: r.subnet, rangeStart: r.rangeStart, rangeEnd: r.rangeEnd, gateway: r.gateway })]),
    };
    if (options.routes && options.routes.length > 0) config.routes = options.routes.map(renderRoute);
    return new Ipam(IpamType.HOST_LOCAL, config, options.ranges.map(r => r.subnet));
  }

  /** No IPAM: a layer-2-only NIC (`"ipam": {}`). */
  public static none(): Ipam {
    return new Ipam(IpamType.NONE, {});
  }

  /** The IPAM plugin. */
  public readonly type: IpamType;
  private readonly config: Record<string, unknown>;
  private readonly cidrs: string[];

  private constructor(type: IpamType, config: Record<string, unknown>, cidrs: string[] = []) {
    this.type = type;
    this.config = config;
    this.cidrs = cidrs;
  }

  /** True when pods must request their addresses (static IPAM without fixed addresses). */
  public get needsPodAddresses(): boolean {
    return this.type === IpamType.STATIC && this.config.addresses === undefined;
  }

  /**
   * The `ipam` block; Spiderpool's lists the network's default pools per family.
   * @internal
   */
  public _render(spiderpool: { readonly ipv4Pools: readonly string[]; readonly ipv6Pools: readonly string[] }): Record<string, unknown> {
    if (this.type !== IpamType.SPIDERPOOL) return { ...this.config };
    const out: Record<string, unknown> = { type: 'spiderpool' };
    if (spiderpool.ipv4Pools.length > 0) out.default_ipv4_ippool = [...spiderpool.ipv4Pools];
    if (spiderpool.ipv6Pools.length > 0) out.default_ipv6_ippool = [...spiderpool.ipv6Pools];
    return out;
  }

  /**
   * The CIDRs this IPAM hands out from (for checks); empty for Spiderpool (its pools are checked), DHCP and none.
   * @internal
   */
  public _cidrs(): string[] {
    return [...this.cidrs];
  }
}

function renderWhereaboutsRange(r: WhereaboutsRange): Record<string, unknown> {
  return withoutUndefined({
    range: r.range,
    range_start: r.rangeStart,
    range_end: r.rangeEnd,
    exclude: r.exclude && r.exclude.length > 0 ? [...r.exclude] : undefined,
  });
}

function renderRoute(r: IpamRoute): Record<string, unknown> {
  return r.gateway !== undefined ? { dst: r.destination, gw: r.gateway } : { dst: r.destination };
}

function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
