export * from './catalog';
export * from './ip-pool';
export * from './network-attachment';
export * from './pod-networks';
