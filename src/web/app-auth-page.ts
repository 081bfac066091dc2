import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../domain/errors.js';
import type { Services } from '../services.js';
import { appSummary, callbackTarget } from './consent.js';
import { esc, sendPage } from './html.js';
import { csrfField, csrfToken, csrfValid, currentUser, formOf } from './web-session.js';

/** The legacy app consent page: `GET /auth/:token` shows the app, `POST` accepts (auth/accept) or denies. */
export function appAuthPage(app: FastifyInstance, svc: Services): void {
  app.get<{ Params: { token: string } }>('/auth/:token', async (request, reply) => {
    const session = await findSession(svc, request.params.token);
    if (!session) return noSession(reply);
    const summary = appSummary(session.app.name, undefined, session.app.permission);
    const signedIn = await currentUser(svc, request);
    if (!signedIn) {
      const next = encodeURIComponent(request.url);
      return sendPage(reply, {
        title: `Authorize ${session.app.name}`,
        body: `${summary}<p>Sign in to decide.</p><p><a href="/signin?next=${next}">Sign in</a> or <a href="/signup?next=${next}">sign up</a></p>`,
      });
    }
    const callback = callbackTarget(session.app.callbackUrl);
    const csrf = csrfToken(svc, request, reply);
    return sendPage(reply, {
      title: `Authorize ${session.app.name}`,
      formAction: callback ? [callback.cspSource] : [],
      body: `${summary}
<p>Signed in as <strong>@${esc(signedIn.user.username)}</strong>.</p>
<form method="post" action="/auth/${esc(encodeURIComponent(request.params.token))}">
${csrfField(csrf)}
<button type="submit" name="decision" value="accept">Accept</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
    });
  });

  app.post<{ Params: { token: string } }>('/auth/:token', async (request, reply) => {
    const form = formOf(request.body);
    const signedIn = await currentUser(svc, request);
    if (!signedIn || !csrfValid(request, form)) {
      return sendPage(reply, { title: 'Please try again', status: 403, body: '<h1>Please try again</h1><p>The form expired or you are signed out.</p>' });
    }
    if (form.decision !== 'accept') {
      return sendPage(reply, { title: 'Access denied', body: '<h1>Access denied</h1><p>The application was given nothing.</p>' });
    }
    let callbackUrl: string | null;
    try {
      ({ callbackUrl } = await svc.apps.accept(signedIn.user.id, request.params.token));
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'authSession.notFound') return noSession(reply);
      throw err;
    }
    const callback = callbackTarget(callbackUrl);
    if (callback) {
      callback.url.searchParams.set('token', request.params.token);
      return reply.redirect(callback.url.href, 303);
    }
    return sendPage(reply, { title: 'Access granted', body: '<h1>Access granted</h1><p>Return to the application to finish.</p>' });
  });
}

async function findSession(svc: Services, token: string) {
  try {
    return await svc.apps.showSession(token);
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'authSession.notFound') return undefined;
    throw err;
  }
}

function noSession(reply: FastifyReply): FastifyReply {
  return sendPage(reply, { title: 'Invalid request', status: 404, body: '<h1>Invalid request</h1><p>This authorization session does not exist or has expired.</p>' });
}
