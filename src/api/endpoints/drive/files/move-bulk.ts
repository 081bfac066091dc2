import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Nullable } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'drive/files/move-bulk',
  tags: ['drive'],
  description: "Move several of the caller's files into a folder (null = the root).",
  credential: 'required',
  permission: 'write:drive',
  params: Type.Object({
    fileIds: Type.Array(Id, { uniqueItems: true, minItems: 1, maxItems: 100 }),
    folderId: Type.Optional(Nullable(Id)),
  }),
  res: null,
  errors: {
    // compat: Misskey declares no error and fails with a 500 on an unknown folder; we answer drive/files/update's.
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: 'ea8fb7a5-af77-4a08-b608-c0218176cd73', on: ['drive.noSuchFolder'] },
  },
  async handler({ params, me, svc }) {
    await svc.drive.moveBulk(me, params.fileIds, params.folderId ?? null);
  },
});
