/**
 * What one Service request reserved and what it will give back: alloc.go's
 * `metaTransaction`/`callbackTransaction` and `portallocator.PortAllocationOperation`
 * (`ReleaseDeferred`). On failure everything reserved is released through the port (`Revert`);
 * on success the deferred releases are carried out (`Commit`). A persistent adapter runs all of
 * it inside one database transaction, so a later storage failure rolls it back as a whole.
 */
import type { AllocateResult, ServiceAllocator } from '../allocation/allocator-port';
import type { FieldError } from '../errors/field-error';
import type { IP } from '../net';

export interface AllocationTxn {
  readonly allocatedIPs: IP[];
  readonly allocatedPorts: number[];
  /** Released only when the request succeeds. */
  readonly releaseIPs: IP[];
  readonly releasePorts: number[];
}

export const newTxn = (): AllocationTxn => ({
  allocatedIPs: [],
  allocatedPorts: [],
  releaseIPs: [],
  releasePorts: [],
});

/** Why allocation stopped. `invalid` is a 422 field error; the others are not field errors. */
export type AllocationFailure =
  | { readonly kind: 'invalid'; readonly errors: FieldError[] }
  /** A range ran out (`range is full`); `message` is kube's InternalError text. */
  | { readonly kind: 'full'; readonly message: string }
  /** Any other non-field error, e.g. `duplicate nodePort: {TCP 30093}`. */
  | { readonly kind: 'internal'; readonly message: string; readonly prefixed: boolean };

/** `txn.Revert()`: give back everything this request reserved. */
export async function revertTxn(txn: AllocationTxn, allocator: ServiceAllocator): Promise<void> {
  for (const ip of txn.allocatedIPs) await allocator.releaseIP(ip.family, ip);
  for (const port of txn.allocatedPorts) await allocator.releasePort(port);
  txn.allocatedIPs.length = 0;
  txn.allocatedPorts.length = 0;
}

/** `txn.Commit()`: carry out the releases deferred until success. */
export async function commitTxn(
  txn: AllocationTxn,
  allocator: ServiceAllocator,
): Promise<{ ips: IP[]; ports: number[] }> {
  for (const ip of txn.releaseIPs) await allocator.releaseIP(ip.family, ip);
  for (const port of txn.releasePorts) await allocator.releasePort(port);
  return { ips: [...txn.releaseIPs], ports: [...txn.releasePorts] };
}

type Failed = Extract<AllocateResult<unknown>, { ok: false }>;

/** ipallocator errors (`ErrAllocated`, `ErrNotInRange`, `ErrFull`) as Go prints them. */
export function ipAllocatorError(
  reason: Failed['reason'],
  ipText: string,
  cidrText: string,
): string {
  switch (reason) {
    case 'allocated':
      return 'provided IP is already allocated';
    case 'not-in-range':
      return `the provided IP (${ipText}) is not in the valid range. The range of valid IPs is ${cidrText}`;
    case 'full':
      return 'range is full';
    case 'family-not-configured':
      return 'IP family is not configured on this cluster';
  }
}

/** portallocator errors as Go prints them. */
export function portAllocatorError(reason: Failed['reason'], rangeText: string): string {
  switch (reason) {
    case 'allocated':
      return 'provided port is already allocated';
    case 'not-in-range':
      return `provided port is not in the valid range. The range of valid ports is ${rangeText}`;
    case 'full':
      return 'range is full';
    case 'family-not-configured':
      return 'port allocator is not configured';
  }
}
