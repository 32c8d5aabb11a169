/**
 * Fills the registry at scrape time from the database (one read of every cluster's counters,
 * one of the audit totals), so the numbers are right on the first scrape after a restart and
 * the same on every replica; and times every HTTP request from a Fastify `onResponse` hook.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CapacityService, type OwnedCapacity } from '../capacity/capacity.service';
import { MetricsRegistry } from './metrics-registry';
import { MetricsRepository, type AllocationTotal } from './metrics.repository';

/** Prometheus samples are doubles; an IPv6 count beyond 2^53 is rounded, as any exporter must. */
const num = (n: bigint): number => Number(n);

@Injectable()
export class MetricsService implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly capacity: CapacityService,
    private readonly repo: MetricsRepository,
    private readonly host: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    const histogram = this.metrics.httpDuration;
    fastify.addHook('onResponse', (req, reply, done) => {
      histogram.observe(
        {
          method: req.method,
          route: req.routeOptions.url ?? 'unmatched',
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
      done();
    });
  }

  get contentType(): string {
    return this.metrics.registry.contentType;
  }

  async scrape(): Promise<string> {
    const [owned, totals] = await Promise.all([
      this.capacity.everything(),
      this.repo.allocationTotals(),
    ]);
    // One synchronous block: a concurrent scrape never sees half-filled series.
    for (const m of this.metrics.scraped) m.reset();
    for (const o of owned) this.setCapacity(o);
    this.setTotals(owned, totals);
    return this.metrics.registry.metrics();
  }

  private setCapacity({ tenant, report }: OwnedCapacity): void {
    const m = this.metrics;
    const cluster = report.cluster;
    for (const s of report.serviceCIDRs) {
      for (const scope of ['static', 'dynamic'] as const) {
        const labels = { tenant, cluster, cidr: s.cidr, scope };
        m.allocatedIPs.set(labels, num(s[scope].allocated));
        m.availableIPs.set(labels, num(s[scope].free));
      }
    }
    for (const scope of ['static', 'dynamic'] as const) {
      const labels = { tenant, cluster, scope };
      m.allocatedPorts.set(labels, num(report.nodePorts[scope].allocated));
      m.availablePorts.set(labels, num(report.nodePorts[scope].free));
    }
    for (const p of report.podCIDRs) {
      const labels = { tenant, cluster, cidr: p.cidr };
      m.nodeCIDRsAllocated.set(labels, num(p.allocatedNodes));
      m.nodeCIDRsAvailable.set(labels, num(p.freeNodes));
    }
    for (const r of report.ranges) {
      m.rangeUtilization.set({ tenant, cluster, kind: r.kind, range: r.name }, r.utilization);
    }
  }

  private setTotals(owned: readonly OwnedCapacity[], totals: readonly AllocationTotal[]): void {
    const byId = new Map(owned.map((o) => [o.clusterId, o]));
    for (const t of totals) {
      const o = byId.get(t.clusterId);
      if (!o || (t.band !== 'static' && t.band !== 'dynamic')) continue;
      const base = { tenant: o.tenant, cluster: o.report.cluster, scope: t.band };
      if (t.resource === 'ip') {
        const cidr = o.report.serviceCIDRs.find((s) => s.family === t.family)?.cidr;
        if (cidr) this.metrics.ipAllocations.inc({ ...base, cidr }, num(t.count));
      } else if (t.resource === 'nodeport') {
        this.metrics.portAllocations.inc(base, num(t.count));
      }
    }
  }
}
