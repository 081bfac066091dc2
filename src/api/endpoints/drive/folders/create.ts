import { Type } from '@sinclair/typebox';
import { DriveFolderPacker } from '../../../entities/drive-folder-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Nullable, Ref } from '../../../schemas/common.js';

const HOUR = 60 * 60 * 1000;

export default defineEndpoint({
  name: 'drive/folders/create',
  tags: ['drive'],
  description: 'Create a folder in the caller\'s drive.',
  credential: 'required',
  permission: 'write:drive',
  limit: { duration: HOUR, max: 10 },
  params: Type.Object({
    name: Type.Optional(Type.String({ maxLength: 200, default: 'Untitled' })),
    parentId: Type.Optional(Nullable(Id)),
  }),
  res: Ref('DriveFolder'),
  errors: {
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: '53326628-a00d-40a6-a3cd-8975105c0f95', on: ['drive.noSuchParentFolder'] },
  },
  async handler({ params, me, svc }) {
    const folder = await svc.driveFolders.create(me, params.name ?? 'Untitled', params.parentId ?? null);
    return new DriveFolderPacker(svc).pack(folder);
  },
});
