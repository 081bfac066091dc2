import { Type } from '@sinclair/typebox';
import { DriveFilePacker } from '../../entities/drive-file-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Paging, Ref } from '../../schemas/common.js';
import { FileTypeFilter } from './files.js';

export default defineEndpoint({
  name: 'drive/stream',
  tags: ['drive'],
  description: "All of the caller's files, whatever their folder, newest first.",
  credential: 'required',
  permission: 'read:drive',
  params: Type.Object({ ...Paging, type: FileTypeFilter }),
  res: Type.Array(Ref('DriveFile')),
  async handler({ params, me, svc }) {
    const rows = await svc.drive.files.list(me.id, { ...params, limit: params.limit ?? 10 });
    return new DriveFilePacker(svc).packMany(rows, { self: true });
  },
});
