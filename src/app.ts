import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { apiRoutes, type MultipartReader } from './api/http.js';
import { buildOpenApi } from './api/openapi.js';
import { ApiPipeline } from './api/pipeline.js';
import { EndpointRegistry } from './api/registry.js';
import { createAjv } from './api/validation.js';
import { startNotificationPublisher } from './api/notification-publisher.js';
import type { Services } from './services.js';
import { attachStreaming } from './streaming/index.js';
import { apiDocRoutes } from './web/api-doc.js';
import { fileRoutes } from './api/file-server.js';
import { authRoutes } from './web/routes.js';
import { identiconRoutes } from './web/identicon.js';
import { VERSION } from './version.js';

/** What buildApp needs: the services, and optionally the multipart reader of the drive module. */
export interface AppDeps {
  svc: Services;
  readMultipart?: MultipartReader;
}

/** The HTTP (and later WebSocket) server of one instance, ready to listen. Tests call this too. */
export async function buildApp({ svc, readMultipart }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: svc.config.bodyLimit,
    // Behind a reverse proxy, request.ip (rate limits, sign-in history) comes from X-Forwarded-For.
    trustProxy: svc.config.trustProxy,
    logger: svc.config.logLevel === 'silent' ? false : { level: svc.config.logLevel },
    // Per-request logs cost more than the request itself on the hot path.
    logController: new LogController({ disableRequestLogging: true }),
  });

  const registry = new EndpointRegistry();
  const pipeline = new ApiPipeline(svc, createAjv(), registry, (err, ctx) => {
    app.log.error({ err, endpoint: ctx.endpoint, errorId: ctx.errorId }, 'internal error in endpoint');
  });

  await app.register(apiRoutes, { prefix: '/api', pipeline, registry, readMultipart });
  apiDocRoutes(app, async () => buildOpenApi(await registry.loadAll(), { version: VERSION, apiUrl: `${svc.config.publicUrl}/api` }));
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.register(fileRoutes, { svc });
  attachStreaming(app, svc);
  await authRoutes(app, svc);
  identiconRoutes(app);
  const stopNotifications = startNotificationPublisher(svc, (err) => app.log.error({ err }, 'notification publishing failed'));
  app.addHook('onClose', async () => stopNotifications());
  return app;
}
