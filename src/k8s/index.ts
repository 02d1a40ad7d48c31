export * from './network-attachment-definition';
export * from './spider-ip-pool';
export * from './spider-multus-config';
export * from './node-network-configuration-policy';
export * from './spider-reserved-ip';
