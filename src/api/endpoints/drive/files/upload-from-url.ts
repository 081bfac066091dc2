import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Nullable } from '../../../schemas/common.js';

const HOUR = 60 * 60 * 1000;

export default defineEndpoint({
  name: 'drive/files/upload-from-url',
  tags: ['drive'],
  description: 'Request the server to download a new drive file from the specified URL; `urlUploadFinished` on the main stream announces the result.',
  credential: 'required',
  permission: 'write:drive',
  prohibitMoved: true,
  limit: { duration: HOUR, max: 60 },
  params: Type.Object({
    url: Type.String(),
    folderId: Type.Optional(Nullable(Id, { default: null })),
    isSensitive: Type.Optional(Type.Boolean({ default: false })),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 512 }), { default: null })),
    marker: Type.Optional(Nullable(Type.String(), { default: null })),
    force: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: null,
  async handler({ params, me, svc }) {
    // As in Misskey the call returns at once; the download runs as a job and reports on the main stream.
    await svc.queue.enqueue('uploadFromUrl', {
      userId: me.id,
      url: params.url,
      folderId: params.folderId ?? null,
      sensitive: params.isSensitive ?? false,
      comment: params.comment ?? null,
      force: params.force ?? false,
      marker: params.marker ?? null,
    });
  },
});
