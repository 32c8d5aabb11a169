/**
 * Port rules of ValidateService: validation.go `validateServicePort` for each port, and the
 * later nodePort and (protocol, port) checks that span the whole list.
 */
import { type FieldError, fieldError, goValue } from '../../errors/field-error';
import type { ServicePort } from '../service-types';
import { goServicePortKey } from './go-render';
import { isDNS1123Label, isQualifiedName, isValidPortName, isValidPortNum } from './names';

const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/**
 * `ValidatePortNumOrName` for an int-or-string. A targetPort that differs from port on a
 * headless Service is tolerated, as upstream does for v1 compatibility.
 */
function validatePortNumOrName(port: number | string | undefined, path: string): FieldError[] {
  if (typeof port === 'string')
    return isValidPortName(port).map((m) => fieldError.invalid(path, goValue.str(port), m));
  const n = port ?? 0;
  return isValidPortNum(n).map((m) => fieldError.invalid(path, goValue.int(n), m));
}

/** `validateServicePort`; `allNames` collects names across ports for the duplicate check. */
export function validateServicePort(
  sp: ServicePort,
  requireName: boolean,
  allNames: Set<string>,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const name = sp.name ?? '';
  if (requireName && !name) errs.push(fieldError.required(`${path}.name`));
  else if (name) {
    for (const msg of isDNS1123Label(name))
      errs.push(fieldError.invalid(`${path}.name`, goValue.str(name), msg));
    if (allNames.has(name)) errs.push(fieldError.duplicate(`${path}.name`, goValue.str(name)));
    else allNames.add(name);
  }
  const port = sp.port ?? 0;
  for (const msg of isValidPortNum(port))
    errs.push(fieldError.invalid(`${path}.port`, goValue.int(port), msg));

  const protocol = sp.protocol ?? '';
  if (!protocol) errs.push(fieldError.required(`${path}.protocol`));
  else if (!SUPPORTED_PROTOCOLS.includes(protocol)) {
    errs.push(
      fieldError.notSupported(`${path}.protocol`, goValue.str(protocol), SUPPORTED_PROTOCOLS),
    );
  }
  errs.push(...validatePortNumOrName(sp.targetPort, `${path}.targetPort`));
  if (sp.appProtocol != null) {
    const ap = sp.appProtocol;
    for (const msg of isQualifiedName(ap))
      errs.push(fieldError.invalid(`${path}.appProtocol`, goValue.str(ap), msg));
  }
  return errs;
}

/**
 * The list-wide port rules, in upstream order: no nodePort on ClusterIP, no (protocol,
 * nodePort) twice (the same nodePort on different protocols is fine), no (protocol, port)
 * twice.
 */
export function validatePortLists(ports: readonly ServicePort[], type: string): FieldError[] {
  const errs: FieldError[] = [];
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if ((p.nodePort ?? 0) !== 0) {
        errs.push(
          fieldError.forbidden(
            `spec.ports[${i}].nodePort`,
            "may not be used when `type` is 'ClusterIP'",
          ),
        );
      }
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const nodePort = p.nodePort ?? 0;
    if (nodePort === 0) return;
    const key = `${p.protocol ?? ''}/${nodePort}`;
    if (nodePorts.has(key))
      errs.push(fieldError.duplicate(`spec.ports[${i}].nodePort`, goValue.int(nodePort)));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const protocol = p.protocol ?? '';
    const port = p.port ?? 0;
    const key = `${protocol}/${port}`;
    if (seen.has(key))
      errs.push(fieldError.duplicate(`spec.ports[${i}]`, goServicePortKey(protocol, port)));
    seen.add(key);
  });
  return errs;
}
