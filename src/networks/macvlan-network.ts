import { Lazy, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { CoordinatorMode, CoordinatorOptions, DEFAULT_CNI_VERSION, MacvlanMode, coordinatorPlugin, macvlanPlugin, renderConfList, spiderpoolIpam } from '../cni';
import { NetworkAttachmentDefinition } from '../k8s';
import { checkNetworkAttachmentDefinition, errorsOf, formatFinding, Finding, RULES, finding } from '../rules';
import { IpPool } from './ip-pool';

/** Props shared by standalone and overlay macvlan networks. */
export interface MacvlanNetworkProps {
  /** Host interface the macvlan NICs hang off, identical on every node the pods can run on (e.g. `bond0.100`). */
  readonly master: string;
  /**
   * Name of the NetworkAttachmentDefinition (a DNS-1123 label).
   * @default - derived from the construct path
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
   * The IP pools (IPv4 and/or IPv6) pods on this network allocate from by default. More can be added
   * with `addPool`.
   * @default - none (add pools before pods use the network)
   */
  readonly pools?: IpPool[];
  /**
   * Spiderpool coordinator tuning. The coordinator runs after macvlan in the plugin chain, in underlay mode
   * for standalone networks and overlay mode for overlay networks.
   * @default - coordinator with its defaults
   */
  readonly coordinator?: CoordinatorOptions;
  /**
   * CNI spec version written into the config.
   * @default "0.3.1"
   */
  readonly cniVersion?: string;
  /**
   * Whether this construct synthesizes the NetworkAttachmentDefinition. Set it to `false` when something
   * else creates the NAD of the same name and namespace, e.g. Spiderpool from a `SpiderMultusConfig`: the
   * construct then still names the network (for pod annotations), binds its pools and checks its config,
   * but emits no object (and `apiObject` is undefined).
   * @default true
   */
  readonly emitNad?: boolean;
}

/**
 * Common base of {@link MacvlanStandaloneNetwork} and {@link MacvlanOverlayNetwork}: one Multus
 * NetworkAttachmentDefinition running macvlan with Spiderpool IPAM, then the coordinator.
 * Not meant to be extended outside this library; pods take the concrete classes.
 */
export abstract class MacvlanNetwork extends Construct {
  /** The namespace NADs go to unless told otherwise (as in the seed, and where Multus resolves bare names). */
  public static readonly DEFAULT_NAMESPACE = 'kube-system';

  /** NAD name. */
  public readonly name: string;
  /** NAD namespace. */
  public readonly namespace: string;
  /** `namespace/name`, the form pod annotations use. */
  public readonly qualifiedName: string;
  /** Host interface. */
  public readonly master: string;
  /** Macvlan mode. */
  public readonly mode: MacvlanMode;
  /** The synthesized NetworkAttachmentDefinition (undefined when `emitNad` is false). */
  public readonly apiObject?: NetworkAttachmentDefinition;

  private readonly poolList: IpPool[] = [];
  private readonly mtu?: number;
  private readonly cniVersion: string;
  private readonly coordinator: CoordinatorOptions;
  private readonly coordinatorMode: CoordinatorMode;

  protected constructor(scope: Construct, id: string, props: MacvlanNetworkProps, coordinatorMode: CoordinatorMode) {
    super(scope, id);
    this.name = props.name ?? Names.toDnsLabel(this);
    this.namespace = props.namespace ?? MacvlanNetwork.DEFAULT_NAMESPACE;
    this.qualifiedName = `${this.namespace}/${this.name}`;
    this.master = props.master;
    this.mode = props.mode ?? MacvlanMode.BRIDGE;
    this.mtu = props.mtu;
    this.cniVersion = props.cniVersion ?? DEFAULT_CNI_VERSION;
    this.coordinator = props.coordinator ?? {};
    this.coordinatorMode = coordinatorMode;
    for (const pool of props.pools ?? []) this.addPool(pool);

    if (props.emitNad ?? true) {
      this.apiObject = new NetworkAttachmentDefinition(this, 'Resource', {
        metadata: { name: this.name, namespace: this.namespace },
        spec: { config: Lazy.any({ produce: () => this.renderConfig(coordinatorMode) }) as any },
      });
    }

    this.node.addValidation({
      validate: () => {
        const findings: Finding[] = checkNetworkAttachmentDefinition({
          metadata: { name: this.name, namespace: this.namespace },
          spec: { config: this.renderConfig(coordinatorMode) },
        }).findings;
        if (this.poolList.length === 0) {
          findings.push(finding(RULES.podNicWithoutPool, 'pools', 'the network has no IP pool, so its pods get no address',
            'pass `pools` (an IPv4 and/or IPv6 IpPool) or call addPool()'));
        }
        return errorsOf(findings).map(f => formatFinding(f, `NetworkAttachmentDefinition "${this.qualifiedName}"`));
      },
    });
  }

  /** Adds an IP pool this network allocates from by default and binds the pool to this network. */
  public addPool(pool: IpPool): void {
    if (this.poolList.includes(pool)) return;
    this.poolList.push(pool);
    pool._bindNetwork(this.qualifiedName);
  }

  /** The pools of this network, in the order added. */
  public get pools(): IpPool[] {
    return [...this.poolList];
  }

  /** The IPv4 pools. */
  public get ipv4Pools(): IpPool[] {
    return this.poolList.filter(p => p.ipVersion === 4);
  }

  /** The IPv6 pools. */
  public get ipv6Pools(): IpPool[] {
    return this.poolList.filter(p => p.ipVersion === 6);
  }

  /** The CNI plugin list of this network as a deterministic JSON string (what `spec.config` holds). */
  public get cniConfig(): string {
    return this.renderConfig(this.coordinatorMode);
  }

  private renderConfig(coordinatorMode: CoordinatorMode): string {
    return renderConfList({
      cniVersion: this.cniVersion,
      name: this.name,
      plugins: [
        macvlanPlugin({
          master: this.master,
          mode: this.mode,
          mtu: this.mtu,
          ipam: spiderpoolIpam({ ipv4Pools: this.ipv4Pools.map(p => p.name), ipv6Pools: this.ipv6Pools.map(p => p.name) }),
        }),
        coordinatorPlugin(coordinatorMode, this.coordinator),
      ],
    });
  }
}
