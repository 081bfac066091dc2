import { Type } from '@sinclair/typebox';
import { UserPacker } from '../entities/user-packer.js';
import { defineEndpoint } from '../endpoint.js';
import { NoParams, Ref } from '../schemas/common.js';

export default defineEndpoint({
  name: 'pinned-users',
  tags: ['users'],
  description: "The accounts named in the instance's `pinnedUsers` setting (admin/update-meta), in that order; unknown names are skipped.",
  credential: 'optional',
  params: NoParams,
  res: Type.Array(Ref('UserDetailed')),
  async handler({ me, svc }) {
    return new UserPacker(svc).packDetailedMany(await svc.userDiscovery.pinned(), me);
  },
});
