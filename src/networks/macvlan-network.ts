import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  CoordinatorMode, DEFAULT_CNI_VERSION, HelperPluginModel, HelperPluginType, Ipam, MacvlanMode,
  HelperPlugin, SMC_CNI_VERSION_ANNOTATION, helperPluginModel, coordinatorPlugin, coordinatorSpec,
  ifacerPlugin, macvlanPlugin,
  needsIfacer, confListObject, spidernetPlugin,
} from '../cni';
import * as k8s from '../k8s';
import { Finding, MacvlanNetworkModel, NAD_CONFIG, NadConfigText, checkMacvlanNetwork, renderNadConfig } from '../rules';
import { applyDefaultObjectName } from './default-name';
import { IpPool } from './ip-pool';
import { IfacerOptions, NadSource } from './nad-source';
import { MacvlanError } from '../errors';
import { checkShape } from '../shape';
import { POOL_SHAPE } from './shapes';
import { ValidatedObject, ValidationEngine } from '../validation/engine';
import { annotationsVersion } from '../validation/versions';

/** Props shared by standalone and overlay macvlan networks. */
export interface MacvlanNetworkProps {
  /** Host interface the macvlan NICs hang off, identical on every node the pods can run on (e.g. `bond0.100`). */
  readonly master: string;
  /**
   * Name of the NetworkAttachmentDefinition (a DNS-1123 label).
   * @default - the chart's name for the object (`Chart.generateObjectName`: the construct path, with its hash unless the chart sets `disableResourceNameHashes`), in DNS-1123 label form
   */
  readonly name?: string;
  /**
   * Namespace of the NetworkAttachmentDefinition.
   * @default "kube-system"
   */
  readonly namespace?: string;
  /**
   * Macvlan mode.
   * @default MacvlanMode.BRIDGE
   */
  readonly mode?: MacvlanMode;
  /**
   * MTU of the pod NIC; must not exceed the master's MTU.
   * @default - inherit the master's MTU
   */
  readonly mtu?: number;
  /**
   * IPAM plugin.
   * @default Ipam.spiderpool()
   */
  readonly ipam?: Ipam;
  /**
   * The Spiderpool IP pools (IPv4 and/or IPv6) pods on this network allocate from by default. More can be added
   * with `addPool`. Spiderpool IPAM only.
   * @default - none (add pools before pods use the network)
   */
  readonly pools?: IpPool[];
  /**
   * CNI spec version written into the config.
   * @default "0.3.1"
   */
  readonly cniVersion?: string;
  /**
   * What to synthesize: the NetworkAttachmentDefinition itself, or a SpiderMultusConfig from which Spiderpool
   * generates it.
   * @default NadSource.NETWORK_ATTACHMENT_DEFINITION
   */
  readonly source?: NadSource;
  /**
   * Let Spiderpool's `ifacer` create the master (bond and/or VLAN sub-interface) at pod start. `master` must
   * then be the interface ifacer creates: `<bond name or the single interface>[.<vlanId>]`.
   * @default - the master exists on the nodes
   */
  readonly ifacer?: IfacerOptions;
}

/**
 * A macvlan network, as pods and topologies hand it around: what a {@link MacvlanStandaloneNetwork} or
 * {@link MacvlanOverlayNetwork} offers to read. Pod network sets take {@link IMacvlanStandaloneNetwork} or
 * {@link IMacvlanOverlayNetwork}, so that the compiler keeps the two kinds apart.
 */
export interface IMacvlanNetwork extends IConstruct {
  /** Name of the NetworkAttachmentDefinition (and of the SpiderMultusConfig that generates it). */
  readonly name: string;
  /** NAD namespace. */
  readonly namespace: string;
  /** `namespace/name`, the form pod annotations use. */
  readonly qualifiedName: string;
  /** Host interface the macvlan NICs hang off. */
  readonly master: string;
  /** Macvlan mode. */
  readonly mode: MacvlanMode;
  /**
   * MTU of the pod NIC.
   * @default - the master's MTU
   */
  readonly mtu?: number;
  /** CNI spec version written into the config. */
  readonly cniVersion: string;
  /** IPAM plugin. */
  readonly ipam: Ipam;
  /** What is synthesized for Multus (a NetworkAttachmentDefinition, or a SpiderMultusConfig). */
  readonly source: NadSource;
  /** The pools, in the order added. */
  readonly pools: IpPool[];
  /** The IPv4 pools. */
  readonly ipv4Pools: IpPool[];
  /** The IPv6 pools. */
  readonly ipv6Pools: IpPool[];
  /** The route helper chained after macvlan. */
  readonly helperPlugin: HelperPluginType;
  /** The CNI plugin list as a deterministic JSON string (`spec.config` of the NAD). */
  readonly cniConfig: string;
  /**
   * Adds an IP pool this network allocates from by default and binds the pool to this network.
   * @param pool a pool of the network's IPAM family (Spiderpool IPAM only)
   */
  addPool(pool: IpPool): void;
}

/**
 * Common base of {@link MacvlanStandaloneNetwork} and {@link MacvlanOverlayNetwork}: one Multus network running
 * macvlan (after Spiderpool's ifacer, if asked), an IPAM plugin, then the route helper.
 * Not meant to be extended outside this library; signatures take {@link IMacvlanNetwork} and its two kinds.
 *
 * Not part of the public API (not exported from the package; jsii erases it, so the two network classes extend
 * cdk8s' `ApiObject` in every language, with these members): its constructor takes the coordinator mode and the
 * helper plugin model, which only the two subclasses may choose.
 * @jsii ignore internal base class of MacvlanStandaloneNetwork and MacvlanOverlayNetwork
 */
export abstract class MacvlanNetwork extends ApiObject implements IMacvlanNetwork {
  /** The namespace NADs go to unless told otherwise (as in the seed, and where Multus resolves bare names). */
  public static readonly DEFAULT_NAMESPACE = 'kube-system';

  /** NAD namespace. */
  public readonly namespace: string;
  /** `namespace/name`, the form pod annotations use. */
  public readonly qualifiedName: string;
  /** Host interface. */
  public readonly master: string;
  /** Macvlan mode. */
  public readonly mode: MacvlanMode;
  /** IPAM plugin. */
  public readonly ipam: Ipam;
  /**
   * What is synthesized for Multus: the network is that object itself (a NetworkAttachmentDefinition, or a
   * SpiderMultusConfig from which Spiderpool generates the NetworkAttachmentDefinition).
   */
  public readonly source: NadSource;

  /**
   * MTU of the pod NIC.
   * @default - the master's MTU
   */
  public readonly mtu?: number;
  /** CNI spec version written into the config. */
  public readonly cniVersion: string;

  private readonly poolList: IpPool[] = [];
  private readonly helper: HelperPluginModel;
  private readonly coordinatorMode: CoordinatorMode;
  private readonly ifacer?: IfacerOptions;
  private readonly spec: Record<string, unknown>;
  /** The NAD config as written, with the object it was written from (the rules read that instead of parsing). */
  private rendered?: NadConfigText;
  private constructed = false;

  protected constructor(scope: Construct, id: string, props: MacvlanNetworkProps, coordinatorMode: CoordinatorMode, helper: HelperPlugin) {
    const source = props.source ?? NadSource.NETWORK_ATTACHMENT_DEFINITION;
    const namespace = props.namespace ?? MacvlanNetwork.DEFAULT_NAMESPACE;
    const spec: Record<string, unknown> = {};
    // The network is the Kubernetes object itself (one construct per object keeps large fabrics cheap to
    // synthesize); `spec` stays ours and is re-rendered when a pool is added.
    const gvk = source === NadSource.SPIDER_MULTUS_CONFIG ? k8s.SpiderMultusConfig.GVK : k8s.NetworkAttachmentDefinition.GVK;
    // (no `{ ...x, key }` literals for per-object data: V8 gives each such object a hidden class of its own)
    super(scope, id, {
      apiVersion: gvk.apiVersion,
      kind: gvk.kind,
      metadata: props.name !== undefined ? { name: props.name, namespace } : { namespace },
      spec,
    });
    applyDefaultObjectName(this, props.name);
    this.spec = spec;
    this.source = source;
    this.namespace = namespace;
    // (joined, not concatenated: a flat text, which the pools' multusName checks and the pod rules read at validation)
    this.qualifiedName = [this.namespace, this.name].join('/');
    this.master = props.master;
    this.mode = props.mode ?? MacvlanMode.BRIDGE;
    this.ipam = props.ipam ?? Ipam.spiderpool();
    this.mtu = props.mtu;
    this.cniVersion = props.cniVersion ?? DEFAULT_CNI_VERSION;
    const model = helperPluginModel(helper);
    if (!model) {
      throw new MacvlanError({
        constructPath: this.node.path,
        field: 'helper',
        message: 'the helper was not built by StandaloneHelperPlugin or OverlayHelperPlugin',
        fix: 'use StandaloneHelperPlugin.coordinator() / OverlayHelperPlugin.coordinator() (or their spidernet and none factories)',
      });
    }
    this.helper = model;
    // (a helper of the other network kind is refused by the subclasses' shape check)
    this.coordinatorMode = coordinatorMode;
    this.ifacer = props.ifacer;
    if (source === NadSource.SPIDER_MULTUS_CONFIG && this.cniVersion !== DEFAULT_CNI_VERSION) {
      this.metadata.addAnnotation(SMC_CNI_VERSION_ANNOTATION, this.cniVersion);
    }
    for (const pool of props.pools ?? []) this.addPool(pool);
    this.refreshSpec();
    this.constructed = true;

    // The object as synthesized goes through the catalog with the rest of the app; the choices only the props
    // show (IPAM against pools, what a SpiderMultusConfig can express, ifacer, helper options) are checked here.
    ValidationEngine.of(this).addObject(this, new NetworkValidation(this));
  }

  /**
   * Adds an IP pool this network allocates from by default and binds the pool to this network.
   * @param pool a pool of the network's IPAM family (Spiderpool IPAM only)
   */
  public addPool(pool: IpPool): void {
    checkShape(pool, POOL_SHAPE, { call: 'addPool()', constructPath: this.node.path }, 'pool');
    if (this.poolList.includes(pool)) return;
    this.poolList.push(pool);
    this.rendered = undefined;
    pool._bindNetwork(this.qualifiedName);
    if (this.constructed) this.refreshSpec();
  }

  /** Writes the current spec (NAD config, or SpiderMultusConfig spec) into the object. */
  private refreshSpec(): void {
    for (const key of Object.keys(this.spec)) delete this.spec[key];
    if (this.source === NadSource.SPIDER_MULTUS_CONFIG) Object.assign(this.spec, this.spiderMultusConfigSpec());
    else this.spec.config = this.cniConfig;
  }

  /** The pools of this network, in the order added. */
  public get pools(): IpPool[] {
    return [...this.poolList];
  }

  /**
   * The pools, not copied.
   * @internal
   */
  public get _poolList(): readonly IpPool[] {
    return this.poolList;
  }

  /** The IPv4 pools. */
  public get ipv4Pools(): IpPool[] {
    return this.poolList.filter(p => p.ipVersion === 4);
  }

  /** The IPv6 pools. */
  public get ipv6Pools(): IpPool[] {
    return this.poolList.filter(p => p.ipVersion === 6);
  }

  /** The route helper chained after macvlan. */
  public get helperPlugin(): HelperPluginType {
    return this.helper.type;
  }

  /**
   * The CNI plugin list of this network as a deterministic JSON string: what `spec.config` of the NAD holds
   * (on the SpiderMultusConfig path: what Spiderpool generates from it).
   */
  public get cniConfig(): string {
    if (this.rendered === undefined) {
      const plugins: Array<Record<string, unknown>> = [];
      if (this.ifacer && needsIfacer(this.ifacer.interfaces, this.ifacer.vlanId)) {
        plugins.push(ifacerPlugin({ interfaces: this.ifacer.interfaces, vlanId: this.ifacer.vlanId, bond: this.ifacer.bond }));
      }
      plugins.push(macvlanPlugin({
        master: this.master,
        mode: this.mode,
        mtu: this.mtu,
        capabilities: this.ipam.needsPodAddresses ? { ips: true } : undefined,
        ipam: this.ipam._render({ ipv4Pools: this.ipv4Pools.map(p => p.name), ipv6Pools: this.ipv6Pools.map(p => p.name) }),
      }));
      const helper = this.helperPluginConfig();
      if (helper) plugins.push(helper);
      // (the plugin objects are built here, for this config only, and never changed: the rules may read them)
      this.rendered = renderNadConfig(confListObject({ cniVersion: this.cniVersion, name: this.name, plugins }));
    }
    return this.rendered.text;
  }

  private helperPluginConfig(): Record<string, unknown> | undefined {
    switch (this.helper.type) {
      case HelperPluginType.COORDINATOR: return coordinatorPlugin(this.coordinatorMode, this.helper.coordinator);
      case HelperPluginType.SPIDERNET_VETH: return spidernetPlugin('veth', this.helper.spidernet!);
      case HelperPluginType.SPIDERNET_ROUTER: return spidernetPlugin('router', this.helper.spidernet!);
      default: return undefined;
    }
  }

  /** The SpiderMultusConfig spec expressing the same network (CRD field names, fixed order). */
  private spiderMultusConfigSpec(): Record<string, unknown> {
    const macvlan: Record<string, unknown> = { master: this.ifacer ? [...this.ifacer.interfaces] : [this.master] };
    if (this.ifacer?.vlanId) macvlan.vlanID = this.ifacer.vlanId;
    if (this.ifacer?.bond) {
      const bond: Record<string, unknown> = { name: this.ifacer.bond.name, mode: this.ifacer.bond.mode };
      if (this.ifacer.bond.options) bond.options = this.ifacer.bond.options;
      macvlan.bond = bond;
    }
    if (this.mtu) macvlan.mtu = this.mtu;
    const ippools: Record<string, string[]> = {};
    if (this.ipv4Pools.length > 0) ippools.ipv4 = this.ipv4Pools.map(p => p.name);
    if (this.ipv6Pools.length > 0) ippools.ipv6 = this.ipv6Pools.map(p => p.name);
    if (Object.keys(ippools).length > 0) macvlan.ippools = ippools;
    const spec: Record<string, unknown> = { cniType: 'macvlan', macvlan };
    if (this.helper.type === HelperPluginType.COORDINATOR) {
      spec.enableCoordinator = true;
      spec.coordinator = coordinatorSpec(this.coordinatorMode, this.helper.coordinator);
    } else {
      spec.enableCoordinator = false;
      const helper = this.helperPluginConfig();
      if (helper) spec.chainCNIJsonData = [JSON.stringify(helper)];
    }
    return spec;
  }

  /**
   * The object as synthesized (NAD, or SpiderMultusConfig), for the rules.
   * @internal
   */
  public _validationObject(): Record<string, any> {
    const gvk = this.source === NadSource.SPIDER_MULTUS_CONFIG ? k8s.SpiderMultusConfig.GVK : k8s.NetworkAttachmentDefinition.GVK;
    const metadata: Record<string, unknown> = { name: this.name, namespace: this.namespace };
    // with the annotations written (the SpiderMultusConfig's cni-version one is checked too: MV113); without
    // any (cdk8s keeps them in the metadata's `annotations` map), no render of the metadata
    const written = (this.metadata as unknown as { annotations?: unknown }).annotations;
    const none = typeof written === 'object' && written !== null && !hasOwnKey(written);
    const annotations = none ? undefined : this.metadata.toJson().annotations;
    if (annotations && Object.keys(annotations).length > 0) metadata.annotations = annotations;
    const obj = { apiVersion: gvk.apiVersion, kind: gvk.kind, metadata, spec: this.spec };
    // (the config object `spec.config` was written from, for the rules; they use it only for that very text)
    if (this.source !== NadSource.SPIDER_MULTUS_CONFIG && this.rendered?.value !== undefined) {
      Object.defineProperty(obj, NAD_CONFIG, { value: this.rendered });
    }
    return obj;
  }

  /**
   * The network as the network rules see it.
   * @internal
   */
  public _model(): MacvlanNetworkModel {
    return new NetworkModel(this.source, this.mode, this.ipam.type, this.master, this.poolList, this.helper.coordinator?.podCidrType, this.ifacer);
  }
}

/** Whether `o` has an own enumerable key (what `Object.keys(o).length > 0` says, without the list). */
function hasOwnKey(o: object): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return true;
  return false;
}

/**
 * {@link MacvlanNetwork._model}: the pools' names read when a rule reads them (at each synth, for every network;
 * the rules read them only for a network whose IPAM is not Spiderpool).
 */
class NetworkModel implements MacvlanNetworkModel {
  constructor(public readonly source: NadSource, public readonly mode: MacvlanMode, public readonly ipamType: string,
    public readonly master: string, private readonly poolList: readonly IpPool[], public readonly podCidrType: string | undefined,
    public readonly ifacer: IfacerOptions | undefined) {}

  public get pools(): readonly string[] {
    return this.poolList.map(p => p.name);
  }
}

/** The network as the validation engine reads it: its object, and the choices only its props show. */
class NetworkValidation implements ValidatedObject {
  constructor(private readonly network: MacvlanNetwork) {}

  public object(): Record<string, any> {
    return this.network._validationObject();
  }

  public get subject(): string {
    return `${this.network.source} "${this.network.qualifiedName}"`;
  }

  public version(): number {
    // (its object carries the annotations written on it: the SpiderMultusConfig ones are checked)
    return this.network._poolList.length + annotationsVersion(this.network.metadata);
  }

  public propsFindings(): readonly Finding[] {
    return checkMacvlanNetwork(this.network._model());
  }
}
