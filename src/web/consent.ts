import { describePermission, knownPermissions } from '../domain/auth/permissions.js';
import { esc } from './html.js';

/** Schemes a callback may never use: they would run code or read files in the browser. */
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:', 'filesystem:']);

/** Where an app asked to be sent back, and the CSP source that allows the form to go there. */
export interface CallbackTarget {
  url: URL;
  cspSource: string;
}

/** Parses an app's callback URL; undefined when it is absent, malformed or dangerous. */
export function callbackTarget(callback: unknown): CallbackTarget | undefined {
  if (typeof callback !== 'string' || callback === '') return undefined;
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    return undefined;
  }
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return undefined;
  const web = url.protocol === 'http:' || url.protocol === 'https:';
  return { url, cspSource: web ? url.origin : url.protocol };
}

/** An icon URL safe to show (http or https), with its origin for the CSP. */
export function iconTarget(icon: unknown): { url: string; origin: string } | undefined {
  if (typeof icon !== 'string') return undefined;
  try {
    const url = new URL(icon);
    return url.protocol === 'https:' || url.protocol === 'http:' ? { url: url.href, origin: url.origin } : undefined;
  } catch {
    return undefined;
  }
}

/** The known permissions of a comma- or space-separated list. */
export function parsePermissionList(list: unknown): string[] {
  return typeof list === 'string' ? knownPermissions(list.split(/[\s,]+/).filter(Boolean)) : [];
}

/** The app's name, icon and the permissions it asks for, in plain words. */
export function appSummary(name: string, icon: string | undefined, permissions: readonly string[]): string {
  const img = icon ? `<img class="app-icon" src="${esc(icon)}" alt="">` : '';
  const items = permissions.length
    ? `<ul>${permissions.map((p) => `<li>${esc(describePermission(p))} <small>(${esc(p)})</small></li>`).join('')}</ul>`
    : '<p>It asks for no permissions.</p>';
  return `${img}<h1><strong>${esc(name)}</strong> wants to access your account</h1>
<p>If you accept, it will be able to:</p>
${items}`;
}
