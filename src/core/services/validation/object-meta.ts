/**
 * Object metadata rules for a namespaced object: pkg/apis/core/validation `ValidateObjectMeta`
 * and `ValidateObjectMetaUpdate` over apimachinery api/validation objectmeta.go and
 * apis/meta/v1/validation `ValidateLabels`. Go iterates label and annotation maps in random
 * order; here they are reported in the object's key order.
 */
import { type FieldError, fieldError, goValue } from '../../errors/field-error';
import type { ObjectMeta } from '../service-types';
import { goStrings } from './go-render';
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel, utf8Length } from './names';

/** A name check as `ValidateNameFunc`: (name, isGenerateNamePrefix) => messages. */
export type NameFn = (name: string, prefix: boolean) => string[];

/** apimachinery `TotalAnnotationSizeLimitB`: 256 KiB over all keys and values. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

const FIELD_IMMUTABLE = 'field is immutable';
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** meta/v1 validation `ValidateLabels`: every key a qualified name, every value a label value. */
export function validateLabels(
  labels: Record<string, string> | null | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of isQualifiedName(k)) errs.push(fieldError.invalid(path, goValue.str(k), msg));
    for (const msg of isValidLabelValue(v))
      errs.push(fieldError.invalid(path, goValue.str(v), msg));
  }
  return errs;
}

/** `ValidateAnnotations`: keys are qualified names in any case; the total size is bounded. */
export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase()))
      errs.push(fieldError.invalid(path, goValue.str(k), msg));
    size += utf8Length(k) + utf8Length(v);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
    errs.push(
      fieldError.tooLong(path, `may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes`),
    );
  }
  return errs;
}

/**
 * apimachinery `ValidateFinalizers` (names reported at the list path) followed by core's
 * `validateKubeFinalizerName` (at each index, which also demands a '/' for non-standard names).
 */
function validateFinalizers(finalizers: readonly string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const f of list)
    for (const msg of isQualifiedName(f)) errs.push(fieldError.invalid(path, goValue.str(f), msg));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(
      fieldError.invalid(
        path,
        goStrings(finalizers),
        'finalizer orphan and foregroundDeletion cannot be both set',
      ),
    );
  }
  return [...errs, ...validateKubeFinalizerNames(list, path)];
}

function validateKubeFinalizerNames(finalizers: readonly string[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  finalizers.forEach((f, i) => {
    const p = `${path}[${i}]`;
    for (const msg of isQualifiedName(f)) errs.push(fieldError.invalid(p, goValue.str(f), msg));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(
        fieldError.invalid(
          p,
          goValue.str(f),
          'name is neither a standard finalizer name nor is it fully qualified',
        ),
      );
    }
  });
  return errs;
}

/**
 * `ValidateObjectMeta` with requiresNamespace = true. Owner references and managed fields
 * are not checked: a planned manifest carries neither in any meaningful form.
 */
export function validateObjectMeta(
  meta: ObjectMeta,
  nameFn: NameFn,
  path = 'metadata',
): FieldError[] {
  const errs: FieldError[] = [];
  const generateName = meta.generateName ?? '';
  if (generateName) {
    for (const msg of nameFn(generateName, true)) {
      errs.push(fieldError.invalid(`${path}.generateName`, goValue.str(generateName), msg));
    }
  }
  const name = meta.name ?? '';
  if (!name) errs.push(fieldError.required(`${path}.name`, 'name or generateName is required'));
  else
    for (const msg of nameFn(name, false))
      errs.push(fieldError.invalid(`${path}.name`, goValue.str(name), msg));

  const namespace = meta.namespace ?? '';
  if (!namespace) errs.push(fieldError.required(`${path}.namespace`));
  else {
    for (const msg of nameIsDNSLabel(namespace, false)) {
      errs.push(fieldError.invalid(`${path}.namespace`, goValue.str(namespace), msg));
    }
  }
  if (typeof meta.generation === 'number' && meta.generation < 0) {
    errs.push(
      fieldError.invalid(
        `${path}.generation`,
        goValue.int(meta.generation),
        'must be greater than or equal to 0',
      ),
    );
  }
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  errs.push(...validateFinalizers(meta.finalizers, `${path}.finalizers`));
  return errs;
}

/**
 * `ValidateObjectMetaUpdate`. rest.BeforeUpdate runs first upstream and copies the stored
 * generation, creationTimestamp and deletion fields into the request (and the uid when the
 * request has none), and the store fills resourceVersion for unconditional Service updates,
 * so those checks cannot fail there; they are not repeated here. An empty uid in the
 * request therefore means "unchanged".
 */
export function validateObjectMetaUpdate(
  meta: ObjectMeta,
  old: ObjectMeta,
  path = 'metadata',
): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    const before = new Set(old.finalizers ?? []);
    const extra = [...new Set(meta.finalizers ?? [])].filter((f) => !before.has(f)).sort();
    if (extra.length > 0) {
      errs.push(
        fieldError.forbidden(
          `${path}.finalizers`,
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goValue.strings(extra)}`,
        ),
      );
    }
  }
  const immutable = (field: string, now: string, was: string): void => {
    if (now !== was)
      errs.push(fieldError.invalid(`${path}.${field}`, goValue.str(now), FIELD_IMMUTABLE));
  };
  immutable('name', meta.name ?? '', old.name ?? '');
  immutable('namespace', meta.namespace ?? '', old.namespace ?? '');
  immutable('uid', meta.uid || old.uid || '', old.uid ?? '');
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  errs.push(...validateKubeFinalizerNames(meta.finalizers ?? [], `${path}.finalizers`));
  return errs;
}
