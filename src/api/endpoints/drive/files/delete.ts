import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'drive/files/delete',
  tags: ['drive'],
  description: 'Delete a drive file and its stored versions.',
  credential: 'required',
  permission: 'write:drive',
  params: Type.Object({ fileId: Id }),
  res: null,
  errors: {
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: '908939ec-e52b-4458-b395-1025195cea58', on: ['drive.noSuchFile'] },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '5eb8d909-2540-4970-90b8-dd6f86088121', kind: 'permission', on: ['drive.accessDenied'] },
  },
  async handler({ params, me, svc }) {
    await svc.drive.delete(me, params.fileId);
  },
});
