import { Type } from '@sinclair/typebox';
import { DriveFilePacker } from '../../../entities/drive-file-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Nullable, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'drive/files/find',
  tags: ['drive'],
  description: "The caller's files with exactly this name in one folder (the root by default).",
  credential: 'required',
  permission: 'read:drive',
  params: Type.Object({ name: Type.String(), folderId: Type.Optional(Nullable(Id, { default: null })) }),
  res: Type.Array(Ref('DriveFile')),
  async handler({ params, me, svc }) {
    const rows = await svc.drive.files.findByName(me.id, params.name, params.folderId ?? null);
    return new DriveFilePacker(svc).packMany(rows, { self: true });
  },
});
