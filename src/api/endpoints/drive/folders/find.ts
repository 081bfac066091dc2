import { Type } from '@sinclair/typebox';
import { DriveFolderPacker } from '../../../entities/drive-folder-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Nullable, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'drive/folders/find',
  tags: ['drive'],
  description: "The caller's folders with exactly this name inside a folder (the root by default).",
  credential: 'required',
  permission: 'read:drive',
  params: Type.Object({ name: Type.String(), parentId: Type.Optional(Nullable(Id, { default: null })) }),
  res: Type.Array(Ref('DriveFolder')),
  async handler({ params, me, svc }) {
    const rows = await svc.drive.folders.findByName(me.id, params.name, params.parentId ?? null);
    return new DriveFolderPacker(svc).packMany(rows);
  },
});
