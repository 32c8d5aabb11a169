/**
 * A closed-loop HTTP load generator: autocannon (Fastify's own benchmarking tool) firing from
 * its own worker thread (`workers: 1`), so the load has its own event loop and does not share
 * the server's. `connections` keep-alive sockets each carry one request at a time.
 */
import autocannon from 'autocannon';

export interface Target {
  port: number;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
}

export async function load(
  target: Target,
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const r = await autocannon({
    url: `http://127.0.0.1:${target.port}${target.path}`,
    method: target.method,
    // autocannon computes content-length itself; a second one makes servers drop the request.
    headers: Object.fromEntries(
      Object.entries(target.headers).filter(([k]) => k.toLowerCase() !== 'content-length'),
    ),
    ...(target.body !== undefined ? { body: target.body } : {}),
    connections,
    duration: seconds,
    workers: 1,
  });
  const statuses: Record<number, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {}))
    statuses[Number(code)] = (v as { count: number }).count;
  if (r.errors > 0) statuses[0] = r.errors;
  return {
    requests: r.requests.total,
    perSecond: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    statuses,
  };
}
