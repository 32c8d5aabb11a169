/**
 * NodePort and health-check node-port allocation on create: alloc.go `txnAllocNodePorts`,
 * `initNodePorts`, `findRequestedNodePort` and `allocHealthCheckNodePort`. The node-port
 * range is checked here, by the allocator, never by validation.
 */
import { formatPortRange } from '../cluster/service-network';
import { fieldError, goValue } from '../errors/field-error';
import { type AllocationFailure, portAllocatorError } from './allocation-txn';
import type { AllocContext } from './allocate-cluster-ips';
import {
  cloneService,
  needsHealthCheck,
  needsNodePort,
  shouldAllocateNodePorts,
} from './service-predicates';
import type { Service, ServicePort } from './service-types';

export type NodePortResult =
  | { readonly ok: true; readonly service: Service }
  | { readonly ok: false; readonly failure: AllocationFailure };

const STEP = 'node-ports';

const portLabel = (p: ServicePort): string => `port ${p.port ?? 0}/${p.protocol ?? 'TCP'}`;

/** Reserves one requested node port; a failure is a field error at `spec.ports[i].nodePort`. */
export async function allocateRequestedNodePort(
  index: number,
  port: number,
  ctx: AllocContext,
): Promise<NodePortResult | null> {
  const r = await ctx.allocator.allocatePort(port, ctx.owner);
  if (!r.ok) {
    const detail = portAllocatorError(r.reason, formatPortRange(ctx.network.nodePortRange));
    ctx.explanation.push({ step: STEP, message: `requested nodePort ${port} rejected: ${detail}` });
    const errors = [fieldError.invalid(`spec.ports[${index}].nodePort`, goValue.int(port), detail)];
    return { ok: false, failure: { kind: 'invalid', errors } };
  }
  ctx.txn.allocatedPorts.push(r.value);
  ctx.explanation.push({
    step: STEP,
    message: `requested nodePort ${port} reserved (${r.band} band)`,
  });
  return null;
}

/** Picks a free node port: `AllocateNext`, wrapped as upstream's InternalError on failure. */
export async function allocateNextNodePort(
  ctx: AllocContext,
): Promise<{ ok: true; port: number } | { ok: false; result: NodePortResult }> {
  const r = await ctx.allocator.allocateNextPort(ctx.owner);
  if (!r.ok) {
    const message = `failed to allocate a nodePort: ${portAllocatorError(r.reason, formatPortRange(ctx.network.nodePortRange))}`;
    ctx.explanation.push({ step: STEP, message });
    const failure =
      r.reason === 'full'
        ? ({ kind: 'full', message } as const)
        : ({ kind: 'internal', message, prefixed: true } as const);
    return { ok: false, result: { ok: false, failure } };
  }
  ctx.txn.allocatedPorts.push(r.value);
  ctx.explanation.push({
    step: STEP,
    message: `nodePort ${r.value} picked from ${formatPortRange(ctx.network.nodePortRange)} (${r.band} band)`,
  });
  return { ok: true, port: r.value };
}

/** alloc.go `findRequestedNodePort`: the first explicit nodePort among entries with this port number. */
const findRequestedNodePort = (portNumber: number, ports: readonly ServicePort[]): number =>
  ports.find((p) => (p.port ?? 0) === portNumber && (p.nodePort ?? 0) !== 0)?.nodePort ?? 0;

/**
 * alloc.go `initNodePorts`. Keyed by port number: TCP and UDP 53 share one node port. A
 * LoadBalancer with `allocateLoadBalancerNodePorts: false` gets only the ports it asked for.
 */
export async function initNodePorts(svc: Service, ctx: AllocContext): Promise<NodePortResult> {
  const ports = svc.spec.ports ?? [];
  const byPortNumber = new Map<number, number>();
  for (let i = 0; i < ports.length; i++) {
    const p = ports[i]!;
    const nodePort = p.nodePort ?? 0;
    if (nodePort === 0 && !shouldAllocateNodePorts(svc)) continue;
    const number = p.port ?? 0;
    const shared = byPortNumber.get(number) ?? 0;
    if (shared === 0) {
      const requested = findRequestedNodePort(number, ports);
      if (requested !== 0) {
        const failed = await allocateRequestedNodePort(i, requested, ctx);
        if (failed) return failed;
        p.nodePort = requested;
        byPortNumber.set(number, requested);
      } else {
        const next = await allocateNextNodePort(ctx);
        if (!next.ok) return next.result;
        p.nodePort = next.port;
        byPortNumber.set(number, next.port);
      }
    } else if (nodePort !== shared) {
      if (nodePort === 0) {
        p.nodePort = shared;
        ctx.explanation.push({
          step: STEP,
          message: `${portLabel(p)} shares nodePort ${shared} (same port number)`,
        });
      } else {
        const failed = await allocateRequestedNodePort(i, nodePort, ctx);
        if (failed) return failed;
      }
    }
  }
  return { ok: true, service: svc };
}

/** alloc.go `allocHealthCheckNodePort`: the requested port or a picked one; failures are InternalErrors. */
export async function allocHealthCheckNodePort(
  svc: Service,
  ctx: AllocContext,
): Promise<NodePortResult> {
  const requested = svc.spec.healthCheckNodePort ?? 0;
  const rangeText = formatPortRange(ctx.network.nodePortRange);
  if (requested !== 0) {
    const r = await ctx.allocator.allocatePort(requested, ctx.owner);
    if (!r.ok) {
      const message = `failed to allocate requested HealthCheck NodePort ${requested}: ${portAllocatorError(r.reason, rangeText)}`;
      ctx.explanation.push({ step: STEP, message });
      return { ok: false, failure: { kind: 'internal', message, prefixed: true } };
    }
    ctx.txn.allocatedPorts.push(r.value);
    ctx.explanation.push({
      step: STEP,
      message: `requested healthCheckNodePort ${requested} reserved (${r.band} band)`,
    });
    return { ok: true, service: svc };
  }
  const r = await ctx.allocator.allocateNextPort(ctx.owner);
  if (!r.ok) {
    // Upstream prints the shadowed zero value: "failed to allocate a HealthCheck NodePort 0: ...".
    const message = `failed to allocate a HealthCheck NodePort 0: ${portAllocatorError(r.reason, rangeText)}`;
    ctx.explanation.push({ step: STEP, message });
    return {
      ok: false,
      failure:
        r.reason === 'full'
          ? { kind: 'full', message }
          : { kind: 'internal', message, prefixed: true },
    };
  }
  ctx.txn.allocatedPorts.push(r.value);
  svc.spec.healthCheckNodePort = r.value;
  ctx.explanation.push({
    step: STEP,
    message: `healthCheckNodePort ${r.value} picked (${r.band} band)`,
  });
  return { ok: true, service: svc };
}

/** alloc.go `txnAllocNodePorts`: node ports for NodePort/LoadBalancer, then the health-check port. */
export async function allocNodePortsForCreate(
  input: Service,
  ctx: AllocContext,
): Promise<NodePortResult> {
  let svc = cloneService(input);
  if (needsNodePort(svc)) {
    const r = await initNodePorts(svc, ctx);
    if (!r.ok) return r;
    svc = r.service;
  }
  if (needsHealthCheck(svc)) return allocHealthCheckNodePort(svc, ctx);
  if (svc.spec.type === 'NodePort' && svc.spec.externalTrafficPolicy === 'Local') {
    ctx.explanation.push({
      step: STEP,
      message: 'NodePort with externalTrafficPolicy Local: no healthCheckNodePort',
    });
  }
  return { ok: true, service: svc };
}
