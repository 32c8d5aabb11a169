/**
 * The Swagger UI page at /docs: the assets of the installed `swagger-ui-dist` package, an
 * HTML page and a small initializer script pointing the UI at /openapi.json. The initializer
 * is a file, not an inline script, so the page's CSP can allow scripts from 'self' only.
 * Links are relative, so the page also works behind a reverse proxy that adds a path prefix.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** The files of swagger-ui-dist the page needs, with their media types. */
const DIST_FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: new URL('openapi.json', document.baseURI).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    persistAuthorization: false,
    displayRequestDuration: true,
  });
});
`;

export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stackplan API</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
<link rel="icon" type="image/png" href="docs/favicon-32x32.png" sizes="32x32">
<link rel="icon" type="image/png" href="docs/favicon-16x16.png" sizes="16x16">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/swagger-initializer.js"></script>
</body>
</html>
`;

export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Swagger UI sets element styles and draws icons as data: SVGs.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const distDir = (): string => dirname(require.resolve('swagger-ui-dist/package.json'));

/** Loads every asset once; a missing package fails at boot, not on the first visit. */
export function loadAssets(): ReadonlyMap<string, Asset> {
  const dir = distDir();
  const assets = new Map<string, Asset>();
  for (const [name, contentType] of Object.entries(DIST_FILES)) {
    assets.set(name, { body: readFileSync(join(dir, name)), contentType });
  }
  assets.set('swagger-initializer.js', {
    body: Buffer.from(INITIALIZER),
    contentType: 'text/javascript; charset=utf-8',
  });
  return assets;
}
