import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'users/lists/unfavorite',
  tags: ['lists'],
  description: "Removes a public list from your favourites.",
  credential: 'required',
  permission: 'write:account',
  params: Type.Object({ listId: Id }),
  res: null,
  errors: {
    noSuchList: { message: "No such user list.", code: 'NO_SUCH_USER_LIST', id: 'baedb33e-76b8-4b0c-86a8-9375c0a7b94b', on: ['list.notFound'] },
    // compat: Misskey reports a missing favourite with the code ALREADY_FAVORITED.
    notFavorited: { message: "You have not favorited the list.", code: 'ALREADY_FAVORITED', id: '835c4b27-463d-4cfa-969b-a9058678d465', on: ['list.notFavorited'] },
  },
  async handler({ params, me, svc }) {
    await svc.lists.unfavorite(me, params.listId);
  },
});
