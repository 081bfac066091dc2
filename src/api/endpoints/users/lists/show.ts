import { Type } from '@sinclair/typebox';
import { UserListPacker } from '../../../entities/user-list-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'users/lists/show',
  tags: ['lists'],
  description: "Shows one of your lists, or someone's public list (forPublic).",
  credential: 'optional',
  permission: 'read:account',
  params: Type.Object({ listId: Id, forPublic: Type.Optional(Type.Boolean({ default: false })) }),
  res: Type.Intersect([Ref('UserList'), Type.Object({ likedCount: Type.Optional(Type.Integer()), isLiked: Type.Optional(Type.Boolean()) })]),
  errors: {
    noSuchList: { message: "No such list.", code: 'NO_SUCH_LIST', id: '7bc05c21-1d7a-41ae-88f1-66820f4dc686', on: ['list.notFound'] },
  },
  async handler({ params, me, svc }) {
    const list = await svc.lists.getVisible(me, params.listId, params.forPublic ?? false);
    const packed = await new UserListPacker(svc).pack(list);
    if (!params.forPublic) return packed;
    return { ...packed, ...(await svc.lists.repo.favoriteInfo(list.id, me?.id ?? null)) };
  },
});
