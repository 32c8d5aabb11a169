/**
 * The allocation port of the Service pipeline: what `txnAllocClusterIPs` and
 * `txnAllocNodePorts` (alloc.go) ask of the allocators. The persistent adapter lives in
 * modules/ipam; tests use the in-memory one in allocation/memory-allocator.ts.
 *
 * Allocations made through a port are provisional until the caller commits its transaction;
 * a failed request rolls back everything it reserved (alloc.go's `txn.Revert`).
 */
import type { IP, IPFamily } from '../net';

export type AllocateResult<T> =
  | { ok: true; value: T; band: 'static' | 'dynamic' }
  | { ok: false; reason: 'allocated' | 'not-in-range' | 'full' | 'family-not-configured' };

export interface ServiceAllocator {
  /** Allocate this exact address (ipallocator `Allocate`). */
  allocateIP(family: IPFamily, ip: IP, owner: string): Promise<AllocateResult<IP>>;
  /** Allocate the next free address (ipallocator `AllocateNext`): upper band first. */
  allocateNextIP(family: IPFamily, owner: string): Promise<AllocateResult<IP>>;
  releaseIP(family: IPFamily, ip: IP): Promise<void>;
  /** Allocate this exact node port. */
  allocatePort(port: number, owner: string): Promise<AllocateResult<number>>;
  allocateNextPort(owner: string): Promise<AllocateResult<number>>;
  releasePort(port: number): Promise<void>;
}
