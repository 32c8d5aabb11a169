/**
 * The Prometheus registry of one application instance (never prom-client's global default,
 * so several apps in one process keep apart), with the series Stackplan exports. Allocator
 * series are named after kube-apiserver's (`kube_apiserver_clusterip_allocator_*`,
 * `kube_apiserver_nodeport_allocator_*`, pkg/registry/core/service/ipallocator/metrics.go)
 * with the `stackplan_` prefix and tenant and cluster labels.
 */
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const IP_LABELS = ['tenant', 'cluster', 'cidr', 'scope'] as const;
const PORT_LABELS = ['tenant', 'cluster', 'scope'] as const;
const NODE_LABELS = ['tenant', 'cluster', 'cidr'] as const;

@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  readonly allocatedIPs = new Gauge({
    name: 'stackplan_clusterip_allocator_allocated_ips',
    help: 'Cluster IPs allocated, per service CIDR and band (scope static or dynamic).',
    labelNames: IP_LABELS,
    registers: [this.registry],
  });
  readonly availableIPs = new Gauge({
    name: 'stackplan_clusterip_allocator_available_ips',
    help: 'Cluster IPs still free, per service CIDR and band (scope static or dynamic).',
    labelNames: IP_LABELS,
    registers: [this.registry],
  });
  readonly ipAllocations = new Counter({
    name: 'stackplan_clusterip_allocator_allocation_total',
    help: 'Cluster IP allocations made, per service CIDR and band (from the audit log).',
    labelNames: IP_LABELS,
    registers: [this.registry],
  });
  readonly allocatedPorts = new Gauge({
    name: 'stackplan_nodeport_allocator_allocated_ports',
    help: 'Node ports allocated, per band (scope static or dynamic).',
    labelNames: PORT_LABELS,
    registers: [this.registry],
  });
  readonly availablePorts = new Gauge({
    name: 'stackplan_nodeport_allocator_available_ports',
    help: 'Node ports still free, per band (scope static or dynamic).',
    labelNames: PORT_LABELS,
    registers: [this.registry],
  });
  readonly portAllocations = new Counter({
    name: 'stackplan_nodeport_allocator_allocation_total',
    help: 'Node port allocations made, per band (from the audit log).',
    labelNames: PORT_LABELS,
    registers: [this.registry],
  });
  readonly nodeCIDRsAllocated = new Gauge({
    name: 'stackplan_node_cidrs_allocated',
    help: 'Node pod CIDR blocks handed out, per pod CIDR.',
    labelNames: NODE_LABELS,
    registers: [this.registry],
  });
  readonly nodeCIDRsAvailable = new Gauge({
    name: 'stackplan_node_cidrs_available',
    help: 'Node pod CIDR blocks still free, per pod CIDR.',
    labelNames: NODE_LABELS,
    registers: [this.registry],
  });
  readonly rangeUtilization = new Gauge({
    name: 'stackplan_capacity_range_utilization_ratio',
    help: 'Utilization (0..1) of every range of a cluster, as the capacity report gives it.',
    labelNames: ['tenant', 'cluster', 'kind', 'range'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'stackplan_http_request_duration_seconds',
    help: 'HTTP request duration, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Series computed from the database at scrape time (the HTTP histogram is not). */
  readonly scraped = [
    this.allocatedIPs,
    this.availableIPs,
    this.ipAllocations,
    this.allocatedPorts,
    this.availablePorts,
    this.portAllocations,
    this.nodeCIDRsAllocated,
    this.nodeCIDRsAvailable,
    this.rangeUtilization,
  ];
}
