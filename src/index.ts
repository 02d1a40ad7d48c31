export * from './cni/macvlan-mode';
export * from './cni/coordinator-options';
export * from './k8s';
export * from './networks';
export * from './pods';
export * from './topology';
