import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'users/lists/push',
  tags: ['lists'],
  description: "Adds a user to one of your lists.",
  credential: 'required',
  permission: 'write:account',
  prohibitMoved: true,
  limit: { duration: 60 * 60 * 1000, max: 30 },
  params: Type.Object({ listId: Id, userId: Id }),
  res: null,
  errors: {
    noSuchList: { message: "No such list.", code: 'NO_SUCH_LIST', id: '2214501d-ac96-4049-b717-91e42272a711', on: ['list.notFound'] },
    noSuchUser: { message: "No such user.", code: 'NO_SUCH_USER', id: 'a89abd3d-f0bc-4cce-beb1-2f446f4f1e6a', on: ['user.notFound'] },
    alreadyAdded: { message: "That user has already been added to that list.", code: 'ALREADY_ADDED', id: '1de7c884-1595-49e9-857e-61f12f4d4fc5', on: ['list.alreadyAdded'] },
    youHaveBeenBlocked: { message: "You cannot push this user because you have been blocked by this user.", code: 'YOU_HAVE_BEEN_BLOCKED', id: '990232c5-3f9d-4d83-9f3f-ef27b6332a4b', on: ['list.blocked'] },
    tooManyUsers: { message: "You can not push users any more.", code: 'TOO_MANY_USERS', id: '2dd9752e-a338-413d-8eec-41814430989b', on: ['list.tooManyUsers'] },
  },
  async handler({ params, me, svc }) {
    await svc.lists.push(me, params.listId, params.userId, await svc.roles.policiesOf(me));
  },
});
