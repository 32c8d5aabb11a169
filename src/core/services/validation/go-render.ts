/**
 * Go `%#v` renderings that goValue (errors/field-error.ts) leaves to the call site: a nil
 * slice prints as `[]string(nil)`, unlike an empty one (`[]string{}`). A field absent from
 * the JSON decodes to a nil slice in Go, and `[]` to an empty one, so `undefined` stands
 * for nil here.
 */
import { goValue } from '../../errors/field-error';

/** `%#v` of a []string that may be nil. */
export const goStrings = (list: readonly string[] | undefined): string =>
  list === undefined ? '[]string(nil)' : goValue.strings(list);

/** `%#v` of a []core.IPFamily that may be nil. */
export const goFamilies = (list: readonly string[] | undefined): string =>
  list === undefined ? '[]core.IPFamily(nil)' : goValue.families(list);

/**
 * `%#v` of the internal `core.ServicePort{Protocol, Port}` key that ValidateService reports
 * for a duplicate (protocol, port) pair; every other field is its zero value.
 */
export const goServicePortKey = (protocol: string, port: number): string =>
  `core.ServicePort{Name:"", Protocol:${goValue.str(protocol)}, AppProtocol:(*string)(nil), Port:${port}, ` +
  `TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
