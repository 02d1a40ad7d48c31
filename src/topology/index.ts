export * from './bond';
export * from './vlan';
export * from './host-interfaces';
export * from './node-addresses';
export * from './switch-plan';
export * from './vlan-topology';
export * from './switches';
export * from './switch-config/vendor';
