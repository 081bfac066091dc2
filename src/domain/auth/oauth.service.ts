import { createHash } from 'node:crypto';
import type { Kv } from '../../infra/kv/kv.js';
import { randomToken, safeEqual } from '../../lib/secure.js';
import { DomainError } from '../errors.js';
import type { AccessTokensService } from './access-tokens.service.js';
import { knownPermissions } from './permissions.js';

/** What the client_id URL says about the application (IndieAuth client information). */
export interface ClientInfo {
  id: string;
  name: string;
  redirectUris: string[];
}

/** A validated authorization request, waiting for the user's decision. */
export interface AuthorizationTransaction {
  clientId: string;
  clientName: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string;
  state: string | null;
}

/** Fetches an application's client_id page (guarded against private addresses by the caller). */
export type ClientPageFetcher = (url: string) => Promise<{ text: string; finalUrl: string }>;

/** Transactions and codes live 5 minutes, as in Misskey. */
const TTL_MS = 5 * 60 * 1000;

/**
 * OAuth 2.0 authorization code flow with mandatory PKCE (S256), clients identified by
 * their URL (IndieAuth). Errors are DomainError('oauth.<RFC 6749 error code>', description).
 */
export class OAuthService {
  constructor(
    private readonly kv: Kv,
    private readonly tokens: AccessTokensService,
    private readonly fetchPage: ClientPageFetcher,
  ) {}

  /** Checks a client_id against the IndieAuth rules. */
  validateClientId(raw: unknown, allowHttp: boolean): URL {
    let url: URL;
    try {
      url = new URL(String(raw ?? ''));
    } catch {
      throw new DomainError('oauth.invalid_request', 'client_id must be a valid URL');
    }
    if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) throw new DomainError('oauth.invalid_request', 'client_id must be an HTTPS URL');
    const segments = url.pathname.split('/');
    if (segments.includes('.') || segments.includes('..')) throw new DomainError('oauth.invalid_request', 'client_id must not contain dot path segments');
    if (url.hash) throw new DomainError('oauth.invalid_request', 'client_id must not contain a fragment');
    if (url.username || url.password) throw new DomainError('oauth.invalid_request', 'client_id must not contain credentials');
    if (!/\.\w+$/.test(url.hostname) && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
      throw new DomainError('oauth.invalid_request', 'client_id must have a domain name as its host');
    }
    return url;
  }

  /** Reads the client's name and allowed redirect URIs from its client_id page. */
  async discoverClient(clientId: URL): Promise<ClientInfo> {
    let page: { text: string; finalUrl: string };
    try {
      page = await this.fetchPage(clientId.href);
    } catch {
      throw new DomainError('oauth.invalid_request', 'Failed to fetch client information');
    }
    const redirectUris: string[] = [];
    for (const tag of page.text.match(/<link\b[^>]*>/gi) ?? []) {
      const rel = attr(tag, 'rel');
      const href = attr(tag, 'href');
      if (href && rel?.split(/\s+/).includes('redirect_uri')) {
        try {
          redirectUris.push(new URL(href, page.finalUrl).href);
        } catch {
          // An unparsable href allows nothing.
        }
      }
    }
    return { id: clientId.href, name: appName(page.text) ?? clientId.href, redirectUris };
  }

  /** Validates the rest of an authorization request once the redirect URI is trusted. */
  checkRequest(query: { response_type?: unknown; scope?: unknown; code_challenge?: unknown; code_challenge_method?: unknown }): string[] {
    if (query.response_type !== 'code') throw new DomainError('oauth.unsupported_response_type', 'Only response_type=code is supported');
    // compat: Misskey answers a missing or wholly unknown scope with a 500; we send invalid_scope to the client.
    const scopes = knownPermissions(typeof query.scope === 'string' ? query.scope.split(' ') : []);
    if (scopes.length === 0) throw new DomainError('oauth.invalid_scope', '`scope` parameter has no known scope');
    if (typeof query.code_challenge !== 'string' || query.code_challenge === '') throw new DomainError('oauth.invalid_request', '`code_challenge` parameter is required');
    if (query.code_challenge_method !== 'S256') throw new DomainError('oauth.invalid_request', '`code_challenge_method` parameter must be set as S256');
    return scopes;
  }

  /** Remembers a validated request for the decision; returns its transaction id. */
  async startTransaction(txn: AuthorizationTransaction): Promise<string> {
    const id = randomToken(64);
    await this.kv.set(`oauth:txn:${id}`, JSON.stringify(txn), TTL_MS);
    return id;
  }

  /** The request of a transaction, once (the decision consumes it). */
  async takeTransaction(id: string): Promise<AuthorizationTransaction | undefined> {
    if (!/^[A-Za-z0-9]{64}$/.test(id)) return undefined;
    const key = `oauth:txn:${id}`;
    const stored = await this.kv.get(key);
    if (stored === undefined || !(await this.kv.setIfAbsent(`${key}:taken`, '1', TTL_MS))) return undefined;
    await this.kv.del(key);
    return JSON.parse(stored) as AuthorizationTransaction;
  }

  /** Issues an authorization code for the user's approval of `txn`. */
  async issueCode(txn: AuthorizationTransaction, userId: string): Promise<string> {
    const code = randomToken(128);
    await this.kv.set(`oauth:code:${code}`, JSON.stringify({ ...txn, userId }), TTL_MS);
    return code;
  }

  /**
   * Exchanges a code for an access token. A code works once: any later use fails and revokes
   * the token it produced (RFC 6749 §4.1.2); a failed verification also uses it up.
   */
  async exchange(input: { code: string; clientId: string; redirectUri: string; codeVerifier: string | undefined }): Promise<{ accessToken: string; scope: string }> {
    const key = `oauth:code:${input.code}`;
    const stored = await this.kv.get(key);
    if (stored === undefined) throw new DomainError('oauth.invalid_grant', 'Invalid authorization code');
    if (!(await this.kv.setIfAbsent(`${key}:used`, '1', TTL_MS))) {
      const issued = await this.kv.get(`${key}:token`);
      await this.kv.del(key);
      if (issued) await this.tokens.revokeTokenId(issued);
      throw new DomainError('oauth.invalid_grant', 'Invalid authorization code');
    }
    const granted = JSON.parse(stored) as AuthorizationTransaction & { userId: string };
    const ok =
      granted.clientId === input.clientId &&
      granted.redirectUri === input.redirectUri &&
      input.codeVerifier !== undefined &&
      safeEqual(createHash('sha256').update(input.codeVerifier).digest('base64url'), granted.codeChallenge);
    if (!ok) throw new DomainError('oauth.invalid_grant', 'Invalid authorization code');
    const accessToken = randomToken(128);
    const { id } = await this.tokens.issue({ userId: granted.userId, session: null, name: granted.clientId, permission: granted.scopes, token: accessToken });
    await this.kv.set(`${key}:token`, id, TTL_MS);
    return { accessToken, scope: granted.scopes.join(' ') };
  }
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

// The h-app microformat's p-name (IndieAuth client information), read without a DOM.
function appName(html: string): string | undefined {
  const app = /class\s*=\s*["'][^"']*\bh-app\b[^"']*["'][^>]*>([\s\S]*)/i.exec(html);
  if (!app) return undefined;
  const name = /class\s*=\s*["'][^"']*\bp-name\b[^"']*["'][^>]*>([^<]*)/i.exec(app[1]!);
  const text = name?.[1]?.trim();
  return text ? text : undefined;
}
