import { Construct } from 'constructs';
import * as k8s from '../k8s';
import { Cidr, IpAddress, IpRange, RangeSet, formattedSetOf } from '../net';
import { CAPACITY_WARN_ANNOTATION, CarriedPoolPlan, POOL_PLAN, defaultPoolRange } from '../rules';
import { Shape, bool, checkConstructorArgs, listOf, mapOf, num, obj, opt, req, str } from '../shape';
import { applyDefaultObjectName } from './default-name';
import { ValidatedObject, ValidationEngine } from '../validation/engine';

/** A route handed to pods that get an address from the pool. */
export interface IpPoolRoute {
  /** Destination CIDR, e.g. `10.7.0.0/16` (not a default route: use the pool's `gateway`). */
  readonly destination: string;
  /** Next hop, inside the pool's subnet. */
  readonly gateway: string;
}

/** Props of {@link IpPool}. */
export interface IpPoolProps {
  /** The subnet in canonical CIDR form, IPv4 or IPv6, e.g. `172.16.100.0/24`. The pool's family follows from it. */
  readonly subnet: string;
  /**
   * Name of the SpiderIPPool (cluster-scoped, so unique in the cluster).
   * @default - the chart's name for the object (`Chart.generateObjectName`: the construct path, with its hash unless the chart sets `disableResourceNameHashes`), in DNS-1123 label form
   */
  readonly name?: string;
  /**
   * Allocatable addresses: single IPs or `a-b` ranges inside the subnet.
   * @default - every host address of the subnet (IPv4: without network and broadcast address; IPv6: after the
   * subnet-router anycast address), at most the first 65535 of them since Spiderpool enumerates every address of
   * a pool; in both cases with the gateway added to `excludeIps`
   */
  readonly ips?: string[];
  /**
   * Addresses never handed out (single IPs or `a-b` ranges inside the subnet).
   * @default - none (plus the gateway when `ips` is derived)
   */
  readonly excludeIps?: string[];
  /**
   * Default gateway for pods, usually the switch VLANIF address. If it lies inside `ips` it must be in `excludeIps`.
   * @default - no default route from this pool
   */
  readonly gateway?: string;
  /**
   * Extra routes for pods (no default route here: use `gateway`).
   * @default - none
   */
  readonly routes?: IpPoolRoute[];
  /**
   * Nodes allowed to allocate from the pool.
   * @default - every node
   */
  readonly nodeAffinity?: k8s.LabelSelector;
  /**
   * Namespaces allowed to allocate from the pool.
   * @default - every namespace
   */
  readonly namespaceAffinity?: k8s.LabelSelector;
  /**
   * Pods allowed to allocate from the pool (must select something if given).
   * @default - every pod
   */
  readonly podAffinity?: k8s.LabelSelector;
  /**
   * Make this a cluster default pool (used by pods that select no pool at all): the SpiderIPPool's `spec.default`.
   * @default false
   */
  readonly clusterDefault?: boolean;
  /**
   * Warn (rule MV171) when the workloads' peak pod count uses more than this share of the pool's allocatable
   * addresses, in percent (above 0, at most 100). Written as the `capacity.cdk8s-macvlan.io/warn-percent`
   * annotation, which `cdk8s-macvlan lint` reads too.
   * @default 90
   */
  readonly capacityWarnPercent?: number;
}

/** The shape of a label selector (what it selects is for the rules). */
const LABEL_SELECTOR_SHAPE: Shape = obj('LabelSelector', {
  matchLabels: opt(mapOf(str())),
  matchExpressions: opt(listOf(obj('LabelSelectorRequirement', { key: req(str()), operator: req(str('In')), values: opt(listOf(str())) }))),
});

/** The shape of {@link IpPoolProps} (addresses are strings here; what they say is for the rules). */
const IP_POOL_PROPS: Shape = obj('IpPoolProps', {
  subnet: req(str('172.16.100.0/24')),
  name: opt(str()),
  ips: opt(listOf(str())),
  excludeIps: opt(listOf(str())),
  gateway: opt(str()),
  routes: opt(listOf(obj('IpPoolRoute', { destination: req(str('10.7.0.0/16')), gateway: req(str()) }))),
  nodeAffinity: opt(LABEL_SELECTOR_SHAPE),
  namespaceAffinity: opt(LABEL_SELECTOR_SHAPE),
  podAffinity: opt(LABEL_SELECTOR_SHAPE),
  clusterDefault: opt(bool()),
  capacityWarnPercent: opt(num()), // its range: MV171's
});

/**
 * A Spiderpool IP pool (`SpiderIPPool`). Networks reference pools; each pool records the networks that
 * use it in `multusName` (`ns/name`), so Spiderpool only allocates from it for those NADs.
 *
 * Problems in the address plan (IPs outside the subnet, a gateway that could be allocated, overlapping
 * pools anywhere in the app, ...) are reported together when the app is synthesized.
 */
export class IpPool extends k8s.SpiderIpPool {
  /**
   * The spec from the props: derived ips (and the gateway excluded) only when `ips` is not given; and the address
   * plan the spec carries for the rules (see {@link POOL_PLAN}): the subnet as parsed here, the derived range, or
   * the set a topology formatted `ips` from.
   */
  private static specFor(props: IpPoolProps): { spec: k8s.SpiderIpPoolSpec; plan: (ipsList: unknown, excludeList: unknown) => CarriedPoolPlan } {
    const cidr = Cidr.tryParse(props.subnet);
    let ips = props.ips;
    let excludeIps = props.excludeIps;
    // (the texts the ips were made with and the set they format, when known without parsing them)
    const formatted = Array.isArray(ips) ? formattedSetOf(ips) : undefined;
    let ipsTexts: readonly string[] = formatted !== undefined ? formatted.texts : NO_TEXTS;
    let ipsSet = formatted?.set;
    let excludeTexts: readonly string[] = NO_TEXTS;
    let excludeSet: RangeSet | undefined;
    let gateway: IpAddress | undefined;
    if (ips === undefined && cidr?.isCanonical) {
      const hosts = defaultPoolRange(cidr);
      ips = [hosts.toString()];
      ipsTexts = ips;
      ipsSet = RangeSet.of(cidr.family, [hosts]);
      const gw = props.gateway !== undefined ? IpAddress.tryParse(props.gateway) : undefined;
      // (the gateway as parsed here, and as the excluded range when it is all excludeIps hold; not for a text starting
      // with ":", which the check reads apart as a possible IPv4-mapped spelling)
      const plain = gw !== undefined && props.gateway!.charCodeAt(0) !== 58;
      if (plain) gateway = gw;
      if (gw && hosts.contains(gw) && !(excludeIps ?? []).includes(props.gateway!)) {
        excludeIps = [...(excludeIps ?? []), props.gateway!];
        if (plain && props.excludeIps === undefined) {
          excludeTexts = excludeIps;
          excludeSet = RangeSet.of(gw.family, [IpRange.of(gw, gw)]);
        }
      }
    }
    // only the fields that are set: every key is walked again when the object is rendered
    const spec: { -readonly [K in keyof k8s.SpiderIpPoolSpec]: k8s.SpiderIpPoolSpec[K] } = {
      ipVersion: cidr?.family ?? (props.subnet.includes(':') ? 6 : 4),
      subnet: props.subnet,
    };
    // copies of the lists: the checks run once, on what was given here (anything else is left for them to report)
    if (ips != null) spec.ips = Array.isArray(ips) ? [...ips] : ips;
    if (excludeIps != null) spec.excludeIPs = Array.isArray(excludeIps) ? [...excludeIps] : excludeIps;
    if (props.gateway != null) spec.gateway = props.gateway;
    if (props.routes != null) {
      spec.routes = Array.isArray(props.routes) ? props.routes.map(r => ({ dst: r?.destination, gw: r?.gateway })) : props.routes;
    }
    if (props.podAffinity != null) spec.podAffinity = props.podAffinity;
    if (props.namespaceAffinity != null) spec.namespaceAffinity = props.namespaceAffinity;
    if (props.nodeAffinity != null) spec.nodeAffinity = props.nodeAffinity;
    if (props.clusterDefault != null) spec.clusterDefault = props.clusterDefault;
    return {
      spec,
      plan: (ipsList, excludeList) => new CarriedPoolPlan(props.subnet, cidr, ipsList, ipsTexts, ipsSet, excludeList, excludeTexts, excludeSet,
        props.gateway, gateway),
    };
  }

  /** The subnet as given. */
  public readonly subnet: string;
  /** 4 or 6 (from the subnet; 4 when the subnet does not parse, which validation reports). */
  public readonly ipVersion: number;

  private readonly multusNames: string[] = [];
  private readonly warnAnnotation?: { [key: string]: string };

  constructor(scope: Construct, id: string, props: IpPoolProps) {
    checkConstructorArgs(scope, id, props, IP_POOL_PROPS, 'new IpPool()');
    const { spec, plan } = IpPool.specFor(props);
    // The pool is the SpiderIPPool itself (one construct per object keeps large fabrics cheap to synthesize);
    // the rendered spec (`_crdSpec`) stays ours, so binding a network later only updates its multusName.
    const annotations = props.capacityWarnPercent !== undefined ? { [CAPACITY_WARN_ANNOTATION]: String(props.capacityWarnPercent) } : undefined;
    const metadata: { name?: string; annotations?: { [key: string]: string } } = {};
    if (props.name !== undefined) metadata.name = props.name;
    if (annotations) metadata.annotations = annotations;
    super(scope, id, { metadata, spec });
    applyDefaultObjectName(this, props.name);
    // (the plan for the spec's own ips list, which the rules take only while the spec holds what it was made with)
    Object.defineProperty(this._crdSpec, POOL_PLAN, { value: plan(this._crdSpec.ips, this._crdSpec.excludeIPs) });
    this.warnAnnotation = annotations;
    this.subnet = props.subnet;
    this.ipVersion = spec.ipVersion;

    ValidationEngine.of(this).addObject(this, new PoolValidation(this));
  }

  /** The default gateway handed to pods, as given (`spec.gateway`); undefined: no default route from this pool. */
  public get gateway(): string | undefined {
    return typeof this._crdSpec.gateway === 'string' ? this._crdSpec.gateway : undefined;
  }

  /** The allocatable addresses as written to `spec.ips` (given, or derived from the subnet). */
  public get ips(): string[] {
    return stringList(this._crdSpec.ips);
  }

  /** The addresses never handed out, as written to `spec.excludeIPs` (with the gateway added when `ips` is derived). */
  public get excludeIps(): string[] {
    return stringList(this._crdSpec.excludeIPs);
  }

  /** The extra routes handed to pods. */
  public get routes(): IpPoolRoute[] {
    const routes = this._crdSpec.routes;
    return Array.isArray(routes) ? routes.map((r: { dst: string; gw: string }) => ({ destination: r?.dst, gateway: r?.gw })) : [];
  }

  /** Whether this is a cluster default pool (`spec.default`). */
  public get clusterDefault(): boolean {
    return this._crdSpec.default === true;
  }

  /** The NADs (`ns/name`) allowed to allocate from this pool, in the order they were bound. */
  public get networks(): string[] {
    return [...this.multusNames];
  }

  /**
   * Records that a network allocates from this pool (adds it to `multusName`).
   * @internal
   */
  public _bindNetwork(qualifiedName: string): void {
    if (this.multusNames.includes(qualifiedName)) return;
    this.multusNames.push(qualifiedName);
    this._crdSpec.multusName = [...this.multusNames];
  }

  /**
   * How many networks the pool is bound to.
   * @internal
   */
  public get _networkCount(): number {
    return this.multusNames.length;
  }

  /**
   * The SpiderIPPool as synthesized, for the rules (the spec is the one written to the manifest).
   * @internal
   */
  public _validationObject(): Record<string, any> {
    const metadata: Record<string, unknown> = { name: this.name };
    if (this.warnAnnotation) metadata.annotations = this.warnAnnotation;
    return { apiVersion: k8s.SpiderIpPool.GVK.apiVersion, kind: k8s.SpiderIpPool.GVK.kind, metadata, spec: this._crdSpec };
  }
}

/** The pool as the validation engine reads it (one small object per pool: fabrics have thousands). */
class PoolValidation implements ValidatedObject {
  constructor(private readonly pool: IpPool) {}

  public object(): Record<string, any> {
    return this.pool._validationObject();
  }

  public get subject(): string {
    return `SpiderIPPool "${this.pool.name}"`;
  }

  public version(): number {
    return this.pool._networkCount;
  }
}

/** No texts (shared, frozen). */
const NO_TEXTS: readonly string[] = Object.freeze([]);

/** A copy of a list of strings as stored (anything else, which validation reports, as no entries). */
function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
