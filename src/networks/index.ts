export * from './ip-pool';
export * from './reserved-ips';
// the networks' common base class is internal (see MacvlanNetwork): only its props and interface are public
export type { IMacvlanNetwork, MacvlanNetworkProps } from './macvlan-network';
export * from './macvlan-standalone-network';
export * from './macvlan-overlay-network';
export * from './nad-source';
export * from './capacity';
