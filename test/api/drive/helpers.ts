import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { RawResponse, TestServer } from '../../support/server.js';

/** A PNG of the given size in one colour. */
export function png(width = 64, height = 48, color = { r: 200, g: 40, b: 90 }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();
}

/** A JPEG carrying EXIF metadata (camera and a comment), the kind a phone writes. */
export function jpegWithExif(width = 320, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TsubameCam', ImageDescription: 'home sweet home' } })
    .toBuffer();
}

/** Raw multipart POST /api/drive/files/create with the given fields and file part. */
export async function upload(
  server: TestServer,
  token: string | undefined,
  file: { data: Buffer | string; name?: string; type?: string } | undefined,
  fields: Record<string, string> = {},
): Promise<RawResponse> {
  const form = new FormData();
  if (token) form.append('i', token);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.data], { type: file.type ?? 'application/octet-stream' }), file.name ?? 'blob');
  const res = await fetch(`${server.url}/api/drive/files/create`, { method: 'POST', body: form });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** Uploads through raw multipart and returns the DriveFile, failing the test otherwise. */
export async function uploadOk(server: TestServer, token: string, data: Buffer | string, name = 'file.bin', fields: Record<string, string> = {}) {
  const res = await upload(server, token, { data, name }, fields);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

/** Asserts a Misskey error response: status, code and id. */
export function assertError(res: RawResponse, status: number, code: string, id: string): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body?.error?.code, code);
  assert.equal(res.body?.error?.id, id);
}
