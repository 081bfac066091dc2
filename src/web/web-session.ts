import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRow } from '../infra/db/schema.js';
import { randomToken, safeEqual } from '../lib/secure.js';
import { LOGIN_SESSION_TTL_MS } from '../domain/auth/signin.service.js';
import type { Services } from '../services.js';
import { esc } from './html.js';

const TOKEN_COOKIE = 'tsubame_token';
const CSRF_COOKIE = 'tsubame_csrf';

/** The browser's signed-in account and native token, if any. */
export interface WebUser {
  user: UserRow;
  token: string;
}

function secure(svc: Services): boolean {
  return svc.config.publicUrl.startsWith('https:');
}

/** The account signed in in this browser (its cookie holds a native sign-in token). */
export async function currentUser(svc: Services, request: FastifyRequest): Promise<WebUser | undefined> {
  const token = request.cookies[TOKEN_COOKIE];
  if (!token) return undefined;
  try {
    const credential = await svc.auth.authenticate(token);
    // Only a native token may drive the pages (they issue tokens and change the account).
    if (credential.accessToken !== null || credential.user.isSuspended) return undefined;
    return { user: credential.user, token };
  } catch {
    return undefined;
  }
}

/** Remembers a sign-in in this browser. */
export function setSignedIn(svc: Services, reply: FastifyReply, token: string): void {
  reply.setCookie(TOKEN_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(svc),
    maxAge: Math.floor(LOGIN_SESSION_TTL_MS / 1000),
  });
}

/** Forgets the sign-in of this browser. */
export function clearSignedIn(reply: FastifyReply): void {
  reply.clearCookie(TOKEN_COOKIE, { path: '/' });
}

/** The browser's CSRF secret (double-submit cookie), created on first use. */
export function csrfToken(svc: Services, request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9]{32}$/.test(existing)) return existing;
  const token = randomToken(32);
  reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secure(svc) });
  return token;
}

/** The hidden form field that carries the CSRF secret. */
export function csrfField(token: string): string {
  return `<input type="hidden" name="csrf" value="${esc(token)}">`;
}

/** Whether a form post carries the browser's CSRF secret (cookie and field must match). */
export function csrfValid(request: FastifyRequest, form: Record<string, unknown>): boolean {
  const cookie = request.cookies[CSRF_COOKIE];
  const field = form.csrf;
  return typeof cookie === 'string' && typeof field === 'string' && cookie !== '' && safeEqual(cookie, field);
}

/** A same-site path to return to after signing in; anything else falls back to `fallback`. */
export function safeNext(next: unknown, fallback = '/settings/api'): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}

/** A form body as a plain record of strings (or string arrays for repeated fields). */
export function formOf(body: unknown): Record<string, string | string[] | undefined> {
  return body !== null && typeof body === 'object' ? (body as Record<string, string | string[] | undefined>) : {};
}
