export * from './allocator-port';
export * from './candidates';
export * from './memory-allocator';
export * from './node-cidrs';
export * from './node-port-range';
export * from './service-ip-range';
