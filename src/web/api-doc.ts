import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

// The viewer's files, served by the instance itself (no CDN). Our own initializer is a file too,
// so the page needs no inline script under its CSP.
const ASSETS: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: path.join(swaggerDir, 'swagger-ui.css'), type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: path.join(swaggerDir, 'swagger-ui-bundle.js'), type: 'text/javascript; charset=utf-8' },
};

const INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api.json', dom_id: '#api-doc', deepLinking: true, defaultModelsExpandDepth: 0 });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference</title>
<link rel="stylesheet" href="/api-doc/assets/swagger-ui.css">
</head>
<body>
<div id="api-doc"></div>
<script src="/api-doc/assets/swagger-ui-bundle.js"></script>
<script src="/api-doc/assets/init.js"></script>
</body>
</html>
`;

/** `/api.json` (the OpenAPI document, built on its first request) and `/api-doc` (a viewer of it). */
export function apiDocRoutes(app: FastifyInstance, openApi: () => Promise<object>): void {
  // Building the document for every endpoint is a good part of a cold start; few processes are ever asked for it.
  let json: string | undefined;
  app.get('/api.json', async (_request, reply) => {
    json ??= JSON.stringify(await openApi());
    reply.header('Cache-Control', 'public, max-age=600').header('Access-Control-Allow-Origin', '*');
    reply.type('application/json; charset=utf-8').send(json);
  });

  app.get('/api-doc', async (_request, reply) => {
    reply
      .header('Cache-Control', 'public, max-age=86400')
      .header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'")
      .type('text/html; charset=utf-8')
      .send(PAGE);
  });

  app.get<{ Params: { name: string } }>('/api-doc/assets/:name', async (request, reply) => {
    const name = request.params.name;
    reply.header('Cache-Control', 'public, max-age=86400');
    if (name === 'init.js') return reply.type('text/javascript; charset=utf-8').send(INIT_JS);
    const asset = ASSETS[name];
    if (!asset) return reply.code(404).send();
    return reply.type(asset.type).send(await readFile(asset.file));
  });
}
