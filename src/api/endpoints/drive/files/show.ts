import { Type } from '@sinclair/typebox';
import { DriveFilePacker } from '../../../entities/drive-file-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'drive/files/show',
  tags: ['drive'],
  description: 'One drive file, by id or by one of its URLs (own files; moderators see any).',
  credential: 'required',
  permission: 'read:drive',
  params: Type.Object({ fileId: Type.Optional(Id), url: Type.Optional(Type.String()) }, { anyOf: [{ required: ['fileId'] }, { required: ['url'] }] }),
  res: Ref('DriveFile'),
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: '067bc436-2718-4795-b0fb-ecbe43949e31', on: ['drive.noSuchFile'] },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '25b73c73-68b1-41d0-bad1-381cfdf6579f', kind: 'permission', on: ['drive.accessDenied'] },
  },
  async handler({ params, me, svc }) {
    const fileId = params.fileId ?? (await svc.drive.findIdByUrl(params.url!)) ?? '';
    const file = await svc.drive.getForOwnerOrModerator(me, fileId);
    return new DriveFilePacker(svc).pack(file, { self: true, detail: true, withUser: true });
  },
});
