/** Multus: the pod's eth0 network. */
export const DEFAULT_NETWORK_ANNOTATION = 'v1.multus-cni.io/default-network';
/** Multus: additional networks. */
export const NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';
/** Spiderpool: pools per NIC. */
export const IPPOOLS_ANNOTATION = 'ipam.spidernet.io/ippools';
