import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';

export default defineEndpoint({
  name: 'following/update-all',
  tags: ['following', 'users'],
  description: 'Changes the settings of every follow of the caller.',
  credential: 'required',
  permission: 'write:following',
  limit: { duration: 60 * 60 * 1000, max: 10 },
  params: Type.Object({
    notify: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('none')])),
    withReplies: Type.Optional(Type.Boolean()),
  }),
  res: null,
  async handler({ params, me, svc }) {
    await svc.follows.updateAll(me.id, { notify: params.notify, withReplies: params.withReplies });
  },
});
