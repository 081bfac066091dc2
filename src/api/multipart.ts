import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { UploadedFile } from './endpoint.js';
import { ApiError, E } from './errors.js';
import type { MultipartReader } from './http.js';

/**
 * Reads a multipart/form-data call (drive/files/create): form fields become string params
 * (the pipeline casts them by schema), and the one `file` part is written to a temporary
 * file that the HTTP layer removes after the call. A part over `maxFileSize` is a 413.
 */
export function createMultipartReader(config: Pick<Config, 'maxFileSize'>): MultipartReader {
  return async (request: FastifyRequest) => {
    const params: Record<string, unknown> = {};
    let file: UploadedFile | undefined;
    try {
      const parts = request.parts({ limits: { fileSize: config.maxFileSize, files: 1, fields: 32, fieldSize: 1024 * 1024 } });
      for await (const part of parts) {
        if (part.type === 'field') {
          params[part.fieldname] = part.value;
        } else if (part.fieldname !== 'file' || file) {
          part.file.resume();
        } else {
          file = { path: path.join(os.tmpdir(), `tsubame-upload-${randomUUID()}`), name: part.filename, mimeType: part.mimetype, size: 0 };
          await pipeline(part.file, createWriteStream(file.path));
          if (part.file.truncated) throw new ApiError(E.payloadTooLarge);
          file.size = (await stat(file.path)).size;
        }
      }
    } catch (err) {
      if (file) await rm(file.path, { force: true });
      if ((err as { statusCode?: number }).statusCode === 413) throw new ApiError(E.payloadTooLarge);
      throw err;
    }
    return { params, file };
  };
}
