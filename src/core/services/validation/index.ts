export { validateService } from './validate-service';
export { validateServiceUpdate } from './validate-service-update';
export { isHeadlessService, validateServiceClusterIPsRelatedFields } from './validate-cluster-ips';
export {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
} from './names';
export { isValidCIDR, isValidIP, validateNonSpecialIP } from './ip-checks';
