import { Type } from '@sinclair/typebox';
import { UserListPacker } from '../../../entities/user-list-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'users/lists/create-from-public',
  tags: ['lists'],
  description: "Creates a list of yours with the members of someone's public list.",
  credential: 'required',
  permission: 'write:account',
  prohibitMoved: true,
  params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), listId: Id }),
  res: Ref('UserList'),
  errors: {
    tooManyUserLists: { message: "You cannot create user list any more.", code: 'TOO_MANY_USERLISTS', id: '0cf21a28-7715-4f39-a20d-777bfdb8d138', on: ['list.tooMany'] },
    noSuchList: { message: "No such list.", code: 'NO_SUCH_LIST', id: '9292f798-6175-4f7d-93f4-b6742279667d', on: ['list.notFound'] },
    noSuchUser: { message: "No such user.", code: 'NO_SUCH_USER', id: '13c457db-a8cb-4d88-b70a-211ceeeabb5f', on: ['user.notFound'] },
    alreadyAdded: { message: "That user has already been added to that list.", code: 'ALREADY_ADDED', id: 'c3ad6fdb-692b-47ee-a455-7bd12c7af615', on: ['list.alreadyAdded'] },
    youHaveBeenBlocked: { message: "You cannot push this user because you have been blocked by this user.", code: 'YOU_HAVE_BEEN_BLOCKED', id: 'a2497f2a-2389-439c-8626-5298540530f4', on: ['list.blocked'] },
    tooManyUsers: { message: "You can not push users any more.", code: 'TOO_MANY_USERS', id: '1845ea77-38d1-426e-8e4e-8b83b24f5bd7', on: ['list.tooManyUsers'] },
  },
  async handler({ params, me, svc }) {
    const list = await svc.lists.createFromPublic(me, params.name, params.listId, await svc.roles.policiesOf(me));
    return new UserListPacker(svc).pack(list);
  },
});
