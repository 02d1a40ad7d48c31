export * from './macvlan-mode';
export * from './macvlan';
export * from './ipam';
export * from './coordinator-options';
export * from './coordinator';
export * from './conflist';
