/**
 * The control of bench/allocate: a bare NestJS-Fastify POST that runs the same reservation
 * statement as `POST /v1/clusters/{cluster}/ip-allocations` (TAKE_ONE_SQL, a named prepared
 * statement with a generic plan, three random candidates of the upper band, counter and audit
 * event included) and answers the row, with nothing else: no authentication, request ids,
 * metrics, input checks, cluster lookup or group commit. Its figures show what this stack
 * reaches with the statement alone, beside the raw INSERT.
 *
 * Started by run.ts as a child process. Environment: DATABASE_URL, CONTROL_CLUSTER_ID,
 * CONTROL_TENANT_ID, CONTROL_CIDR (an IPv4 CIDR of that cluster). Listens on a free port of
 * 127.0.0.1 and prints it on stdout.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { mathRandom, probeIntervals, randomStart, serviceIPRange } from '../../src/core/allocation';
import { formatIP, parseCidr } from '../../src/core/net';
import { randomShard } from '../../src/modules/ipam/allocation-counters.repository';
import { TAKE_ONE_SQL } from '../../src/modules/ipam/ip-take.sql';

const need = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};
const clusterId = need('CONTROL_CLUSTER_ID');
const tenantId = need('CONTROL_TENANT_ID');
const cidrText = need('CONTROL_CIDR');
const parsed = parseCidr(cidrText);
if (!parsed.ok || parsed.cidr.family !== 'IPv4') throw new Error(`CONTROL_CIDR: ${cidrText}`);
// The same range and upper (dynamic) band as the REST endpoint's cluster (version 1.30).
const range = serviceIPRange(parsed.cidr, { major: 1, minor: 30 });
const dynamic = probeIntervals(range)[0]!;
const pool = new Pool({
  connectionString: need('DATABASE_URL'),
  max: 8,
  options: '-c plan_cache_mode=force_generic_plan',
});

@Controller()
class ControlController {
  @Post('take')
  async take(@Body() body: { owner?: unknown }) {
    const candidates = [0, 1, 2].map(() => randomStart(dynamic, mathRandom));
    const { rows } = await pool.query({
      name: 'control_take',
      text: TAKE_ONE_SQL,
      values: [
        clusterId,
        tenantId,
        null,
        'IPv4',
        `{${candidates.join(',')}}`,
        `{${candidates.map((value) => formatIP({ family: 'IPv4', value })).join(',')}}`,
        1,
        cidrText,
        range.staticLast.toString(),
        typeof body?.owner === 'string' ? body.owner : '',
        '',
        null,
        randomShard(),
        'control',
      ],
    });
    // The row as it comes: JSON gives created_at in ISO form, as the API's view does.
    return rows[0];
  }
}

@Module({ controllers: [ControlController] })
class ControlModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ControlModule,
    new FastifyAdapter(),
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`${(app.getHttpServer().address() as AddressInfo).port}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`control server: ${String(e)}\n`);
  process.exit(1);
});
