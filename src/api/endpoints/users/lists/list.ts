import { Type } from '@sinclair/typebox';
import { UserListPacker } from '../../../entities/user-list-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { ApiError } from '../../../errors.js';
import { Id, Ref } from '../../../schemas/common.js';

const errors = {
  noSuchUser: { message: "No such user.", code: 'NO_SUCH_USER', id: 'a8af4a82-0980-4cc4-a6af-8b0ffd54465e' },
  remoteUser: { message: "Not allowed to load the remote user's list", code: 'REMOTE_USER_NOT_ALLOWED', id: '53858f1b-3315-4a01-81b7-db9b48d4b79a' },
  invalidParam: { message: "Invalid param.", code: 'INVALID_PARAM', id: 'ab36de0e-29e9-48cb-9732-d82f1281620d' },
};

export default defineEndpoint({
  name: 'users/lists/list',
  tags: ['lists'],
  description: "Your lists, or another local user's public lists (userId).",
  credential: 'optional',
  permission: 'read:account',
  params: Type.Object({ userId: Type.Optional(Id) }),
  res: Type.Array(Ref('UserList')),
  errors,
  async handler({ params, me, svc }) {
    const owner = params.userId === undefined ? me : await svc.usersRepo.findById(params.userId);
    if (params.userId === undefined && !owner) throw new ApiError(errors.invalidParam);
    if (!owner) throw new ApiError(errors.noSuchUser);
    if (owner.host !== null) throw new ApiError(errors.remoteUser);
    const lists = await svc.lists.repo.listByOwner(owner.id, owner.id !== me?.id);
    return new UserListPacker(svc).packMany(lists);
  },
});
