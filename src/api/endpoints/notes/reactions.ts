import { Type } from '@sinclair/typebox';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Nullable, Paging, Ref } from '../../schemas/common.js';
import { pageOf } from '../../../domain/notes/paging.js';
import { customEmojiName } from '../../../domain/reactions/reaction-normalize.js';

export default defineEndpoint({
  name: 'notes/reactions',
  tags: ['notes', 'reactions'],
  description: 'Who reacted to a note, optionally with one reaction type.',
  credential: 'optional',
  allowGet: true,
  cacheSec: 60,
  params: Type.Object({ noteId: Id, type: Type.Optional(Nullable(Type.String())), ...Paging }),
  res: Type.Array(Ref('NoteReaction')),
  async handler({ params, svc }) {
    // Clients name local custom emoji as :name: or :name@.:; both mean the stored :name@.:.
    const name = params.type ? customEmojiName(params.type) : undefined;
    const type = name !== undefined ? `:${name}@.:` : params.type ?? undefined;
    const rows = await svc.reactionsRepo.list(params.noteId, pageOf(params), type);
    const users = await svc.usersRepo.findManyByIds(rows.map((r) => r.userId));
    const lites = new Map((await new UserPacker(svc).packLiteMany([...users.values()])).map((u) => [u.id, u]));
    return rows.filter((r) => lites.has(r.userId)).map((r) => ({ id: r.id, createdAt: new Date(r.createdAt).toISOString(), user: lites.get(r.userId)!, type: r.reaction }));
  },
});
