/**
 * NodePort and health-check node-port changes on update: alloc.go `txnUpdateNodePorts`,
 * `updateNodePorts`, `releaseNodePorts` and `updateHealthCheckNodePort`. Unlike create,
 * there is no sharing by port number: a zero nodePort gets a fresh one.
 */
import type { AllocContext } from './allocate-cluster-ips';
import {
  allocateNextNodePort,
  allocateRequestedNodePort,
  allocHealthCheckNodePort,
  type NodePortResult,
} from './node-ports';
import {
  cloneService,
  collectNodePorts,
  needsHealthCheck,
  needsNodePort,
  shouldAllocateNodePorts,
} from './service-predicates';
import type { Service } from './service-types';

const STEP = 'node-ports';

function deferPortRelease(port: number, ctx: AllocContext, why: string): void {
  if (port === 0 || ctx.txn.releasePorts.includes(port)) return;
  ctx.txn.releasePorts.push(port);
  ctx.explanation.push({ step: STEP, message: `nodePort ${port} will be released: ${why}` });
}

/** alloc.go `updateNodePorts`. */
async function updateNodePorts(
  svc: Service,
  before: Service,
  ctx: AllocContext,
): Promise<NodePortResult> {
  const oldNumbers = collectNodePorts(before);
  const seen: Array<{ protocol: string; nodePort: number }> = [];
  const allocatedNow = new Set<number>();
  const ports = svc.spec.ports ?? [];
  for (let i = 0; i < ports.length; i++) {
    const p = ports[i]!;
    if (!p.nodePort && !shouldAllocateNodePorts(svc)) continue;
    const protocol = p.protocol ?? '';
    let nodePort = p.nodePort ?? 0;
    if (nodePort !== 0) {
      if (!oldNumbers.includes(nodePort) && !allocatedNow.has(nodePort)) {
        const failed = await allocateRequestedNodePort(i, nodePort, ctx);
        if (failed) return failed;
        allocatedNow.add(nodePort);
      }
    } else {
      const next = await allocateNextNodePort(ctx);
      if (!next.ok) return next.result;
      nodePort = p.nodePort = next.port;
    }
    if (seen.some((s) => s.protocol === protocol && s.nodePort === nodePort)) {
      // A plain Go error upstream (`fmt.Errorf`), not a field error.
      const message = `duplicate nodePort: {${protocol} ${nodePort}}`;
      ctx.explanation.push({ step: STEP, message });
      return { ok: false, failure: { kind: 'internal', message, prefixed: false } };
    }
    seen.push({ protocol, nodePort });
  }
  const newNumbers = collectNodePorts(svc);
  for (const old of oldNumbers) {
    if (!newNumbers.includes(old)) deferPortRelease(old, ctx, 'no longer used by any port');
  }
  return { ok: true, service: svc };
}

/** alloc.go `txnUpdateNodePorts`. */
export async function updateNodePortsForUpdate(
  input: Service,
  before: Service,
  ctx: AllocContext,
): Promise<NodePortResult> {
  let svc = cloneService(input);
  if (
    needsNodePort(before) &&
    (svc.spec.type === 'ExternalName' || svc.spec.type === 'ClusterIP')
  ) {
    for (const port of collectNodePorts(before))
      deferPortRelease(port, ctx, `type is now ${svc.spec.type}`);
  }
  if (needsNodePort(svc)) {
    const r = await updateNodePorts(svc, before, ctx);
    if (!r.ok) return r;
    svc = r.service;
  }
  // alloc.go `updateHealthCheckNodePort`: allocate when it becomes needed, release when it stops.
  const needed = needsHealthCheck(before);
  const needs = needsHealthCheck(svc);
  if (!needed && needs) return allocHealthCheckNodePort(svc, ctx);
  if (needed && !needs) {
    deferPortRelease(
      before.spec.healthCheckNodePort ?? 0,
      ctx,
      'the health check is no longer needed',
    );
  }
  return { ok: true, service: svc };
}
