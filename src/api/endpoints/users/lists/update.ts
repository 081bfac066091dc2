import { Type } from '@sinclair/typebox';
import { UserListPacker } from '../../../entities/user-list-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'users/lists/update',
  tags: ['lists'],
  description: "Renames a list or makes it public.",
  credential: 'required',
  permission: 'write:account',
  params: Type.Object({ listId: Id, name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), isPublic: Type.Optional(Type.Boolean()) }),
  res: Ref('UserList'),
  errors: {
    noSuchList: { message: "No such list.", code: 'NO_SUCH_LIST', id: '796666fe-3dff-4d39-becb-8a5932c1d5b7', on: ['list.notFound'] },
  },
  async handler({ params, me, svc }) {
    const list = await svc.lists.getOwn(me, params.listId);
    await svc.lists.repo.update(list.id, { name: params.name, isPublic: params.isPublic });
    return new UserListPacker(svc).pack({ ...list, name: params.name ?? list.name, isPublic: params.isPublic ?? list.isPublic });
  },
});
