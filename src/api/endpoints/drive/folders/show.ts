import { Type } from '@sinclair/typebox';
import { DriveFolderPacker } from '../../../entities/drive-folder-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'drive/folders/show',
  tags: ['drive'],
  description: 'One of the caller\'s folders, with its counts and parents.',
  credential: 'required',
  permission: 'read:drive',
  params: Type.Object({ folderId: Id }),
  res: Ref('DriveFolder'),
  errors: {
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: 'd74ab9eb-bb09-4bba-bf24-fb58f761e1e9', on: ['drive.noSuchFolder'] },
  },
  async handler({ params, me, svc }) {
    const folder = await svc.driveFolders.getOwn(me, params.folderId);
    return new DriveFolderPacker(svc).pack(folder, { detail: true });
  },
});
