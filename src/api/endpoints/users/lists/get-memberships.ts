import { Type } from '@sinclair/typebox';
import { UserListPacker } from '../../../entities/user-list-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { DateTime, Id, Paging, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'users/lists/get-memberships',
  tags: ['lists'],
  description: "The members of one of your lists (or of a public list, forPublic), with their settings.",
  credential: 'optional',
  permission: 'read:account',
  params: Type.Object({ listId: Id, forPublic: Type.Optional(Type.Boolean({ default: false })), ...Paging, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })) }),
  res: Type.Array(Type.Object({ id: Id, createdAt: DateTime, userId: Id, user: Ref('UserLite'), withReplies: Type.Boolean() })),
  errors: {
    noSuchList: { message: "No such list.", code: 'NO_SUCH_LIST', id: '7bc05c21-1d7a-41ae-88f1-66820f4dc686', on: ['list.notFound'] },
  },
  async handler({ params, me, svc }) {
    const list = await svc.lists.getVisible(me, params.listId, params.forPublic ?? false);
    const rows = await svc.lists.memberships(list, { ...params, limit: params.limit ?? 30 });
    return new UserListPacker(svc).packMemberships(rows);
  },
});
