/**
 * Where Spiderpool's coordinator plugin takes the pod's cluster CIDRs from.
 */
export enum CoordinatorPodCidrType {
  /** Detect from the cluster (default of Spiderpool). */
  AUTO = 'auto',
  /** From the kube-controller-manager cluster CIDR. */
  CLUSTER = 'cluster',
  /** From Calico IP pools. */
  CALICO = 'calico',
  /** From Cilium IP pools. */
  CILIUM = 'cilium',
  /** Do not collect pod CIDRs. */
  NONE = 'none',
}

/**
 * Tuning options of Spiderpool's `coordinator` chained plugin. The mode (underlay or overlay)
 * is not an option: it follows from the network type.
 */
export interface CoordinatorOptions {
  /**
   * Where Spiderpool's controller learns the cluster's pod CIDRs from. Only a network synthesized as a
   * SpiderMultusConfig can carry it (the controller resolves it when it generates the NAD).
   * @default - Spiderpool default (auto)
   */
  readonly podCidrType?: CoordinatorPodCidrType;
  /**
   * Tune the pod's routing tables when the pod has several NICs.
   * @default - coordinator default (true)
   */
  readonly tunePodRoutes?: boolean;
  /**
   * The NIC that holds the pod's default route when the pod has several NICs, e.g. `net1`.
   * @default - coordinator default (the first NIC)
   */
  readonly podDefaultRouteNic?: string;
  /**
   * Fixed MAC address prefix for pod NICs (unicast, e.g. `0a:1b`).
   * @default - random MAC addresses
   */
  readonly podMacPrefix?: string;
  /**
   * Extra CIDRs that are routed through the host, e.g. node-local DNS `169.254.20.10/32`.
   * @default - none
   */
  readonly hijackCidrs?: string[];
  /**
   * Host routing table used for routes to the pod's underlay addresses.
   * @default - coordinator default (500)
   */
  readonly hostRuleTable?: number;
  /**
   * The pod's `rp_filter` sysctl: 0 (off), 1 (strict) or 2 (loose).
   * @default - coordinator default (0)
   */
  readonly podRpFilter?: number;
  /**
   * Transmit queue length of the pod's NICs; 0 keeps the kernel default.
   * @default - coordinator default (0)
   */
  readonly txQueueLen?: number;
}
