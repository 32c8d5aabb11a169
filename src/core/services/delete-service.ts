/**
 * What deleting a Service gives back: alloc.go `releaseAllocatedResources` (its cluster IPs,
 * node ports and health-check node port), applied to the read-time view of the stored object.
 */
import type { ServiceAllocator } from '../allocation/allocator-port';
import { type IP, parseIPSloppy } from '../net';
import {
  collectNodePorts,
  isHeadless,
  needsClusterIP,
  needsHealthCheck,
} from './service-predicates';
import type { Service } from './service-types';

/** The addresses and ports the stored Service holds. */
export function deleteService(stored: Service): { ips: IP[]; ports: number[] } {
  const ips: IP[] = [];
  if (needsClusterIP(stored) && !isHeadless(stored)) {
    const texts = stored.spec.clusterIPs?.length
      ? stored.spec.clusterIPs
      : [stored.spec.clusterIP ?? ''];
    for (const text of texts) {
      const ip = parseIPSloppy(text);
      if (ip) ips.push(ip);
    }
  }
  const ports = [...new Set(collectNodePorts(stored))];
  const hc = stored.spec.healthCheckNodePort ?? 0;
  if (needsHealthCheck(stored) && hc > 0 && !ports.includes(hc)) ports.push(hc);
  return { ips, ports };
}

/** Releases them through the port. */
export async function releaseServiceResources(
  stored: Service,
  allocator: ServiceAllocator,
): Promise<{ ips: IP[]; ports: number[] }> {
  const held = deleteService(stored);
  for (const ip of held.ips) await allocator.releaseIP(ip.family, ip);
  for (const port of held.ports) await allocator.releasePort(port);
  return held;
}
