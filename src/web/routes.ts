import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { authApiRoutes } from '../api/auth-routes.js';
import type { Services } from '../services.js';
import { accountPages } from './account-pages.js';
import { appAuthPage } from './app-auth-page.js';
import { STYLESHEET } from './html.js';
import { miAuthPage } from './miauth-page.js';
import { oauthRoutes } from './oauth-routes.js';
import { settingsApiPage } from './settings-api-page.js';

/** Registers the account and authorization pages and the non-generic `/api` auth routes. */
export async function authRoutes(app: FastifyInstance, svc: Services): Promise<void> {
  await app.register(authApiRoutes, { prefix: '/api', svc });
  await app.register(async (web) => {
    await web.register(cookie);
    await web.register(formbody, { bodyLimit: 64 * 1024 });
    web.get(STYLESHEET.path, async (_request, reply) => {
      return reply.header('Cache-Control', 'public, max-age=3600').type('text/css; charset=utf-8').send(STYLESHEET.body);
    });
    accountPages(web, svc);
    miAuthPage(web, svc);
    settingsApiPage(web, svc);
    appAuthPage(web, svc);
    oauthRoutes(web, svc);
  });
}
