import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Id } from '../../schemas/common.js';

const Relation = Type.Object({
  id: Id,
  isFollowing: Type.Boolean(),
  hasPendingFollowRequestFromYou: Type.Boolean(),
  hasPendingFollowRequestToYou: Type.Boolean(),
  isFollowed: Type.Boolean(),
  isBlocking: Type.Boolean(),
  isBlocked: Type.Boolean(),
  isMuted: Type.Boolean(),
  isRenoteMuted: Type.Boolean(),
});

export default defineEndpoint({
  name: 'users/relation',
  tags: ['users'],
  description: 'How the caller relates to one user (userId) or to several (an array of ids).',
  credential: 'required',
  permission: 'read:account',
  params: Type.Object({ userId: Type.Union([Id, Type.Array(Id, { uniqueItems: true })]) }),
  res: Type.Union([Relation, Type.Array(Relation)]),
  async handler({ params, me, svc }) {
    const ids = Array.isArray(params.userId) ? params.userId : [params.userId];
    const relations = await svc.relations.relationsWith(me.id, ids);
    const list = ids.map((id) => {
      const { notify: _n, withReplies: _w, ...flags } = relations.get(id)!;
      return flags;
    });
    return Array.isArray(params.userId) ? list : list[0]!;
  },
});
