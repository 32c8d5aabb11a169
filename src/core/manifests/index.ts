export {
  DEFAULT_DECODE_LIMITS,
  type DecodeOptions,
  type DecodeResult,
  type DecodedItem,
  type FieldValidation,
  decodeManifests,
} from './decode';
export { decodeServiceValue, type ServiceDecodeOutcome } from './object-kind';
export {
  LAST_APPLIED_ANNOTATION,
  type ApplyMergeResult,
  lastAppliedConfiguration,
  missingLastAppliedWarning,
  readLastApplied,
  stripForLastApplied,
  threeWayMerge,
  threeWayMergeChecked,
  withLastApplied,
} from './apply-merge';
export type { JsonObject, JsonValue } from './json-node';
