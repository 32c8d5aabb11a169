/**
 * Capacity of the Service ranges: cluster IPs per service CIDR and node ports, each split
 * into the static band (kept for requested values) and the dynamic band the allocator picks
 * from first (`randomScanStrategyWithOffset`). Dynamic allocation falls back to the static
 * band when the dynamic one is full, so a range's `free` is the sum over both bands.
 */
import { cidrSize, type Cidr } from '../net';
import { formatPortRange, type PortRange } from '../cluster/service-network';
import type { BandCounts, NodePortBandsShape, ServiceIPRangeShape } from './capacity-inputs';
import type { NodePortCapacity, ServiceCIDRCapacity } from './capacity-outputs';
import { bandCapacity, bandSizes, maxBig, utilization } from './band-usage';

export const NO_USAGE: BandCounts = { static: 0n, dynamic: 0n };

export function serviceCIDRCapacity(
  cidr: Cidr,
  range: ServiceIPRangeShape,
  used: BandCounts = NO_USAGE,
): ServiceCIDRCapacity {
  const usable = maxBig(0n, range.usable);
  const sizes = bandSizes(usable, range.offset);
  const allocated = used.static + used.dynamic;
  return {
    family: cidr.family,
    cidr: cidr.text,
    size: cidrSize(cidr),
    usable,
    allocated,
    free: maxBig(0n, usable - allocated),
    utilization: utilization(allocated, usable),
    static: bandCapacity(sizes.static, used.static),
    dynamic: bandCapacity(sizes.dynamic, used.dynamic),
  };
}

export function nodePortCapacity(
  range: PortRange,
  bands: NodePortBandsShape,
  used: BandCounts = NO_USAGE,
): NodePortCapacity {
  const size = BigInt(Math.max(0, bands.size));
  const sizes = bandSizes(size, BigInt(bands.offset));
  const allocated = used.static + used.dynamic;
  return {
    range: formatPortRange(range),
    size,
    allocated,
    free: maxBig(0n, size - allocated),
    utilization: utilization(allocated, size),
    static: bandCapacity(sizes.static, used.static),
    dynamic: bandCapacity(sizes.dynamic, used.dynamic),
  };
}
