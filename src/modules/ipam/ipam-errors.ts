/**
 * IPAM failures in kube-apiserver's words (ipallocator `ErrNotInRange`, `ErrAllocated`,
 * `ErrFull`; alloc.go's "failed to allocate IP %v: %w"; cidrset's exhaustion message).
 */
import type { ServiceIPRange } from '../../core/allocation/service-ip-range';
import {
  IP_ALLOCATED_MESSAGE,
  RANGE_FULL_MESSAGE,
  notInRangeMessage,
} from '../../core/allocation/service-ip-range';
import { NO_CIDRS_REMAINING_MESSAGE } from '../../core/allocation/node-cidrs';
import { fieldError, goValue } from '../../core/errors/field-error';
import { invalidStatus } from '../../core/errors/status';
import type { IPFamily } from '../../core/net';
import { AppError } from '../../platform/errors/app-error';

export const notInRange = (address: string, range: ServiceIPRange): AppError =>
  new AppError(
    invalidStatus('IPAllocation', address, [
      fieldError.invalid('address', goValue.str(address), notInRangeMessage(address, range)),
    ]),
  );

export const alreadyAllocated = (address: string): AppError =>
  AppError.of(409, 'AlreadyExists', `failed to allocate IP ${address}: ${IP_ALLOCATED_MESSAGE}`, {
    name: address,
    kind: 'ipallocations',
    causes: [{ reason: 'FieldValueDuplicate', field: 'address', message: IP_ALLOCATED_MESSAGE }],
  });

export const rangeFull = (range: ServiceIPRange, requested = 1): AppError =>
  AppError.of(
    409,
    'Conflict',
    requested === 1
      ? `failed to allocate a serviceIP from ${range.cidr.text}: ${RANGE_FULL_MESSAGE}`
      : `failed to allocate ${requested} serviceIPs from ${range.cidr.text}: ${RANGE_FULL_MESSAGE}`,
    {
      kind: 'ipallocations',
      causes: [{ reason: 'FieldValueInvalid', field: 'count', message: RANGE_FULL_MESSAGE }],
    },
  );

export const contended = (range: ServiceIPRange): AppError =>
  AppError.of(
    409,
    'Conflict',
    `failed to allocate a serviceIP from ${range.cidr.text}: too many concurrent allocations; please retry`,
    {
      kind: 'ipallocations',
    },
  );

/** A family the cluster has no service CIDR for (as `spec.ipFamilies[i]` is refused). */
export const familyNotConfigured = (
  family: IPFamily,
  field: 'family' | 'address',
  shown: string,
): AppError =>
  new AppError(
    invalidStatus('IPAllocation', field === 'address' ? shown : '', [
      fieldError.invalid(
        field,
        goValue.str(shown),
        field === 'family'
          ? 'not configured on this cluster'
          : `${family} is not configured on this cluster`,
      ),
    ]),
  );

export const familyMismatch = (address: string, family: IPFamily): AppError =>
  new AppError(
    invalidStatus('IPAllocation', address, [
      fieldError.invalid(
        'address',
        goValue.str(address),
        `must be an ${family} address to match family ${goValue.str(family)}`,
      ),
    ]),
  );

export const noCidrsRemaining = (family: IPFamily): AppError =>
  AppError.of(409, 'Conflict', NO_CIDRS_REMAINING_MESSAGE, {
    kind: 'nodes',
    causes: [
      {
        reason: 'FieldValueInvalid',
        field: `podCIDRs[${family}]`,
        message: NO_CIDRS_REMAINING_MESSAGE,
      },
    ],
  });
