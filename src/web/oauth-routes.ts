import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PERMISSIONS } from '../domain/auth/permissions.js';
import type { AuthorizationTransaction } from '../domain/auth/oauth.service.js';
import { DomainError } from '../domain/errors.js';
import type { Services } from '../services.js';
import { appSummary } from './consent.js';
import { esc, sendPage } from './html.js';
import { csrfField, csrfToken, csrfValid, currentUser, formOf } from './web-session.js';

type Query = Record<string, string | undefined>;

/** OAuth 2.0 (authorization code + PKCE): server metadata, the consent page, the decision and the token endpoint. */
export function oauthRoutes(app: FastifyInstance, svc: Services): void {
  app.get('/.well-known/oauth-authorization-server', async (_request, reply) => {
    const base = svc.config.publicUrl;
    return reply.header('Access-Control-Allow-Origin', '*').send({
      issuer: base,
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      scopes_supported: PERMISSIONS,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      service_documentation: `${base}/api-doc`,
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    });
  });

  app.get<{ Querystring: Query }>('/oauth/authorize', async (request, reply) => {
    const q = request.query;
    let clientName: string;
    let redirectUri: string;
    try {
      const clientUrl = svc.oauth.validateClientId(q.client_id, svc.config.allowPrivateNetworkFetch);
      const client = await svc.oauth.discoverClient(clientUrl);
      if (!q.redirect_uri || !client.redirectUris.includes(q.redirect_uri)) throw new DomainError('oauth.invalid_request', 'Invalid redirect_uri');
      clientName = client.name;
      redirectUri = q.redirect_uri;
    } catch (err) {
      // Until the redirect URI is trusted, errors go to the browser, not to the client.
      return directError(reply, err);
    }
    let txn: AuthorizationTransaction;
    try {
      const scopes = svc.oauth.checkRequest(q);
      txn = { clientId: new URL(q.client_id!).href, clientName, redirectUri, scopes, codeChallenge: q.code_challenge!, state: q.state ?? null };
    } catch (err) {
      return redirectError(svc, reply, redirectUri, q.state ?? null, err);
    }
    const transactionId = await svc.oauth.startTransaction(txn);
    return consentPage(svc, request, reply, txn, transactionId);
  });

  app.post('/oauth/decision', async (request, reply) => {
    const form = formOf(request.body);
    const txn = typeof form.transaction_id === 'string' ? await svc.oauth.takeTransaction(form.transaction_id) : undefined;
    if (!txn) return reply.code(403).send({ error: 'access_denied', error_description: 'Invalid or expired transaction ID' });
    if (form.cancel) return redirectError(svc, reply, txn.redirectUri, txn.state, new DomainError('oauth.access_denied', 'User denied access'));
    const userId = await decidingUser(svc, request, form);
    if (!userId) return redirectError(svc, reply, txn.redirectUri, txn.state, new DomainError('oauth.invalid_request', 'No user'));
    const code = await svc.oauth.issueCode(txn, userId);
    return redirectTo(svc, reply, txn.redirectUri, { code, ...(txn.state !== null ? { state: txn.state } : {}) });
  });

  app.options('/oauth/token', async (_request, reply) => {
    return reply
      .code(204)
      .header('Access-Control-Allow-Origin', '*')
      .header('Access-Control-Allow-Methods', 'POST, OPTIONS')
      .header('Access-Control-Allow-Headers', 'Content-Type, Authorization')
      .send();
  });

  app.post('/oauth/token', async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*').header('Cache-Control', 'no-store');
    const body = formOf(request.body);
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    // compat: Misskey's token errors come from oauth2orize; we use RFC 6749 §5.2's status (400) for all of them.
    if (body.grant_type !== 'authorization_code') {
      return reply.code(400).send({ error: 'unsupported_grant_type', error_description: 'Only authorization_code is supported' });
    }
    const code = str(body.code);
    const clientId = str(body.client_id);
    const redirectUri = str(body.redirect_uri);
    if (!code || !clientId || !redirectUri) return reply.code(400).send({ error: 'invalid_request', error_description: 'code, client_id and redirect_uri are required' });
    try {
      const result = await svc.oauth.exchange({ code, clientId, redirectUri, codeVerifier: str(body.code_verifier) });
      return reply.send({ access_token: result.accessToken, token_type: 'Bearer', scope: result.scope });
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'oauth.invalid_grant') {
        return reply.code(400).send({ error: 'invalid_grant', error_description: String(err.detail) });
      }
      throw err;
    }
  });

  app.all('/oauth/*', async (_request, reply) => {
    return reply.code(404).send({ error: { message: 'Unknown OAuth endpoint.', code: 'UNKNOWN_OAUTH_ENDPOINT', id: 'aa49e620-26cb-4e28-aad6-8cbcb58db147', kind: 'client' } });
  });
}

// Misskey's decision form carries the user's native token as `login_token`; our page uses the
// sign-in cookie, guarded by the CSRF secret instead.
async function decidingUser(svc: Services, request: FastifyRequest, form: Record<string, unknown>): Promise<string | undefined> {
  if (typeof form.login_token === 'string' && form.login_token !== '') {
    try {
      const credential = await svc.auth.authenticate(form.login_token);
      return credential.accessToken === null ? credential.user.id : undefined;
    } catch {
      return undefined;
    }
  }
  if (!csrfValid(request, form)) return undefined;
  return (await currentUser(svc, request))?.user.id;
}

async function consentPage(svc: Services, request: FastifyRequest, reply: FastifyReply, txn: AuthorizationTransaction, transactionId: string): Promise<FastifyReply> {
  const signedIn = await currentUser(svc, request);
  const meta = `<meta name="misskey:oauth:transaction-id" content="${esc(transactionId)}"><meta name="misskey:oauth:client-name" content="${esc(txn.clientName)}">`;
  const summary = appSummary(txn.clientName, undefined, txn.scopes);
  if (!signedIn) {
    const next = encodeURIComponent(request.url);
    return sendPage(reply, {
      title: `Authorize ${txn.clientName}`,
      body: `${meta}${summary}<p>Sign in to decide.</p><p><a href="/signin?next=${next}">Sign in</a> or <a href="/signup?next=${next}">sign up</a></p>`,
    });
  }
  const csrf = csrfToken(svc, request, reply);
  return sendPage(reply, {
    title: `Authorize ${txn.clientName}`,
    formAction: [new URL(txn.redirectUri).origin],
    body: `${meta}${summary}
<p>Signed in as <strong>@${esc(signedIn.user.username)}</strong>. You will be sent back to <code>${esc(txn.redirectUri)}</code>.</p>
<form method="post" action="/oauth/decision">
${csrfField(csrf)}<input type="hidden" name="transaction_id" value="${esc(transactionId)}">
<button type="submit">Accept</button>
<button type="submit" name="cancel" value="cancel">Deny</button>
</form>`,
  });
}

function oauthError(err: unknown): { error: string; description: string } {
  if (err instanceof DomainError && err.kind.startsWith('oauth.')) return { error: err.kind.slice('oauth.'.length), description: String(err.detail ?? '') };
  throw err;
}

function directError(reply: FastifyReply, err: unknown): FastifyReply {
  const { error, description } = oauthError(err);
  return reply.code(400).header('Cache-Control', 'no-store').send({ error, error_description: description });
}

function redirectError(svc: Services, reply: FastifyReply, redirectUri: string, state: string | null, err: unknown): FastifyReply {
  const { error, description } = oauthError(err);
  return redirectTo(svc, reply, redirectUri, { error, error_description: description, ...(state !== null ? { state } : {}) });
}

// Every authorization response names this server as its issuer (RFC 9207).
function redirectTo(svc: Services, reply: FastifyReply, redirectUri: string, params: Record<string, string>): FastifyReply {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries({ ...params, iss: svc.config.publicUrl })) url.searchParams.append(key, value);
  return reply.redirect(url.href, 302);
}
