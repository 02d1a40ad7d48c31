export * from './cni/macvlan-mode';
export * from './cni/coordinator-options';
export * from './cni/ipam-options';
export * from './cni/helper-plugins';
export * from './k8s';
export * from './networks';
export * from './pods';
export * from './topology';
