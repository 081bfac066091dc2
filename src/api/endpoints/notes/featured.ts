import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Nullable, Ref } from '../../schemas/common.js';

const RANKING_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
const RANKING_SIZE = 100;

export default defineEndpoint({
  name: 'notes/featured',
  tags: ['notes'],
  description: 'Public notes of the last three days with the most reactions, newest first.',
  credential: 'optional',
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    untilId: Type.Optional(Id),
    channelId: Type.Optional(Nullable(Id)),
  }),
  res: Type.Array(Ref('Note')),
  async handler({ params, me, svc }) {
    // compat: there are no channels, so a channel's featured notes are always empty.
    if (params.channelId) return [];
    const ranked = await svc.notesRepo.mostReacted(Date.now() - RANKING_WINDOW_MS, RANKING_SIZE);
    const ids = ranked.sort((a, b) => (a > b ? -1 : 1)).filter((id) => !params.untilId || id < params.untilId);
    const viewer = await svc.notes.viewer(me);
    const notes = await svc.notesRepo.findManyByIds(ids);
    const rows = ids.map((id) => notes.get(id)!).filter((n) => n && !viewer.hiddenUserIds.includes(n.userId));
    return new NotePacker(svc).packMany(rows.slice(0, params.limit ?? 10), me);
  },
});
