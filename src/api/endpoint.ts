import type { Static, TSchema } from '@sinclair/typebox';
import type { Endpoints, permissions } from 'misskey-js';
import type { UserRow } from '../infra/db/schema.js';
import type { AccessTokenInfo } from '../domain/auth/auth.service.js';
import type { RolePolicies } from '../domain/roles/policies.js';
import type { Services } from '../services.js';
import type { ErrorDef } from './errors.js';
import type { EndpointCatalog } from './registry.js';

/** A Misskey endpoint name, as misskey-js lists them. */
export type EndpointName = keyof Endpoints;

/** A permission kind a token may hold (misskey-js's list plus the few Misskey checks but does not list). */
export type Permission =
  | (typeof permissions)[number]
  | 'read:admin:stream'
  | 'read:admin:abuse-report:notification-recipient'
  | 'write:admin:abuse-report:notification-recipient'
  | 'read:admin:system-webhook'
  | 'write:admin:system-webhook';

export type CredentialMode = 'none' | 'optional' | 'required';

/** Misskey's per-endpoint rate limit: `max` calls per `duration` ms and/or one call per `minInterval` ms. */
export interface RateLimit {
  /** Bucket name; endpoints sharing a key share a bucket. Defaults to the endpoint name. */
  key?: string;
  duration?: number;
  max?: number;
  minInterval?: number;
}

/** An endpoint-specific error; `on` lists the DomainError kinds that map to it. */
export interface EndpointError extends ErrorDef {
  on?: readonly string[];
}

/** What a handler receives: validated params, the caller and the services. */
export interface HandlerContext<P, C extends CredentialMode> {
  params: P;
  /** The caller; never null when the endpoint requires a credential. */
  me: C extends 'required' ? UserRow : UserRow | null;
  /** The access token used, or null for the native token (and for anonymous calls). */
  token: AccessTokenInfo | null;
  svc: Services;
  /** The client's IP address, for rate limits and sign-in records. */
  ip: string;
  /** The uploaded file of a multipart endpoint. */
  file?: UploadedFile;
  /** Every registered endpoint by name (for `endpoints` and `endpoint`). */
  catalog: EndpointCatalog;
}

/** A file part of a multipart request, already stored in a temporary file. */
export interface UploadedFile {
  path: string;
  name: string;
  mimeType: string;
  size: number;
}

type Res<N extends EndpointName> = Endpoints[N]['res'];
/** A handler's return type: misskey-js's response type, or nothing for 204 endpoints. */
export type HandlerResult<N extends EndpointName> = undefined extends Res<N> ? Res<N> | void : Res<N>;

/** The one declaration of an endpoint; router, checks, validation and docs all come from it. */
export interface EndpointDef<N extends EndpointName = EndpointName, P extends TSchema = TSchema, C extends CredentialMode = CredentialMode> {
  /** Misskey's endpoint name; must equal the file's path under api/endpoints. */
  name: N;
  tags?: string[];
  description?: string;
  credential: C;
  /** Required permission kind for access tokens. Endpoints without one accept only the native token. */
  permission?: Permission;
  /** Only the native token may call it (Misskey's `secure`). */
  secure?: boolean;
  /** Role the caller must hold (the root user passes any). */
  role?: 'moderator' | 'admin';
  requiredRolePolicy?: keyof RolePolicies;
  prohibitMoved?: boolean;
  /** GET is accepted too (params from the query string). */
  allowGet?: boolean;
  /** Cache-Control max-age for anonymous GET responses. */
  cacheSec?: number;
  limit?: RateLimit;
  /** multipart/form-data with one `file` part (drive/files/create). */
  requireFile?: boolean;
  params: P;
  /** The result's schema for /api.json; null when the endpoint answers 204. */
  res: TSchema | null;
  errors?: Record<string, EndpointError>;
  handler(ctx: HandlerContext<Static<P>, C>): Promise<HandlerResult<N>>;
}

/** Declares an endpoint. The handler's result must be assignable to misskey-js's response type. */
export function defineEndpoint<N extends EndpointName, P extends TSchema, C extends CredentialMode>(
  def: EndpointDef<N, P, C>,
): EndpointDef<N, P, C> {
  return def;
}

/** Any endpoint declaration, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEndpoint = EndpointDef<EndpointName, TSchema, any>;
