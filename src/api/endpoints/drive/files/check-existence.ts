import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';

export default defineEndpoint({
  name: 'drive/files/check-existence',
  tags: ['drive'],
  description: 'Whether the caller already has a file with this MD5.',
  credential: 'required',
  permission: 'read:drive',
  params: Type.Object({ md5: Type.String() }),
  res: Type.Boolean(),
  async handler({ params, me, svc }) {
    return (await svc.drive.files.findByMd5(me.id, params.md5)) !== undefined;
  },
});
