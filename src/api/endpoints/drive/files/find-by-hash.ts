import { Type } from '@sinclair/typebox';
import { DriveFilePacker } from '../../../entities/drive-file-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'drive/files/find-by-hash',
  tags: ['drive'],
  description: "The caller's files whose MD5 is this.",
  credential: 'required',
  permission: 'read:drive',
  params: Type.Object({ md5: Type.String() }),
  res: Type.Array(Ref('DriveFile')),
  async handler({ params, me, svc }) {
    const rows = await svc.drive.files.findAllByMd5(me.id, params.md5);
    return new DriveFilePacker(svc).packMany(rows, { self: true });
  },
});
