import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'users/lists/update-membership',
  tags: ['lists'],
  description: "Changes whether a member's replies show in the list timeline.",
  credential: 'required',
  permission: 'write:account',
  prohibitMoved: true,
  params: Type.Object({ listId: Id, userId: Id, withReplies: Type.Optional(Type.Boolean()) }),
  res: null,
  errors: {
    noSuchList: { message: "No such list.", code: 'NO_SUCH_LIST', id: '7f44670e-ab16-43b8-b4c1-ccd2ee89cc02', on: ['list.notFound'] },
    noSuchUser: { message: "No such user.", code: 'NO_SUCH_USER', id: '588e7f72-c744-4a61-b180-d354e912bda2', on: ['user.notFound'] },
  },
  async handler({ params, me, svc }) {
    await svc.lists.updateMembership(me, params.listId, params.userId, params.withReplies);
  },
});
