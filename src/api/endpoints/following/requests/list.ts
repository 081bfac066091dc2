import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { RelationPacker } from '../../../entities/relation-packer.js';
import { Paging, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'following/requests/list',
  tags: ['following', 'account'],
  description: 'Follow requests the caller has received.',
  credential: 'required',
  permission: 'read:following',
  params: Type.Object({ ...Paging }),
  res: Type.Array(Ref('FollowRequest')),
  async handler({ params, me, svc }) {
    const rows = await svc.follows.listRequests(me.id, 'received', { ...params, limit: params.limit ?? 10 });
    return new RelationPacker(svc).packFollowRequests(rows);
  },
});
