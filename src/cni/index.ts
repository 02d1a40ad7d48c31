export * from './macvlan-mode';
export * from './macvlan';
export * from './ipam-options';
export * from './coordinator-options';
export * from './coordinator';
export * from './helper-plugins';
export * from './spider-multus-config';
export * from './conflist';
