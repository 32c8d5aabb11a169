export * from './capacity-inputs';
export * from './capacity-outputs';
export { bandCapacity, utilization } from './band-usage';
export { nodeMaskProblem } from './pod-capacity';
export { rangeMaths, reservedNodeBlocks } from './range-maths';
export { capacityReport, compareTightness } from './report';
export { applyChange, type ConfigChange } from './what-if-change';
export {
  whatIf,
  serviceFamilies,
  type AddServices,
  type CapacityChange,
  type ServicePolicy,
  type WhatIfResult,
} from './what-if';
export * from './forecast';
export * from './tenant-summary';
