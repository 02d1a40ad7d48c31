export * from './pod-networks';
export * from './annotated-pod';
export * from './workload';
