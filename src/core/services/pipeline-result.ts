/**
 * What the Service pipeline answers, and how its failures become Kubernetes `Status` objects
 * (apimachinery `errors.NewInvalid`, `errors.NewInternalError`, and the handler's fallback for
 * plain Go errors).
 */
import type { ServiceAllocator } from '../allocation/allocator-port';
import type { ServiceNetwork } from '../cluster/service-network';
import { renderErrorList, type FieldError } from '../errors/field-error';
import {
  internalStatus,
  invalidStatus,
  status,
  type Status,
  unknownStatus,
} from '../errors/status';
import type { IP } from '../net';
import type { AllocationFailure } from './allocation-txn';
import type { PlanDecision } from './plan-decision';
import type { Service } from './service-types';

export type { PlanDecision } from './plan-decision';

export interface PipelineContext {
  readonly network: ServiceNetwork;
  readonly allocator: ServiceAllocator;
  /** The namespace of the request URL. */
  readonly namespace: string;
  readonly now: Date;
  /** The uid a created object gets. */
  readonly uid: string;
  /** The resourceVersion the stored object gets if it is written. */
  readonly resourceVersion: string;
  /** Who owns the reservations; defaults to `<namespace>/<name>`. */
  readonly owner?: string;
}

export type PipelineResult =
  | {
      readonly ok: true;
      readonly service: Service;
      /** Released through the allocator when the request succeeded (downgrade, type change, dropped ports). */
      readonly released: { ips: IP[]; ports: number[] };
      /** Update only: nothing changed, so nothing would be written and the resourceVersion stays. */
      readonly unchanged?: boolean;
      readonly explanation: PlanDecision[];
    }
  | { readonly ok: false; readonly status: Status; readonly explanation: PlanDecision[] };

/** The 422 of a stage's field errors, with the decision that rejected it. */
export function invalid(
  name: string,
  errors: FieldError[],
  stage: string,
  explanation: PlanDecision[],
): PipelineResult {
  explanation.push({ step: stage, message: `rejected: ${renderErrorList(errors)}` });
  return { ok: false, status: invalidStatus('Service', name, errors), explanation };
}

/**
 * A failed allocation as a Status. Field errors are 422. A full range keeps kube's
 * InternalError text but is a 409 Conflict, as the Stackplan API contract asks. Other internal
 * errors are 500; a plain Go error (no "Internal error occurred" prefix upstream) keeps its
 * text and gets reason Unknown, as responsewriters.ErrorToAPIStatus gives it.
 */
export function allocationStatus(name: string, failure: AllocationFailure): Status {
  switch (failure.kind) {
    case 'invalid':
      return invalidStatus('Service', name, failure.errors);
    case 'full':
      return status(409, 'Conflict', `Internal error occurred: ${failure.message}`, {
        causes: [{ message: failure.message }],
      });
    case 'internal':
      return failure.prefixed ? internalStatus(failure.message) : unknownStatus(failure.message);
  }
}
