/**
 * `GET /dashboard`: one static page (no build step) that asks once for a tenant key, keeps it
 * in sessionStorage and draws the tenant's capacity from the GraphQL API. The page is public;
 * its data is not. Its inline script is allowed by hash, nothing else may run.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../../platform/auth/access.decorator';
import { projectRoot } from '../../platform/database/database';

interface Page {
  readonly html: string;
  readonly csp: string;
}

function loadPage(): Page {
  const html = readFileSync(
    join(projectRoot(), 'src', 'modules', 'dashboard', 'dashboard.html'),
    'utf8',
  );
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}'`,
  );
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.join(' ')}`,
    "style-src 'unsafe-inline'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}

@Controller('dashboard')
export class DashboardController {
  private readonly page = loadPage();

  @Get()
  @Public()
  show(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', this.page.csp)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache');
    return this.page.html;
  }
}
