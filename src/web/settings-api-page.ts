import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PERMISSIONS, describePermission, isAdminPermission, knownPermissions } from '../domain/auth/permissions.js';
import type { Services } from '../services.js';
import { errorBlock, esc, sendPage } from './html.js';
import { csrfField, csrfToken, csrfValid, currentUser, formOf, type WebUser } from './web-session.js';

const PATH = '/settings/api';

/** Settings > API: issue a token by hand, see the tokens and apps that have access, revoke them. */
export function settingsApiPage(app: FastifyInstance, svc: Services): void {
  app.get(PATH, async (request, reply) => {
    const signedIn = await currentUser(svc, request);
    if (!signedIn) return reply.redirect(`/signin?next=${encodeURIComponent(PATH)}`, 303);
    return render(svc, request, reply, signedIn, {});
  });

  app.post(`${PATH}/tokens`, async (request, reply) => {
    const form = formOf(request.body);
    const signedIn = await guard(svc, request, reply, form);
    if (!signedIn) return reply;
    const name = typeof form.name === 'string' ? form.name.trim().slice(0, 100) : '';
    const allowed = offeredPermissions(svc, signedIn);
    const permission = knownPermissions([form.permission ?? []].flat()).filter((p) => allowed.includes(p));
    if (name === '') return render(svc, request, reply, signedIn, { error: 'Give the token a name.', status: 400 });
    const issued = await svc.accessTokens.issue({ userId: signedIn.user.id, session: null, name, permission });
    return render(svc, request, reply, signedIn, { issued: { name, token: issued.token } });
  });

  app.post<{ Params: { id: string } }>(`${PATH}/tokens/:id/revoke`, async (request, reply) => {
    const signedIn = await guard(svc, request, reply, formOf(request.body));
    if (!signedIn) return reply;
    await svc.accessTokens.revokeById(signedIn.user.id, request.params.id);
    return reply.redirect(PATH, 303);
  });

  app.post<{ Params: { id: string } }>(`${PATH}/apps/:id/revoke`, async (request, reply) => {
    const signedIn = await guard(svc, request, reply, formOf(request.body));
    if (!signedIn) return reply;
    await svc.accessTokens.revokeApp(signedIn.user.id, request.params.id);
    return reply.redirect(PATH, 303);
  });
}

// Every change needs a signed-in browser and the CSRF secret; otherwise back to the start.
async function guard(svc: Services, request: FastifyRequest, reply: FastifyReply, form: Record<string, unknown>): Promise<WebUser | undefined> {
  const signedIn = await currentUser(svc, request);
  if (!signedIn) {
    await reply.redirect(`/signin?next=${encodeURIComponent(PATH)}`, 303);
    return undefined;
  }
  if (!csrfValid(request, form)) {
    await render(svc, request, reply, signedIn, { error: 'The form expired. Please try again.', status: 403 });
    return undefined;
  }
  return signedIn;
}

// Administrator permissions are offered to moderators and administrators only, as Misskey's settings do.
function offeredPermissions(svc: Services, signedIn: WebUser): string[] {
  const staff = svc.roles.isModerator(signedIn.user);
  return PERMISSIONS.filter((p) => staff || !isAdminPermission(p));
}

interface RenderState {
  error?: string;
  status?: number;
  issued?: { name: string; token: string };
}

async function render(svc: Services, request: FastifyRequest, reply: FastifyReply, signedIn: WebUser, state: RenderState): Promise<FastifyReply> {
  const csrf = csrfToken(svc, request, reply);
  const [tokens, apps] = await Promise.all([
    svc.accessTokens.list(signedIn.user.id),
    svc.apps.listAuthorized(signedIn.user.id, 100, 0, 'desc'),
  ]);
  const issued = state.issued
    ? `<section aria-labelledby="issued"><h2 id="issued">Token "${esc(state.issued.name)}" issued</h2>
<p>Copy it now: it will not be shown again.</p><p class="token" id="new-token">${esc(state.issued.token)}</p></section>`
    : '';
  const checkboxes = offeredPermissions(svc, signedIn)
    .map((p) => `<label><input type="checkbox" name="permission" value="${esc(p)}"> ${esc(describePermission(p))} <small>(${esc(p)})</small></label>`)
    .join('\n');
  const tokenRows = tokens
    .map(
      (t) => `<tr><td>${esc(t.name ?? '(unnamed)')}</td><td>${t.permission.map(esc).join(', ') || '—'}</td>
<td>${new Date(t.createdAt).toISOString().slice(0, 16).replace('T', ' ')}</td><td>${t.lastUsedAt ? new Date(t.lastUsedAt).toISOString().slice(0, 16).replace('T', ' ') : 'never'}</td>
<td><form method="post" action="/settings/api/tokens/${esc(t.id)}/revoke">${csrfField(csrf)}<button type="submit" aria-label="Revoke ${esc(t.name ?? 'token')}">Revoke</button></form></td></tr>`,
    )
    .join('\n');
  const appRows = apps
    .map(
      (a) => `<tr><td>${esc(a.name)}</td><td>${a.permission.map(esc).join(', ') || '—'}</td>
<td><form method="post" action="/settings/api/apps/${esc(a.id)}/revoke">${csrfField(csrf)}<button type="submit" aria-label="Revoke ${esc(a.name)}">Revoke</button></form></td></tr>`,
    )
    .join('\n');
  return sendPage(reply, {
    title: 'Settings — API',
    status: state.status,
    body: `<nav>Signed in as <strong>@${esc(signedIn.user.username)}</strong>
<form method="post" action="/signout">${csrfField(csrf)}<button type="submit">Sign out</button></form></nav>
<h1>API</h1>
${errorBlock(state.error)}${issued}
<section aria-labelledby="new"><h2 id="new">Issue an access token</h2>
<form method="post" action="/settings/api/tokens">
${csrfField(csrf)}
<label for="token-name">Name</label>
<input type="text" id="token-name" name="name" maxlength="100" required>
<fieldset><legend>Permissions</legend>
${checkboxes}
</fieldset>
<button type="submit">Issue token</button>
</form></section>
<section aria-labelledby="tokens"><h2 id="tokens">Access tokens</h2>
${tokens.length ? `<table><thead><tr><th>Name</th><th>Permissions</th><th>Created</th><th>Last used</th><th></th></tr></thead><tbody>\n${tokenRows}\n</tbody></table>` : '<p>No tokens.</p>'}
</section>
<section aria-labelledby="apps"><h2 id="apps">Authorized apps</h2>
${apps.length ? `<table><thead><tr><th>App</th><th>Permissions</th><th></th></tr></thead><tbody>\n${appRows}\n</tbody></table>` : '<p>No apps.</p>'}
</section>`,
  });
}
