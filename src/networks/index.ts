export * from './ip-pool';
export * from './reserved-ips';
export * from './macvlan-network';
export * from './macvlan-standalone-network';
export * from './macvlan-overlay-network';
export * from './nad-source';
export * from './capacity';
