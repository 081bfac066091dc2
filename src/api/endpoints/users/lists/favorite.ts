import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'users/lists/favorite',
  tags: ['lists'],
  description: "Favourites someone's public list.",
  credential: 'required',
  permission: 'write:account',
  params: Type.Object({ listId: Id }),
  res: null,
  errors: {
    noSuchList: { message: "No such user list.", code: 'NO_SUCH_USER_LIST', id: '7dbaf3cf-7b42-4b8f-b431-b3919e580dbe', on: ['list.notFound'] },
    alreadyFavorited: { message: "The list has already been favorited.", code: 'ALREADY_FAVORITED', id: '6425bba0-985b-461e-af1b-518070e72081', on: ['list.alreadyFavorited'] },
  },
  async handler({ params, me, svc }) {
    await svc.lists.favorite(me, params.listId);
  },
});
