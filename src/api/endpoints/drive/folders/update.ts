import { Type } from '@sinclair/typebox';
import { DriveFolderPacker } from '../../../entities/drive-folder-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Nullable, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'drive/folders/update',
  tags: ['drive'],
  description: 'Rename a folder or move it into another one.',
  credential: 'required',
  permission: 'write:drive',
  params: Type.Object({
    folderId: Id,
    name: Type.Optional(Type.String({ maxLength: 200 })),
    parentId: Type.Optional(Nullable(Id)),
  }),
  res: Ref('DriveFolder'),
  errors: {
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: 'f7974dac-2c0d-4a27-926e-23583b28e98e', on: ['drive.noSuchFolder'] },
    noSuchParentFolder: { message: 'No such parent folder.', code: 'NO_SUCH_PARENT_FOLDER', id: 'ce104e3a-faaf-49d5-b459-10ff0cbbcaa1', on: ['drive.noSuchParentFolder'] },
    recursiveNesting: { message: 'It can not be structured like nesting folders recursively.', code: 'RECURSIVE_NESTING', id: 'dbeb024837894013aed44279f9199740', on: ['drive.recursiveNesting'] },
  },
  async handler({ params, me, svc }) {
    const { folderId, ...change } = params;
    const folder = await svc.driveFolders.update(me, folderId, change);
    return new DriveFolderPacker(svc).pack(folder);
  },
});
