export * from './ip';
export * from './cidr';
