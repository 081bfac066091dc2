import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../domain/drive/add-file.js';
import { servedType } from '../domain/drive/file-types.js';
import type { ByteRange } from '../infra/files/file-store.js';
import type { Services } from '../services.js';

// Whatever a stored file holds, it must not run script or load anything on the instance's origin.
const FILE_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";

/**
 * Serves stored drive files at `/files/<key>` (and `/files/<key>/<anything>`): the original,
 * thumbnail or web-public version by access key, with immutable caching, byte ranges on
 * originals, and headers that make non-media types a download instead of a page.
 */
export async function fileRoutes(app: FastifyInstance, opts: { svc: Services }): Promise<void> {
  const handler = (request: FastifyRequest<{ Params: { key: string } }>, reply: FastifyReply) => serve(opts.svc, request, reply);
  app.get('/files/:key', handler);
  app.get('/files/:key/*', handler);
}

async function serve(svc: Services, request: FastifyRequest<{ Params: { key: string } }>, reply: FastifyReply): Promise<void> {
  const found = await svc.drive.files.findByAccessKey(request.params.key);
  if (!found || found.file.isLink) return notFound(reply);
  const { file, variant } = found;
  const type = variant === 'thumbnail' ? 'image/webp' : servedType(variant === 'webpublic' ? (file.webpublicType ?? file.type) : file.type);

  reply.headers({
    'Content-Type': type,
    'Content-Disposition': contentDisposition(type, file.name),
    'Content-Security-Policy': FILE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'max-age=31536000, immutable',
    'Accept-Ranges': variant === 'original' ? 'bytes' : 'none',
  });

  let range: ByteRange | undefined;
  const size = Number(file.size);
  if (variant === 'original' && request.headers.range) {
    range = parseRange(request.headers.range, size);
    if (!range) {
      reply.code(416).header('Content-Range', `bytes */${size}`).send();
      return;
    }
  }
  const stored = await svc.files.get(request.params.key, range);
  if (!stored) return notFound(reply);
  if (range) {
    reply.code(206).header('Content-Range', `bytes ${range.start}-${range.end}/${stored.size}`).header('Content-Length', range.end - range.start + 1);
  } else {
    reply.header('Content-Length', stored.size);
  }
  return reply.send(stored.body);
}

function notFound(reply: FastifyReply): void {
  reply.code(404).header('Cache-Control', 'max-age=300').type('text/plain; charset=utf-8').send('Not found');
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range within `size`; undefined when unsatisfiable or malformed. */
export function parseRange(header: string, size: number): ByteRange | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '') || size === 0) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : undefined;
}
