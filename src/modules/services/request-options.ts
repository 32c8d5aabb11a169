/**
 * Query options of the Kubernetes-shaped endpoints and who may use them. A dry run is a read
 * (viewer); anything that stores or reserves needs the planner role.
 */
import { fieldError, goValue } from '../../core/errors/field-error';
import { invalidStatus } from '../../core/errors/status';
import type { TenantPrincipal } from '../../platform/auth/principal';
import { roleAtLeast } from '../../platform/auth/principal';
import { AppError, forbidden } from '../../platform/errors/app-error';

export type OptionsKind = 'CreateOptions' | 'UpdateOptions' | 'DeleteOptions';

/**
 * `?dryRun=All` (apimachinery `ValidateDryRun`): any other value fails as kube-apiserver's
 * handlers fail it, `CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ...`.
 */
export function parseDryRun(raw: unknown, kind: OptionsKind): boolean {
  if (raw === undefined) return false;
  const values = (Array.isArray(raw) ? raw : [raw]).map((v) => String(v).slice(0, 64));
  if (values.every((v) => v === 'All')) return values.length > 0;
  const error = fieldError.notSupported('dryRun', goValue.strings(values), ['All']);
  throw new AppError(invalidStatus(`${kind}.meta.k8s.io`, '', [error]));
}

/** Stores or reserves: planner or admin. */
export function requireWriter(p: TenantPrincipal, dryRun: boolean): void {
  if (!dryRun && !roleAtLeast(p.role, 'planner')) {
    throw forbidden(`role "${p.role}" may not do this; it needs "planner"`);
  }
}
