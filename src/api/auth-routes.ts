import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../domain/errors.js';
import type { Services } from '../services.js';
import { UserPacker } from './entities/user-packer.js';

/** Misskey's sign-in error ids (signin-flow answers `{error: {id}}` only). */
const SIGNIN_ERRORS: Record<string, { status: number; id: string }> = {
  'signin.noSuchUser': { status: 404, id: '6cc579cc-885d-43d8-95c2-b8c7fc963280' },
  'signin.suspended': { status: 403, id: 'e03a5f46-d309-4865-9b69-56282d94e1eb' },
  'signin.wrongPassword': { status: 403, id: '932c904e-9460-45b7-9ce6-7ed33be7eb2c' },
};

const TOO_MANY_FAILURES = {
  message: 'Too many failed attempts to sign in. Try again later.',
  code: 'TOO_MANY_AUTHENTICATION_FAILURES',
  id: '22d05606-fbcf-421a-a2db-b32610dcfd1b',
};

/** Sign-up error codes; Misskey sends them as the message of a plain 400. */
const SIGNUP_CODES: Record<string, string> = {
  'user.invalidUsername': 'INVALID_USERNAME',
  'user.invalidPassword': 'INVALID_PASSWORD',
  'user.duplicateUsername': 'DUPLICATED_USERNAME',
  'user.usedUsername': 'USED_USERNAME',
  'signup.invitationRequired': 'INVITATION_CODE_REQUIRED',
  'signup.invalidInvitation': 'INVALID_INVITATION_CODE',
};

/** Headers kept in the sign-in history; never cookies or credentials. */
const RECORDED_HEADERS = ['user-agent', 'accept-language', 'origin', 'referer', 'x-forwarded-for'];

/**
 * The `/api` routes that are not generic endpoints: `signup`, `signin-flow` and
 * `miauth/:session/check`, with Misskey's own (non-envelope) answers. Register with prefix `/api`.
 */
export async function authApiRoutes(app: FastifyInstance, opts: { svc: Services }): Promise<void> {
  const { svc } = opts;
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body).trim();
    try {
      done(null, text === '' ? {} : JSON.parse(text));
    } catch {
      done(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });

  app.post('/signup', async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    const body = asObject(request.body);
    if (typeof body.username !== 'string' || typeof body.password !== 'string') return badRequest(reply, 'INVALID_PARAM');
    const invitationCode = typeof body.invitationCode === 'string' ? body.invitationCode : null;
    try {
      const created = await svc.signup.signup({ username: body.username, password: body.password, invitationCode });
      const packed = await new UserPacker(svc).packMe(created.user);
      return sendJson(reply, 200, { ...packed, token: created.token });
    } catch (err) {
      if (err instanceof DomainError && SIGNUP_CODES[err.kind]) return badRequest(reply, SIGNUP_CODES[err.kind]);
      throw err;
    }
  });

  app.post('/signin-flow', async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', svc.config.publicUrl).header('Access-Control-Allow-Credentials', 'true');
    const body = asObject(request.body);
    // Misskey answers a malformed attempt with a bare 400.
    if (typeof body.username !== 'string') return reply.code(400).send();
    if (body.password === undefined || body.password === null) return sendJson(reply, 200, { finished: false, next: 'captcha' });
    if (typeof body.password !== 'string') return reply.code(400).send();
    try {
      const headers: Record<string, string> = {};
      for (const name of RECORDED_HEADERS) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const result = await svc.signin.signin({ username: body.username, password: body.password, ip: request.ip, headers });
      return sendJson(reply, 200, { finished: true, id: result.user.id, i: result.token });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.kind === 'signin.tooManyFailures') return sendJson(reply, 429, { error: TOO_MANY_FAILURES });
      const known = SIGNIN_ERRORS[err.kind];
      if (!known) throw err;
      return sendJson(reply, known.status, { error: { id: known.id } });
    }
  });

  app.post<{ Params: { session: string } }>('/miauth/:session/check', async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    const claimed = await svc.accessTokens.claimMiAuth(request.params.session);
    if (!claimed) return sendJson(reply, 200, { ok: false });
    const user = await svc.usersRepo.findById(claimed.userId);
    if (!user) return sendJson(reply, 200, { ok: false });
    return sendJson(reply, 200, { ok: true, token: claimed.token, user: await new UserPacker(svc).packMe(user) });
  });
}

function asObject(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

// compat: Misskey's sign-up errors are Fastify's plain error body with the code as message; we add `code`.
function badRequest(reply: FastifyReply, code: string): FastifyReply {
  return sendJson(reply, 400, { statusCode: 400, code, error: 'Bad Request', message: code });
}
