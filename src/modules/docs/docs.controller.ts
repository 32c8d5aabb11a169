/** `GET /openapi.json` and the Swagger UI at `/docs` (API.md "Operations"); both public. */
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../../platform/auth/access.decorator';
import { AppError } from '../../platform/errors/app-error';
import { buildOpenApiDocument } from './openapi-document';
import { DOCS_CSP, DOCS_PAGE, loadAssets } from './swagger-ui-page';

@Controller()
@Public()
export class DocsController {
  private readonly document = JSON.stringify(buildOpenApiDocument());
  private readonly assets = loadAssets();

  @Get('openapi.json')
  openapi(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-cache');
    return this.document;
  }

  @Get('docs')
  page(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', DOCS_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache');
    return DOCS_PAGE;
  }

  @Get('docs/:asset')
  asset(@Param('asset') name: string, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    const asset = this.assets.get(name);
    if (!asset)
      throw AppError.of(404, 'NotFound', 'the server could not find the requested resource');
    void reply
      .header('content-type', asset.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=3600');
    return asset.body;
  }
}
