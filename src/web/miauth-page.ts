import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services.js';
import { appSummary, callbackTarget, iconTarget, parsePermissionList } from './consent.js';
import { esc, sendPage } from './html.js';
import { csrfField, csrfToken, csrfValid, currentUser, formOf } from './web-session.js';

type MiAuthQuery = { name?: string; icon?: string; callback?: string; permission?: string; permisson?: string };

const SESSION_PATTERN = /^[\w.~-]{1,256}$/;

/** The MiAuth consent page: `GET /miauth/:session` shows the request, `POST` accepts or denies it. */
export function miAuthPage(app: FastifyInstance, svc: Services): void {
  app.get<{ Params: { session: string }; Querystring: MiAuthQuery }>('/miauth/:session', async (request, reply) => {
    const { session } = request.params;
    if (!SESSION_PATTERN.test(session)) return invalidSession(reply);
    const q = request.query;
    const signedIn = await currentUser(svc, request);
    const name = q.name || 'An application';
    const icon = iconTarget(q.icon);
    // Misskey's own documentation spells the parameter "permisson"; accept both.
    const permissions = parsePermissionList(q.permission ?? q.permisson);
    if (!signedIn) {
      const next = encodeURIComponent(request.url);
      return sendPage(reply, {
        title: `Authorize ${name}`,
        imgSrc: icon ? [icon.origin] : [],
        body: `${appSummary(name, icon?.url, permissions)}
<p>Sign in to decide.</p>
<p><a href="/signin?next=${next}">Sign in</a> or <a href="/signup?next=${next}">sign up</a></p>`,
      });
    }
    const callback = callbackTarget(q.callback);
    const csrf = csrfToken(svc, request, reply);
    const hidden = (field: string, value: string | undefined) => `<input type="hidden" name="${field}" value="${esc(value ?? '')}">`;
    return sendPage(reply, {
      title: `Authorize ${name}`,
      imgSrc: icon ? [icon.origin] : [],
      formAction: callback ? [callback.cspSource] : [],
      body: `${appSummary(name, icon?.url, permissions)}
<p>Signed in as <strong>@${esc(signedIn.user.username)}</strong>.</p>
${callback ? `<p>After you accept, you will be sent to <code>${esc(callback.url.href)}</code>.</p>` : ''}
<form method="post" action="/miauth/${esc(encodeURIComponent(session))}">
${csrfField(csrf)}${hidden('name', q.name)}${hidden('icon', icon?.url)}${hidden('callback', callback?.url.href)}${hidden('permission', permissions.join(','))}
<button type="submit" name="decision" value="accept">Accept</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
    });
  });

  app.post<{ Params: { session: string } }>('/miauth/:session', async (request, reply) => {
    const { session } = request.params;
    if (!SESSION_PATTERN.test(session)) return invalidSession(reply);
    const form = formOf(request.body);
    const signedIn = await currentUser(svc, request);
    if (!csrfValid(request, form) || !signedIn) return expired(reply, request);
    if (form.decision !== 'accept') {
      return sendPage(reply, { title: 'Access denied', body: '<h1>Access denied</h1><p>The application was given nothing. You can close this window.</p>' });
    }
    const name = typeof form.name === 'string' && form.name !== '' ? form.name : null;
    // The same command miauth/gen-token runs: a token bound to the session, fetched once by the app.
    await svc.accessTokens.issue({
      userId: signedIn.user.id,
      session,
      name,
      iconUrl: iconTarget(form.icon)?.url ?? null,
      permission: parsePermissionList(form.permission),
    });
    const callback = callbackTarget(form.callback);
    if (callback) {
      callback.url.searchParams.set('session', session);
      return reply.redirect(callback.url.href, 303);
    }
    return sendPage(reply, {
      title: 'Access granted',
      body: `<h1>Access granted</h1><p>${esc(name ?? 'The application')} can now use your account. You can close this window and return to it.</p>`,
    });
  });
}

function invalidSession(reply: FastifyReply): FastifyReply {
  return sendPage(reply, { title: 'Invalid request', status: 400, body: '<h1>Invalid request</h1><p>This authorization link is not valid.</p>' });
}

function expired(reply: FastifyReply, request: FastifyRequest): FastifyReply {
  return sendPage(reply, {
    title: 'Please try again',
    status: 403,
    body: `<h1>Please try again</h1><p>The form expired or you are signed out. Go back to the application's link and try again.</p>
<p><a href="/signin?next=${encodeURIComponent(request.url)}">Sign in</a></p>`,
  });
}
