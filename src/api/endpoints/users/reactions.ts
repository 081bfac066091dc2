import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { DateTime, Id, Paging, Ref } from '../../schemas/common.js';
import { pageOf } from '../../../domain/notes/paging.js';

const errors = {
  reactionsNotPublic: { message: 'Reactions of the user is not public.', code: 'REACTIONS_NOT_PUBLIC', id: '673a7dd2-6924-1093-e0c0-e68456ceae5c', on: ['user.reactionsNotPublic'] },
  isRemoteUser: {
    message: 'Currently unavailable to display reactions of remote users. See https://github.com/misskey-dev/misskey/issues/12964',
    code: 'IS_REMOTE_USER',
    id: '6b95fa98-8cf9-2350-e284-f0ffdb54a805',
    on: ['user.remote'],
  },
  // compat: Misskey fails with an internal error for an unknown user; we answer users/notes's NO_SUCH_USER.
  noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '27e494ba-2ac2-48e8-893b-10d4d8c2387b', on: ['user.notFound'] },
};

export default defineEndpoint({
  name: 'users/reactions',
  tags: ['users', 'reactions'],
  description:
    'The reactions a user made, with their notes, newest first. Refused when the user keeps reactions private (the user themself and moderators may always read); notes the caller may not see are left out.',
  credential: 'optional',
  params: Type.Object({ userId: Id, ...Paging }),
  res: Type.Array(Type.Object({ id: Id, createdAt: DateTime, user: Ref('UserLite'), type: Type.String(), note: Ref('Note') })),
  errors,
  async handler({ params, me, svc }) {
    const rows = await svc.userActivity.reactions(params.userId, me, pageOf(params));
    if (rows.length === 0) return [];
    const user = (await svc.usersRepo.findById(params.userId))!;
    const [[lite], notes] = await Promise.all([new UserPacker(svc).packLiteMany([user]), new NotePacker(svc).packMany(rows.map((r) => r.note), me)]);
    const packed = new Map(notes.map((n) => [n.id, n]));
    return rows
      .filter((r) => packed.has(r.note.id))
      .map((r) => ({ id: r.reaction.id, createdAt: new Date(r.reaction.createdAt).toISOString(), user: lite!, type: r.reaction.reaction, note: packed.get(r.note.id)! }));
  },
});
