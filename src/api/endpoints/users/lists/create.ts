import { Type } from '@sinclair/typebox';
import { UserListPacker } from '../../../entities/user-list-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'users/lists/create',
  tags: ['lists'],
  description: "Creates a list of users.",
  credential: 'required',
  permission: 'write:account',
  prohibitMoved: true,
  params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
  res: Ref('UserList'),
  errors: {
    tooManyUserLists: { message: "You cannot create user list any more.", code: 'TOO_MANY_USERLISTS', id: '0cf21a28-7715-4f39-a20d-777bfdb8d138', on: ['list.tooMany'] },
  },
  async handler({ params, me, svc }) {
    const list = await svc.lists.create(me, params.name, await svc.roles.policiesOf(me));
    return new UserListPacker(svc).pack(list);
  },
});
