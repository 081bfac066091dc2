import { Type } from '@sinclair/typebox';
import { DriveFolderPacker } from '../../entities/drive-folder-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Nullable, Paging, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'drive/folders',
  tags: ['drive'],
  description: "The caller's folders directly inside a folder (the root by default).",
  credential: 'required',
  permission: 'read:drive',
  params: Type.Object({ ...Paging, folderId: Type.Optional(Nullable(Id, { default: null })) }),
  res: Type.Array(Ref('DriveFolder')),
  async handler({ params, me, svc }) {
    const rows = await svc.drive.folders.list(me.id, params.folderId ?? null, { ...params, limit: params.limit ?? 10 });
    return new DriveFolderPacker(svc).packMany(rows);
  },
});
