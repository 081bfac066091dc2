import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'users/lists/pull',
  tags: ['lists'],
  description: "Removes a user from one of your lists.",
  credential: 'required',
  permission: 'write:account',
  prohibitMoved: true,
  params: Type.Object({ listId: Id, userId: Id }),
  res: null,
  errors: {
    noSuchList: { message: "No such list.", code: 'NO_SUCH_LIST', id: '7f44670e-ab16-43b8-b4c1-ccd2ee89cc02', on: ['list.notFound'] },
    noSuchUser: { message: "No such user.", code: 'NO_SUCH_USER', id: '588e7f72-c744-4a61-b180-d354e912bda2', on: ['user.notFound'] },
  },
  async handler({ params, me, svc }) {
    await svc.lists.pull(me, params.listId, params.userId);
  },
});
