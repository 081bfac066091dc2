import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'drive/folders/delete',
  tags: ['drive'],
  description: 'Delete an empty folder.',
  credential: 'required',
  permission: 'write:drive',
  params: Type.Object({ folderId: Id }),
  res: null,
  errors: {
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: '1069098f-c281-440f-b085-f9932edbe091', on: ['drive.noSuchFolder'] },
    hasChildFilesOrFolders: { message: 'This folder has child files or folders.', code: 'HAS_CHILD_FILES_OR_FOLDERS', id: 'b0fc8a17-963c-405d-bfbc-859a487295e1', on: ['drive.hasChildFilesOrFolders'] },
  },
  async handler({ params, me, svc }) {
    await svc.driveFolders.delete(me, params.folderId);
  },
});
