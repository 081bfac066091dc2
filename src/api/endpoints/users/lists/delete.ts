import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'users/lists/delete',
  tags: ['lists'],
  description: "Deletes a list.",
  credential: 'required',
  permission: 'write:account',
  params: Type.Object({ listId: Id }),
  res: null,
  errors: {
    noSuchList: { message: "No such list.", code: 'NO_SUCH_LIST', id: '78436795-db79-42f5-b1e2-55ea2cf19166', on: ['list.notFound'] },
  },
  async handler({ params, me, svc }) {
    await svc.lists.delete(me, params.listId);
  },
});
