import { ApiObject, IAnyProducer, Lazy } from 'cdk8s';
import { IConstruct } from 'constructs';
import { HelperPluginType, IpamType } from '../cni';
import { MacvlanError } from '../errors';
import { IpFamily } from '../net';
import { IMacvlanNetwork, IMacvlanOverlayNetwork, IMacvlanStandaloneNetwork, IpPool, MacvlanOverlayNetwork, MacvlanStandaloneNetwork } from '../networks';
import { recordNetworkUse } from '../networks/attachment-record';
import { MacvlanNetwork } from '../networks/macvlan-network';
import { POOL_SHAPE } from '../networks/shapes';
import { Finding, MULTUS_DEFAULT_NETWORK, MULTUS_NETWORKS, PodNic, SPIDERPOOL_IPPOOLS, checkPodNetworkSet } from '../rules';
import { Shape, ShapeContext, checkShape, custom, listOf, obj, opt, str } from '../shape';
import { podPlacementVersion, podTemplateObject, workloadApiObject } from './pod-template-object';
import { IPodWorkload } from './workload';
import { requirePodWorkload } from './workload-guard';
import { writtenAnnotation } from './written-annotations';
import { ValidatedObject, ValidationEngine, ValidationReference } from '../validation/engine';

/** Options for one NIC of a pod. */
export interface AttachmentOptions {
  /**
   * Interface name inside the pod (at most 15 bytes).
   * @default - `net<N>`, N counting the additional NICs from 1 (Multus' own numbering)
   */
  readonly interfaceName?: string;
  /**
   * The IP pools this NIC allocates from (overrides the network's pools for this pod).
   * @default - the network's pools
   */
  readonly pools?: IpPool[];
  /**
   * Addresses (CIDR form) this pod's NIC requests, for a network with static IPAM and no fixed addresses
   * (written as `ips` in the Multus annotation). Give a workload with several replicas one address per pod
   * only through separate workloads: every replica gets the same request.
   * @default - none
   */
  readonly ips?: string[];
}

/**
 * Options for a standalone set's eth0 (its interface name is always eth0). Unlike an attached NIC, eth0 cannot
 * request per-pod addresses: Multus passes `ips` to additional networks only, never to the default network.
 */
export interface PrimaryNicOptions {
  /**
   * The IP pools eth0 allocates from (overrides the primary network's pools for this pod).
   * @default - the network's pools
   */
  readonly pools?: IpPool[];
}

/** One NIC of a pod, as resolved by a {@link PodNetworks} set. */
export interface NetworkAttachment {
  /** The network. */
  readonly network: IMacvlanNetwork;
  /** Interface name in the pod. */
  readonly interfaceName: string;
  /** Whether this is the default network (eth0). */
  readonly isDefault: boolean;
  /** Pools selected for this NIC (Spiderpool IPAM only). */
  readonly pools: IpPool[];
  /**
   * Addresses requested through the annotation.
   * @default - none
   */
  readonly ips?: string[];
}

interface PendingAttachment {
  readonly network: MacvlanNetwork;
  readonly options: AttachmentOptions;
}

/**
 * The macvlan NICs of a pod, of either kind: what {@link AnnotatedPod} takes and what the factories of
 * {@link PodNetworks} build ({@link StandalonePodNetworks}, {@link OverlayPodNetworks}).
 */
export interface IPodNetworks {
  /** The NICs in order (eth0 first for a standalone set). */
  readonly attachments: NetworkAttachment[];
  /** The pod annotations for this set: Multus networks (JSON form) and Spiderpool `ippools`, in a fixed order. */
  annotations(): { [key: string]: string };
  /**
   * Writes the annotations onto a pod or onto the pod template of a workload of any cdk8s-plus 2.x.
   * @param workload a cdk8s-plus Pod or workload (anything with `podMetadata`)
   */
  applyTo(workload: IPodWorkload): void;
}

/**
 * Builds the macvlan NICs of a pod: {@link PodNetworks.standalone} or {@link PodNetworks.overlay}, two distinct
 * types, so that the compiler rejects an overlay network as eth0 and a mix of standalone and overlay networks.
 * Apply the set to an {@link AnnotatedPod}, or to any cdk8s-plus workload with `applyTo`.
 */
export class PodNetworks {
  /**
   * A pod whose eth0 is `primary` (macvlan replaces the cluster CNI), optionally with more standalone
   * networks as net1, net2, ...
   * @param primary the pod's eth0
   * @param additional extra standalone networks, net1, net2, ... in order
   */
  public static standalone(primary: IMacvlanStandaloneNetwork, ...additional: IMacvlanStandaloneNetwork[]): StandalonePodNetworks {
    const ctx = { call: 'PodNetworks.standalone()' };
    checkShape(primary, STANDALONE_PRIMARY, ctx, 'primary');
    additional.forEach((n, i) => checkShape(n, STANDALONE_EXTRA, ctx, `additional[${i}]`));
    const set = StandalonePodNetworks._create(primary as MacvlanStandaloneNetwork);
    for (const n of additional) set._add(n as MacvlanStandaloneNetwork, {});
    return set;
  }

  /**
   * A pod that keeps the cluster CNI on eth0 and gets each overlay network as net1, net2, ...
   * @param networks the overlay networks, in NIC order
   */
  public static overlay(...networks: IMacvlanOverlayNetwork[]): OverlayPodNetworks {
    networks.forEach((n, i) => checkShape(n, OVERLAY_NETWORK, { call: 'PodNetworks.overlay()' }, `networks[${i}]`));
    const set = OverlayPodNetworks._create();
    for (const n of networks) set._add(n as MacvlanOverlayNetwork, {});
    return set;
  }

  private constructor() {}
}

/**
 * What both kinds of set share. Not exported: jsii erases it, so each kind is a class of its own in every
 * language and no constructor of it is public.
 */
abstract class PodNetworkSet implements IPodNetworks {
  /** @internal */
  protected readonly _pending: PendingAttachment[] = [];
  private readonly applied: IConstruct[] = [];
  /** @internal */
  protected _frozen = false;
  private annotationCache?: { signature: number; value: { [key: string]: string } };

  /**
   * Only through the subclasses' factories.
   * @param hasDefault whether the set's first NIC is the pod's eth0 (a standalone set)
   */
  protected constructor(private readonly hasDefault: boolean) {}

  /** The NICs in order (eth0 first for a standalone set). */
  public get attachments(): NetworkAttachment[] {
    return this._pending.map((p, i) => {
      const isDefault = this.hasDefault && i === 0;
      const iface = this.interfaceNameOf(i);
      const spiderpool = p.network.ipam.type === IpamType.SPIDERPOOL;
      const pools = !spiderpool ? [] : p.options.pools ? [...p.options.pools] : p.network.pools;
      return { network: p.network, interfaceName: iface, isDefault, pools, ips: p.options.ips ? [...p.options.ips] : undefined };
    });
  }

  /** The pod annotations for this set: Multus networks (JSON form) and Spiderpool `ippools`, in a fixed order. */
  public annotations(): { [key: string]: string } {
    return { ...this.currentAnnotations() };
  }

  /**
   * One annotation's current value (what the pod template's annotation resolves to at synth).
   * @internal
   */
  public _annotation(key: string): string | undefined {
    return this.currentAnnotations()[key];
  }

  /** Rendered once the set is frozen, and again only when one of its networks got another pool. */
  private currentAnnotations(): { [key: string]: string } {
    // (a network's pools only grow: their count over the set's networks changes whenever one gets another pool)
    let signature = 0;
    for (let i = 0; i < this._pending.length; i++) signature += this._pending[i].network._poolList.length;
    if (this.annotationCache?.signature === signature) return this.annotationCache.value;
    const value = this.renderAnnotations();
    if (this._frozen) this.annotationCache = { signature, value };
    return value;
  }

  /** The interface name of NIC `i`, as {@link attachments} names it. */
  private interfaceNameOf(i: number): string {
    // Multus numbers extra NICs by position (net1, net2, ...); naming one does not renumber the others.
    if (this.hasDefault && i === 0) return 'eth0';
    return this._pending[i].options.interfaceName ?? `net${this.hasDefault ? i : i + 1}`;
  }

  /**
   * The annotations of the NICs {@link attachments} lists, read from the NICs as attached (no attachment objects,
   * no copies of the pool lists: a set is rendered per workload, at fabric scale tens of thousands).
   */
  private renderAnnotations(): { [key: string]: string } {
    const pending = this._pending;
    const out: { [key: string]: string } = {};
    if (this.hasDefault && pending.length > 0) {
      // "ns/name": Multus applies no per-pod request (ips, mac) to the default network
      out[MULTUS_DEFAULT_NETWORK] = pending[0].network.qualifiedName;
    }
    const extra: Array<Record<string, unknown>> = [];
    for (let i = this.hasDefault ? 1 : 0; i < pending.length; i++) {
      const p = pending[i];
      const selection: Record<string, unknown> = { name: p.network.name, namespace: p.network.namespace, interface: this.interfaceNameOf(i) };
      if (p.options.ips && p.options.ips.length > 0) selection.ips = p.options.ips;
      extra.push(selection);
    }
    if (extra.length > 0) out[MULTUS_NETWORKS] = JSON.stringify(extra);
    // Spiderpool reads `ippools` for its own NICs only; networks with other IPAM get no entry.
    const entries: Array<Record<string, unknown>> = [];
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i];
      if (p.network.ipam.type !== IpamType.SPIDERPOOL) continue;
      const pools = p.options.pools ?? p.network._poolList;
      const entry: Record<string, unknown> = { interface: this.interfaceNameOf(i) };
      const v4: string[] = [];
      const v6: string[] = [];
      for (let j = 0; j < pools.length; j++) {
        if (pools[j].ipVersion === 4) v4.push(pools[j].name);
        else if (pools[j].ipVersion === 6) v6.push(pools[j].name);
      }
      if (v4.length > 0) entry.ipv4 = v4;
      if (v6.length > 0) entry.ipv6 = v6;
      entries.push(entry);
    }
    if (entries.length > 0) out[SPIDERPOOL_IPPOOLS] = JSON.stringify(entries);
    return out;
  }

  /**
   * Writes the annotations onto a pod or onto the pod template of a workload (Deployment, StatefulSet,
   * DaemonSet, Job, ...) of any cdk8s-plus 2.x, and registers the pod-level checks (interface names, pools per
   * NIC) for synth.
   * @param workload a cdk8s-plus Pod or workload (anything with `podMetadata`)
   */
  public applyTo(workload: IPodWorkload): void {
    const target = requirePodWorkload(workload, 'applyTo(workload)');
    if (this.applied.includes(target)) {
      throw new MacvlanError({ constructPath: target.node.path, field: 'applyTo(target)', message: 'these PodNetworks are already applied to this workload', fix: 'apply a network set once per workload' });
    }
    const meta = target.podMetadata;
    const key = writtenAnnotation(meta, SET_ANNOTATION_KEYS);
    if (key !== undefined) {
      throw new MacvlanError({
        constructPath: target.node.path,
        field: `podMetadata.annotations["${key}"]`,
        message: `the pod template already has annotation "${key}"`,
        fix: 'give each workload one PodNetworks set and no hand-written Multus/Spiderpool annotations',
      });
    }
    this.applied.push(target);
    // The set is frozen from here on (the annotation keys are fixed now); the values are rendered at synth,
    // so pools added to a network later still reach the pod's `ippools`.
    this._frozen = true;
    for (const k of Object.keys(this.currentAnnotations())) {
      meta.addAnnotation(k, Lazy.any(new AnnotationProducer(this, k)) as unknown as string);
    }
    // what each network is attached to (VlanTopology's workloads and diagram read it)
    this._pending.forEach((p, i) => recordNetworkUse(p.network, target, () => this.attachments[i]));
    // The workload as synthesized (its pod template annotations from this set, its scale and placement from its
    // own state: no render of the workload) goes through the catalog with the rest of the app.
    ValidationEngine.of(target).addObject(target, new PodNetworksValidation(this, target));
  }

  /**
   * The pod template annotations as synthesized now.
   * @internal
   */
  public _currentAnnotations(): { [key: string]: string } {
    return this.currentAnnotations();
  }

  /**
   * The set's props-only rules (interface names, per-pod addresses), for validation.
   * @internal
   */
  public _propsFindings(): readonly Finding[] {
    return this.requestsAddresses() || this._pending.length === 0 ? checkPodNetworkSet(this.nics()) : NO_FINDINGS;
  }


  /** @internal */
  public _add(network: MacvlanNetwork, options: AttachmentOptions): void {
    if (this._frozen) {
      throw new MacvlanError({
        constructPath: network.node.path,
        field: 'attach(network)',
        message: `cannot attach ${network.qualifiedName}: this PodNetworks set was already applied to a workload`,
        fix: 'attach every network before applyTo() / new AnnotatedPod()',
      });
    }
    // a snapshot: what is validated and rendered at synth is what was attached here
    this._pending.push({ network, options: Object.assign({}, options, { pools: copyList(options.pools), ips: copyList(options.ips) }) });
  }

  /**
   * Sets the options of the default NIC (eth0), keeping its interface name.
   * @internal
   */
  protected _configureDefault(options: PrimaryNicOptions): void {
    const primary = this._pending[0];
    if (this._frozen) {
      throw new MacvlanError({
        field: 'configurePrimary()',
        message: `eth0 (${primary.network.qualifiedName}) cannot be changed: this PodNetworks set was already applied to a workload`,
        fix: 'call configurePrimary() before applyTo() / new AnnotatedPod()',
      });
    }
    this._pending[0] = { network: primary.network, options: { interfaceName: 'eth0', pools: copyList(options.pools) } };
  }

  /** Whether a NIC requests per-pod addresses (the only input of the set's props rules besides its size). */
  private requestsAddresses(): boolean {
    return this._pending.some(p => p.options.ips !== undefined && p.options.ips.length > 0);
  }

  /**
   * Grows with every change that reaches this set's annotations or pool rules (inputs only grow).
   * @internal
   */
  public _inputsVersion(): number {
    // (read at every validation pass, for every workload: index loops, no list made)
    let v = 0;
    for (let i = 0; i < this._pending.length; i++) {
      const p = this._pending[i];
      const pools = p.network._poolList;
      v += pools.length;
      for (let j = 0; j < pools.length; j++) v += pools[j]._networkCount;
      const own = p.options.pools;
      if (own !== undefined) for (let j = 0; j < own.length; j++) v += own[j]._networkCount;
    }
    return v;
  }

  /**
   * The networks and pools this set uses (they may belong to another app).
   * @internal
   */
  public _references(visit: (reference: ValidationReference) => void, seen: Set<object>): void {
    // (index loops: this runs for every workload at every pass)
    for (let i = 0; i < this._pending.length; i++) {
      const p = this._pending[i];
      // a network's pools are the same for every set that attaches it: visited once per pass
      if (!seen.has(p.network)) {
        seen.add(p.network);
        visit(p.network);
        const pools = p.network._poolList;
        for (let j = 0; j < pools.length; j++) visit(pools[j]);
      }
      const own = p.options.pools;
      if (own) for (let j = 0; j < own.length; j++) visit(own[j]);
    }
  }

  private nics(): PodNic[] {
    return this.attachments.map(a => {
      const families: IpFamily[] = [];
      if (a.network.ipv4Pools.length > 0) families.push(4);
      if (a.network.ipv6Pools.length > 0) families.push(6);
      return {
        interface: a.interfaceName,
        network: a.network.qualifiedName,
        kind: MacvlanOverlayNetwork.isMacvlanOverlayNetwork(a.network) ? 'overlay' : 'standalone',
        isDefault: a.isDefault,
        spiderpool: a.network.ipam.type === IpamType.SPIDERPOOL,
        macvlan: true,
        master: a.network.master,
        mode: a.network.mode,
        routeHelper: a.network.helperPlugin !== HelperPluginType.NONE,
        families,
        ipv4Pools: a.pools.filter(p => p.ipVersion === 4).map(p => p.name),
        ipv6Pools: a.pools.filter(p => p.ipVersion === 6).map(p => p.name),
        ipamType: a.network.ipam.type,
        needsPodAddresses: a.network.ipam.needsPodAddresses,
        ips: a.ips,
      };
    });
  }
}

/** NICs of a pod whose eth0 is a standalone macvlan network. Only standalone networks can be added. */
export class StandalonePodNetworks extends PodNetworkSet implements IPodNetworks {
  /**
   * Only through PodNetworks.standalone().
   * @internal
   */
  public static _create(primary: MacvlanStandaloneNetwork): StandalonePodNetworks {
    return new StandalonePodNetworks(primary);
  }

  private readonly standalonePodNetworksBrand = true;

  private constructor(primary: MacvlanStandaloneNetwork) {
    super(true);
    this._add(primary, { interfaceName: 'eth0' });
    void this.standalonePodNetworksBrand;
  }

  /**
   * Chooses eth0's pools for the pods of this set, as {@link attach} does for an extra NIC (for example when the
   * primary network has no pools of its own, or per workload). Call before the set is applied.
   *
   * eth0 takes no per-pod `ips`: Multus loads the default network as its master plugin and passes per-pod requests
   * only to additional networks, so they would be dropped. Give the primary network fixed addresses
   * (`Ipam.staticAddresses({ addresses })`, one network per workload), select a pool holding the addresses, or
   * attach the network as an extra NIC with `attach(network, { ips })`.
   * @param options eth0's pools
   */
  public configurePrimary(options: PrimaryNicOptions): StandalonePodNetworks {
    const constructPath = this._pending[0].network.node.path;
    if (options !== null && typeof options === 'object' && (options as { ips?: unknown }).ips !== undefined) {
      throw new MacvlanError({
        constructPath,
        field: 'options.ips',
        message: 'StandalonePodNetworks.configurePrimary() takes no per-pod ips: Multus applies per-pod ips to additional networks only, never to the default network (eth0), so they would be dropped',
        fix: 'give the primary network fixed addresses (Ipam.staticAddresses({ addresses }), one network per workload), select a Spiderpool pool holding the addresses with configurePrimary({ pools }), or attach the network as an extra NIC with attach(network, { ips })',
      });
    }
    checkShape(options, PRIMARY_NIC_OPTIONS, { call: 'StandalonePodNetworks.configurePrimary()', constructPath }, 'options');
    this._configureDefault(options ?? {});
    return this;
  }

  /**
   * Adds another standalone network as an extra NIC.
   * @param network the standalone network
   * @param options the NIC's name, pools and per-pod addresses
   */
  public attach(network: IMacvlanStandaloneNetwork, options: AttachmentOptions = {}): StandalonePodNetworks {
    checkAttach(network, options, STANDALONE_EXTRA, 'StandalonePodNetworks.attach()');
    this._add(network as MacvlanStandaloneNetwork, options);
    return this;
  }
}

/** NICs of a pod that keeps the cluster CNI on eth0. Only overlay networks can be added. */
export class OverlayPodNetworks extends PodNetworkSet implements IPodNetworks {
  /**
   * Only through PodNetworks.overlay().
   * @internal
   */
  public static _create(): OverlayPodNetworks {
    return new OverlayPodNetworks();
  }

  private readonly overlayPodNetworksBrand = true;

  private constructor() {
    super(false);
    void this.overlayPodNetworksBrand;
  }

  /**
   * Adds another overlay network as an extra NIC.
   * @param network the overlay network
   * @param options the NIC's name, pools and per-pod addresses
   */
  public attach(network: IMacvlanOverlayNetwork, options: AttachmentOptions = {}): OverlayPodNetworks {
    checkAttach(network, options, OVERLAY_NETWORK, 'OverlayPodNetworks.attach()');
    this._add(network as MacvlanOverlayNetwork, options);
    return this;
  }
}

/** A network of one kind; `other` is the fix when the network is of the other kind. */
function networkShape(name: string, test: (v: unknown) => boolean, otherKind: (v: unknown) => boolean, other: string): Shape {
  return custom(`a ${name}`, test, v => (otherKind(v) ? other : `pass a ${name}`));
}

const isStandalone = (v: unknown) => MacvlanStandaloneNetwork.isMacvlanStandaloneNetwork(v);
const isOverlay = (v: unknown) => MacvlanOverlayNetwork.isMacvlanOverlayNetwork(v);
const STANDALONE_PRIMARY = networkShape('MacvlanStandaloneNetwork', isStandalone, isOverlay,
  'an overlay network cannot be a pod\'s default network (eth0): use PodNetworks.overlay(network) to attach it beside the cluster CNI');
const STANDALONE_EXTRA = networkShape('MacvlanStandaloneNetwork', isStandalone, isOverlay,
  'a pod cannot mix standalone and overlay macvlan networks: use only standalone networks here');
const OVERLAY_NETWORK = networkShape('MacvlanOverlayNetwork', isOverlay, isStandalone,
  'a pod cannot mix standalone and overlay macvlan networks: use PodNetworks.standalone(...) for standalone networks');

const ATTACHMENT_OPTIONS: Shape = obj('AttachmentOptions', {
  interfaceName: opt(str('net1')),
  pools: opt(listOf(POOL_SHAPE)),
  ips: opt(listOf(str('10.0.0.5/24'))),
});

const PRIMARY_NIC_OPTIONS: Shape = obj('PrimaryNicOptions', { pools: opt(listOf(POOL_SHAPE)) });

function checkAttach(network: unknown, options: unknown, shape: Shape, call: string): void {
  const ctx: ShapeContext = { call };
  checkShape(network, shape, ctx, 'network');
  checkShape(options, ATTACHMENT_OPTIONS, { call, constructPath: (network as MacvlanNetwork).node.path }, 'options');
}

const NO_FINDINGS: readonly never[] = Object.freeze([]);

/** The annotations a set writes, in the order a hand-written one is reported. */
const SET_ANNOTATION_KEYS: readonly string[] = Object.freeze([MULTUS_DEFAULT_NETWORK, MULTUS_NETWORKS, SPIDERPOOL_IPPOOLS]);

/** Produces one annotation of a set at synth (an object rather than a closure per annotation: it is kept per pod). */
class AnnotationProducer implements IAnyProducer {
  constructor(private readonly set: PodNetworkSet, private readonly key: string) {}

  public produce(): string | undefined {
    return this.set._annotation(this.key);
  }
}

function copyList<T>(list: readonly T[] | undefined): T[] | undefined {
  return Array.isArray(list) ? [...list] : list as T[] | undefined;
}

/** One workload's pod networks as the validation engine reads them (one small object per workload). */
class PodNetworksValidation implements ValidatedObject {
  /** The workload's ApiObject, looked up until found (it never changes once made). */
  private api: ApiObject | undefined;

  constructor(private readonly set: PodNetworkSet, private readonly target: IConstruct) {
    this.api = workloadApiObject(target);
  }

  /** The workload as synthesized (its pod template annotations from this set, its scale and placement from its own state). */
  public object(): Record<string, any> {
    return podTemplateObject(this.target, this.apiObject(), this.set._currentAnnotations());
  }

  public get subject(): string {
    return `pod networks of "${this.target.node.path}"`;
  }

  public version(): number {
    return this.set._inputsVersion() + podPlacementVersion(this.target, this.apiObject());
  }

  private apiObject(): ApiObject | undefined {
    return this.api ??= workloadApiObject(this.target);
  }

  public propsFindings(): readonly Finding[] {
    return this.set._propsFindings();
  }

  public references(visit: (reference: ValidationReference) => void, seen: Set<object>): void {
    this.set._references(visit, seen);
  }
}
