import type { FastifyReply } from 'fastify';

/** Text made safe for HTML element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A page body and what its CSP must allow beyond the defaults. */
export interface Page {
  title: string;
  body: string;
  /** Extra `form-action` sources (a consent form redirects to the application's callback). */
  formAction?: string[];
  /** Where the app icon may come from; defaults to this server only. */
  imgSrc?: string[];
  status?: number;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1{font-size:1.5rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input[type=text],input[type=password]{width:100%;padding:.5rem;box-sizing:border-box;font-size:1rem}
button{padding:.5rem 1rem;font-size:1rem;margin:.75rem .5rem 0 0;cursor:pointer}
.error{color:#a00;border:1px solid #a00;padding:.5rem;border-radius:.25rem}
.token{font-family:monospace;font-size:1.1rem;background:#eef;padding:.5rem;word-break:break-all}
.app-icon{width:64px;height:64px;border-radius:.5rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
fieldset{border:1px solid #ccc;margin:.75rem 0}fieldset label{font-weight:400;display:inline-block;margin:.1rem 1rem .1rem 0}
nav{margin-bottom:1rem}nav form{display:inline}`;

/** The stylesheet every page links (served from this server, so no inline style is needed). */
export const STYLESHEET = { path: '/web/style.css', body: STYLE };

/** Sends a complete HTML page with a strict Content-Security-Policy and no caching. */
export function sendPage(reply: FastifyReply, page: Page): FastifyReply {
  const csp = [
    "default-src 'none'",
    "style-src 'self'",
    `img-src ${["'self'", ...(page.imgSrc ?? [])].join(' ')}`,
    `form-action ${["'self'", ...(page.formAction ?? [])].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(page.title)}</title>
<link rel="stylesheet" href="${STYLESHEET.path}">
</head>
<body>
<main>
${page.body}
</main>
</body>
</html>
`;
  return reply
    .code(page.status ?? 200)
    .header('Content-Security-Policy', csp)
    .header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** An error message block, or nothing. */
export function errorBlock(message: string | undefined): string {
  return message ? `<p class="error" role="alert">${esc(message)}</p>` : '';
}
