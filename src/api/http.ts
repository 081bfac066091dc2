import { rm } from 'node:fs/promises';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AnyEndpoint } from './endpoint.js';
import { ApiError, E } from './errors.js';
import type { ApiCall, ApiOutcome, ApiPipeline } from './pipeline.js';
import type { EndpointRegistry } from './registry.js';
import { jsonOf } from './reusable-body.js';

/** Hands a multipart request's fields and file to the pipeline; provided by the drive module. */
export type MultipartReader = (request: FastifyRequest) => Promise<Pick<ApiCall, 'params' | 'file'>>;

interface ApiRoutesOptions {
  pipeline: ApiPipeline;
  registry: EndpointRegistry;
  readMultipart?: MultipartReader;
}

/** Serves `/api/<name>` for every endpoint, plus Misskey's CORS, caching and error behaviour. */
export async function apiRoutes(app: FastifyInstance, opts: ApiRoutesOptions): Promise<void> {
  await app.register(cors, { origin: '*' });
  // multipart/form-data (drive/files/create) is parsed only when a reader was given.
  if (opts.readMultipart) await app.register(multipart);

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('Cache-Control', 'private, max-age=0, must-revalidate');
  });

  // An empty body is an empty params object (some clients send Content-Type without a body).
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new ApiError(E.invalidJson), undefined);
    }
  });

  app.setErrorHandler((err: FastifyError, _request, reply) => sendError(reply, toApiError(err)));
  app.setNotFoundHandler((_request, reply) => sendError(reply, new ApiError(E.unknownEndpoint)));

  // One route for every endpoint: registering a route per endpoint was ~15 % of the start-up CPU.
  // Fastify's own routes under /api (sign-up, sign-in…) are static, so they still match first.
  const { registry } = opts;
  app.route<{ Params: { '*': string } }>({
    method: ['GET', 'POST'],
    url: '/*',
    handler: async (request, reply) => {
      const name = request.params['*'];
      // The declaration is imported on the endpoint's first call (see EndpointRegistry).
      const ep = registry.loaded(name) ?? (await registry.get(name));
      if (!ep) return sendError(reply, new ApiError(E.unknownEndpoint));
      return handle(ep, request, reply, opts);
    },
  });
}

async function handle(ep: AnyEndpoint, request: FastifyRequest, reply: FastifyReply, opts: ApiRoutesOptions): Promise<void> {
  const isGet = request.method === 'GET';
  if (isGet && !ep.allowGet) {
    reply.code(405).send();
    return;
  }

  let params: Record<string, unknown>;
  let file: ApiCall['file'];
  if (ep.requireFile && opts.readMultipart && isMultipart(request)) {
    ({ params, file } = await opts.readMultipart(request));
  } else {
    const source = isGet ? request.query : request.body;
    if (source === undefined || source === null) params = {};
    else if (typeof source === 'object' && !Array.isArray(source)) params = { ...(source as Record<string, unknown>) };
    else return sendError(reply, new ApiError(E.invalidParam, { param: '#/type', reason: 'must be object' }));
  }

  const token = tokenOf(request.headers.authorization, params.i);
  if (token === null) {
    // Misskey answers a non-string `i` with a bare 400.
    reply.code(400).send();
    return;
  }

  const outcome = await opts.pipeline.call(ep, { token, params, ip: request.ip, stringParams: isGet || file !== undefined, file });
  // The upload's temporary copy is not needed once the call is over.
  if (file) await rm(file.path, { force: true });
  if (isGet && ep.cacheSec && token === undefined && outcome.status === 200) {
    reply.header('Cache-Control', `public, max-age=${ep.cacheSec}`);
  }
  send(reply, outcome);
}

function isMultipart(request: FastifyRequest): boolean {
  return request.headers['content-type']?.startsWith('multipart/form-data') ?? false;
}

/** The Authorization header wins over `i`; undefined = anonymous, null = unusable `i`. */
function tokenOf(authorization: string | undefined, i: unknown): string | undefined | null {
  if (authorization !== undefined) {
    // Only exactly "Bearer <token>" is a credential; anything else fails authentication.
    return authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : '';
  }
  if (i === undefined || i === null) return undefined;
  return typeof i === 'string' ? i : null;
}

function send(reply: FastifyReply, outcome: ApiOutcome): void {
  if (outcome.headers) reply.headers(outcome.headers);
  reply.code(outcome.status);
  if (outcome.status === 204) {
    reply.send();
    return;
  }
  // A bare string result must still be JSON on the wire.
  reply.type('application/json; charset=utf-8').send(jsonOf(outcome.body));
}

function sendError(reply: FastifyReply, err: ApiError): void {
  reply.code(err.status).type('application/json; charset=utf-8').send(JSON.stringify(err.toBody()));
}

function toApiError(err: FastifyError | ApiError): ApiError {
  if (err instanceof ApiError) return err;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(E.payloadTooLarge);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(E.unsupportedMediaType);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(E.invalidJson);
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new ApiError({ ...E.invalidParam, message: err.message, httpStatusCode: err.statusCode });
  }
  return new ApiError(E.internal);
}
