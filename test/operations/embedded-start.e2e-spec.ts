/**
 * `npm start` with nothing configured: the built server runs on the embedded PGlite in
 * STACKPLAN_DATA_DIR, generates the operator token file (mode 0600) without printing the
 * token, keeps its data across a SIGTERM and a restart, and logs JSON lines on stdout.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { callJson, killAll, MAIN_JS, startServer } from './server-process';

/** Every non-empty stdout line is one JSON object with a level, a time and a message. */
function assertJsonLines(stdout: string): void {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  assert.ok(lines.length > 0, 'the server logs something on stdout');
  for (const line of lines) {
    let entry: unknown;
    assert.doesNotThrow(() => (entry = JSON.parse(line)), `not a JSON line: ${line}`);
    assert.equal(typeof entry, 'object', line);
    const e = entry as Record<string, unknown>;
    assert.ok(
      e.level !== undefined && e.time !== undefined && typeof e.msg === 'string',
      `level, time and msg: ${line}`,
    );
  }
}

describe('embedded start (no DATABASE_URL, no STACKPLAN_ADMIN_TOKEN)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stackplan-embedded-'));
  after(async () => {
    await killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, generates the operator token, persists a tenant across a restart', async () => {
    assert.ok(existsSync(MAIN_JS), `${MAIN_JS}: build output (tsc runs before the tests)`);
    const env = { STACKPLAN_DATA_DIR: dataDir, LOG_LEVEL: 'info' };

    const first = await startServer(env);
    await first.waitReady(50_000);
    const tokenFile = join(dataDir, 'operator-token');
    assert.ok(existsSync(tokenFile), 'operator-token generated');
    assert.equal(statSync(tokenFile).mode & 0o777, 0o600, 'operator-token is private (0600)');
    const token = readFileSync(tokenFile, 'utf8').trim();
    assert.ok(token.length >= 32, 'a long random token');
    assert.match(
      first.stderr(),
      new RegExp(
        `generated an operator token in ${tokenFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      ),
    );
    assert.ok(
      !first.stdout().includes(token) && !first.stderr().includes(token),
      'the token itself is never printed',
    );

    const created = await callJson(first.port, 'POST', '/v1/tenants', token, { name: 'acme' });
    assert.equal(created.status, 201, created.text);
    const key = await callJson(first.port, 'POST', '/v1/tenants/acme/api-keys', token, {
      role: 'admin',
    });
    assert.equal(key.status, 201, key.text);
    const apiKey = key.json<{ token: string }>().token;
    const cluster = await callJson(first.port, 'POST', '/v1/clusters', apiKey, {
      name: 'tokyo',
      serviceCIDRs: ['10.1.0.0/16'],
    });
    assert.equal(cluster.status, 201, cluster.text);
    assert.equal(
      (await callJson(first.port, 'GET', '/v1/tenants', null)).status,
      401,
      'the token is required',
    );

    const exit = await first.stop('SIGTERM', 15_000);
    assert.deepEqual(
      exit,
      { code: 0, signal: null },
      `clean exit on SIGTERM\n${first.stderr().slice(-2000)}`,
    );
    assertJsonLines(first.stdout());

    const second = await startServer(env);
    await second.waitReady(45_000);
    assert.equal(readFileSync(tokenFile, 'utf8').trim(), token, 'the same token file is reused');
    assert.doesNotMatch(second.stderr(), /generated an operator token/);
    const tenant = await callJson(second.port, 'GET', '/v1/tenants/acme', token);
    assert.equal(tenant.status, 200, tenant.text);
    assert.deepEqual(tenant.json(), created.json(), 'the tenant survived the restart');
    const kept = await callJson(
      second.port,
      'GET',
      '/v1/clusters/tokyo/namespaces/default/services/kubernetes',
      apiKey,
    );
    assert.equal(kept.status, 200, `the API key, cluster and its Services survived: ${kept.text}`);
    assert.deepEqual(await second.stop('SIGTERM', 15_000), { code: 0, signal: null });
    assertJsonLines(second.stdout());
  });
});
