/** How a VLAN is offered to pods. */
export enum VlanOffer {
  /** One macvlan-standalone network: the pod's eth0 is on the VLAN. */
  STANDALONE = 'standalone',
  /** One macvlan-overlay network: the pod keeps the cluster CNI on eth0 and gets the VLAN as net1, ... */
  OVERLAY = 'overlay',
  /** Both networks, each with its own pools (disjoint IPs in the same subnet). */
  BOTH = 'both',
}
