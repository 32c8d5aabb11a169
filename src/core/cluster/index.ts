export * from './cluster-definition';
export * from './cluster-definition-json';
export * from './cluster-patch';
export * from './dns-service-ip';
export * from './kubernetes-version';
export * from './port-range';
export * from './service-network';
export * from './pod-cidrs';
