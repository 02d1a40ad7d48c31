import { CoordinatorOptions, CoordinatorPodCidrType } from './coordinator-options';
import { HelperPluginModel, registerHelperModel } from './helper-plugin-model';
import { Shape, bool, checkShape, int, listOf, num, obj, oneOf, opt, req, str } from '../shape';

/** Which route helper is chained after macvlan. */
export enum HelperPluginType {
  /** Spiderpool's coordinator. */
  COORDINATOR = 'coordinator',
  /** The legacy spidernet `veth` meta plugin (standalone networks, as in the multus-underlay chart). */
  SPIDERNET_VETH = 'veth',
  /** The legacy spidernet `router` meta plugin (overlay networks, as in the multus-underlay chart). */
  SPIDERNET_ROUTER = 'router',
  /** Nothing after macvlan. */
  NONE = 'none',
}

/** Options of the legacy spidernet `veth` / `router` meta plugins. */
export interface SpidernetHelperOptions {
  /** The cluster's Service CIDRs, routed through the node (`service_hijack_subnet`). */
  readonly serviceHijackSubnets: string[];
  /** The cluster CNI's pod CIDRs, routed through the node (`overlay_hijack_subnet`). */
  readonly overlayHijackSubnets: string[];
  /**
   * More CIDRs routed through the node (`additional_hijack_subnet`).
   * @default - none
   */
  readonly additionalHijackSubnets?: string[];
  /**
   * `migrate_route`: -1 auto, 0 keep routes on the first NIC, 1 move them to the last.
   * @default -1
   */
  readonly migrateRoute?: number;
  /**
   * Set `rp_filter` on the host to this value (`rp_filter: {set_host: true, value}`).
   * @default 0
   */
  readonly hostRpFilter?: number;
}


const STRINGS = listOf(str('10.233.0.0/18'));
/** Values the NAD rules check (podMacPrefix, txQueueLen, podRpFilter) are numbers/strings here; the rest is typed fully. */
const COORDINATOR: Shape = obj('CoordinatorOptions', {
  podCidrType: opt(oneOf('CoordinatorPodCidrType', CoordinatorPodCidrType as unknown as { [key: string]: string })),
  tunePodRoutes: opt(bool()),
  podDefaultRouteNic: opt(str('net1')),
  podMacPrefix: opt(str('0a:1b')),
  hijackCidrs: opt(STRINGS),
  hostRuleTable: opt(int()),
  podRpFilter: opt(num()),
  txQueueLen: opt(num()),
});
const SPIDERNET: Shape = obj('SpidernetHelperOptions', {
  serviceHijackSubnets: req(STRINGS),
  overlayHijackSubnets: req(STRINGS),
  additionalHijackSubnets: opt(STRINGS),
  migrateRoute: opt(int()),
  hostRpFilter: opt(int()),
});

/**
 * The route helper of a standalone network (macvlan eth0): Spiderpool's coordinator in underlay mode (default),
 * the legacy spidernet `veth` plugin, or none (the pod then cannot reach ClusterIP services or its own node).
 */
export class StandaloneHelperPlugin {
  /**
   * Spiderpool's coordinator in underlay mode (a veth pair to the node for Services and node traffic).
   * @param options the coordinator's options (none: Spiderpool's defaults)
   */
  public static coordinator(options: CoordinatorOptions = {}): StandaloneHelperPlugin {
    checkShape(options, COORDINATOR, { call: 'StandaloneHelperPlugin.coordinator()' }, 'options');
    return new StandaloneHelperPlugin({ type: HelperPluginType.COORDINATOR, coordinator: options });
  }

  /**
   * The legacy spidernet `veth` meta plugin of the multus-underlay chart.
   * @param options the subnets whose traffic goes through the node
   */
  public static spidernetVeth(options: SpidernetHelperOptions): StandaloneHelperPlugin {
    checkShape(options, SPIDERNET, { call: 'StandaloneHelperPlugin.spidernetVeth()' }, 'options');
    return new StandaloneHelperPlugin({ type: HelperPluginType.SPIDERNET_VETH, spidernet: options });
  }

  /** No helper: reported as a warning, since the pod cannot reach ClusterIP services or its node. */
  public static none(): StandaloneHelperPlugin {
    return new StandaloneHelperPlugin({ type: HelperPluginType.NONE });
  }

  /** Keeps the type nominal: an overlay helper is not assignable here. */
  private readonly standaloneHelperBrand = true;

  /** The helper plugin. */
  public readonly type: HelperPluginType;

  private constructor(model: HelperPluginModel) {
    this.type = model.type;
    registerHelperModel(this, model);
    void this.standaloneHelperBrand;
  }
}

/**
 * The route helper of an overlay network (macvlan net1 beside the cluster CNI): Spiderpool's coordinator in
 * overlay mode (default), the legacy spidernet `router` plugin, or none.
 */
export class OverlayHelperPlugin {
  /**
   * Spiderpool's coordinator in overlay mode.
   * @param options the coordinator's options (none: Spiderpool's defaults)
   */
  public static coordinator(options: CoordinatorOptions = {}): OverlayHelperPlugin {
    checkShape(options, COORDINATOR, { call: 'OverlayHelperPlugin.coordinator()' }, 'options');
    return new OverlayHelperPlugin({ type: HelperPluginType.COORDINATOR, coordinator: options });
  }

  /**
   * The legacy spidernet `router` meta plugin of the multus-underlay chart.
   * @param options the subnets whose traffic goes through the node
   */
  public static spidernetRouter(options: SpidernetHelperOptions): OverlayHelperPlugin {
    checkShape(options, SPIDERNET, { call: 'OverlayHelperPlugin.spidernetRouter()' }, 'options');
    return new OverlayHelperPlugin({ type: HelperPluginType.SPIDERNET_ROUTER, spidernet: options });
  }

  /** No helper after macvlan. */
  public static none(): OverlayHelperPlugin {
    return new OverlayHelperPlugin({ type: HelperPluginType.NONE });
  }

  /** Keeps the type nominal: a standalone helper is not assignable here. */
  private readonly overlayHelperBrand = true;

  /** The helper plugin. */
  public readonly type: HelperPluginType;

  private constructor(model: HelperPluginModel) {
    this.type = model.type;
    registerHelperModel(this, model);
    void this.overlayHelperBrand;
  }
}
