export * from './pod-networks';
export * from './annotated-pod';
