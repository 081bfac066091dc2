import { randomUUID } from 'node:crypto';
import type { Ajv } from 'ajv';
import { DomainError } from '../domain/errors.js';
import type { Credential } from '../domain/auth/auth.service.js';
import { sha256Hex } from '../lib/secure.js';
import type { Services } from '../services.js';
import type { AnyEndpoint, UploadedFile } from './endpoint.js';
import { ApiError, E } from './errors.js';
import { RateLimiter } from './rate-limiter.js';
import type { EndpointCatalog } from './registry.js';
import { castStringParams, compileParams, type ParamsValidator } from './validation.js';

/** One API call as the HTTP layer hands it over. */
export interface ApiCall {
  /** The token from the Authorization header or the `i` param, if any. */
  token: string | undefined;
  params: Record<string, unknown>;
  ip: string;
  /** Params came as strings (query string or multipart fields) and need casting. */
  stringParams: boolean;
  file?: UploadedFile;
}

/** What the HTTP layer sends back. */
export interface ApiOutcome {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Logs an unexpected error with the id that the client sees. */
export type ErrorLogger = (err: unknown, context: { endpoint: string; errorId: string }) => void;

const REALM = 'Bearer realm="Misskey"';

/**
 * Runs every endpoint call through the same ordered checks, as Misskey's ApiCallService:
 * authenticate → secure → rate limit → credential → suspended → role → role policy →
 * permission → cast → validate → handler → errors to Misskey's envelope.
 */
export class ApiPipeline {
  readonly #validators = new Map<string, ParamsValidator>();
  readonly #rateLimiter: RateLimiter;

  constructor(
    private readonly svc: Services,
    private readonly ajv: Ajv,
    private readonly catalog: EndpointCatalog,
    private readonly logError: ErrorLogger,
  ) {
    this.#rateLimiter = new RateLimiter(svc.kv);
  }

  /** Runs one call through the checks and the handler; errors become an outcome, never a throw. */
  async call(ep: AnyEndpoint, call: ApiCall): Promise<ApiOutcome> {
    const counter = this.svc.database.queryCounter;
    if (!counter) return this.#call(ep, call);
    // Benchmarks only (TSUBAME_COUNT_QUERIES): report how many SQL statements the call ran.
    const { result, count } = await counter.measure(() => this.#call(ep, call));
    return { ...result, headers: { ...result.headers, 'X-Query-Count': String(count) } };
  }

  async #call(ep: AnyEndpoint, call: ApiCall): Promise<ApiOutcome> {
    try {
      const credential = call.token === undefined ? null : await this.#authenticate(call.token);
      await this.#check(ep, credential, call.ip);
      if (call.stringParams) castStringParams(ep.params, call.params);
      delete call.params.i;
      this.#validator(ep)(call.params);
      if (ep.requireFile && !call.file) throw new ApiError(E.fileRequired);
      const result = await ep.handler({
        params: call.params,
        me: credential?.user ?? null,
        token: credential?.accessToken ?? null,
        svc: this.svc,
        ip: call.ip,
        file: call.file,
        catalog: this.catalog,
      });
      return result === undefined || result === null ? { status: 204 } : { status: 200, body: result };
    } catch (err) {
      return this.#toOutcome(ep, err);
    }
  }

  /** Compiled on first use: compiling every endpoint's schema at boot cost most of the start-up time. */
  #validator(ep: AnyEndpoint): ParamsValidator {
    let validate = this.#validators.get(ep.name);
    if (!validate) {
      validate = compileParams(this.ajv, ep.params);
      this.#validators.set(ep.name, validate);
    }
    return validate;
  }

  async #authenticate(token: string): Promise<Credential> {
    try {
      return await this.svc.auth.authenticate(token);
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'auth.failed') throw new ApiError(E.authenticationFailed);
      throw err;
    }
  }

  async #check(ep: AnyEndpoint, credential: Credential | null, ip: string): Promise<void> {
    const user = credential?.user ?? null;
    const isNative = credential !== null && credential.accessToken === null;
    if (ep.secure && !isNative) throw new ApiError(E.accessDenied);

    if (ep.limit && this.svc.config.rateLimit) {
      const factor = user ? (await this.svc.roles.policiesOf(user)).rateLimitFactor : 1;
      const actor = user ? user.id : sha256Hex(ip);
      const exceeded = await this.#rateLimiter.hit({ ...ep.limit, key: ep.limit.key ?? ep.name }, actor, factor);
      if (exceeded) throw new ApiError(E.rateLimitExceeded, exceeded);
    }

    if (ep.credential === 'required' && !user) throw new ApiError(E.credentialRequired);
    if (!user) return;
    if (ep.credential === 'required' && user.isSuspended) throw new ApiError(E.suspended);

    if (!user.isRoot) {
      if (ep.role === 'admin' && !this.svc.roles.isAdministrator(user)) throw new ApiError(E.notAdministrator);
      if (ep.role === 'moderator' && !this.svc.roles.isModerator(user)) throw new ApiError(E.notModerator);
      if (ep.requiredRolePolicy && !this.svc.roles.isAdministrator(user)) {
        const policies = await this.svc.roles.policiesOf(user);
        if (!policies[ep.requiredRolePolicy]) throw new ApiError(E.rolePolicyDenied);
      }
    }

    const token = credential!.accessToken;
    if (token) {
      // A credential-requiring endpoint without a permission kind is reserved for the native token.
      const allowed = ep.permission ? token.permission.includes(ep.permission) : ep.credential !== 'required' && !ep.role;
      if (!allowed) throw new ApiError(E.permissionDenied);
    }
  }

  #toOutcome(ep: AnyEndpoint, err: unknown): ApiOutcome {
    const apiError = err instanceof ApiError ? err : err instanceof DomainError ? this.#mapDomainError(ep, err) : undefined;
    if (apiError) return { status: apiError.status, body: apiError.toBody(), headers: authenticateHeader(apiError) };
    const errorId = randomUUID();
    this.logError(err, { endpoint: ep.name, errorId });
    const internal = new ApiError(E.internal, { e: { message: 'Internal error', code: errorName(err), id: errorId } });
    return { status: internal.status, body: internal.toBody() };
  }

  #mapDomainError(ep: AnyEndpoint, err: DomainError): ApiError | undefined {
    for (const def of Object.values(ep.errors ?? {})) {
      if (def.on?.includes(err.kind)) return new ApiError(def, err.detail);
    }
    return undefined;
  }
}

function authenticateHeader(err: ApiError): Record<string, string> | undefined {
  const id = err.def.id;
  if (id === E.credentialRequired.id) return { 'WWW-Authenticate': REALM };
  if (id === E.authenticationFailed.id) {
    return { 'WWW-Authenticate': `${REALM}, error="invalid_token", error_description="Failed to resolve the token"` };
  }
  if (id === E.permissionDenied.id) {
    return { 'WWW-Authenticate': `${REALM}, error="insufficient_scope", error_description="${err.def.message}"` };
  }
  if (id === E.rateLimitExceeded.id) {
    const info = err.info as { resetMs: number };
    return { 'Retry-After': String(Math.max(0, Math.ceil((info.resetMs - Date.now()) / 1000))) };
  }
  if (err.kind === 'client') {
    return { 'WWW-Authenticate': `${REALM}, error="invalid_request", error_description="${err.def.message}"` };
  }
  return undefined;
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : 'Error';
}
