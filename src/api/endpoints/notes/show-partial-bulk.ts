import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Id } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/show-partial-bulk',
  tags: ['notes'],
  description: "The reactions of several notes at once (for refreshing a timeline's counts).",
  credential: 'optional',
  params: Type.Object({ noteIds: Type.Array(Id, { uniqueItems: true, maxItems: 100 }) }),
  res: Type.Array(Type.Object({ id: Id, reactions: Type.Record(Type.String(), Type.Integer()), reactionEmojis: Type.Record(Type.String(), Type.String()) })),
  async handler({ params, svc }) {
    const [notes, counts] = await Promise.all([svc.notesRepo.findManyByIds(params.noteIds), svc.reactionsRepo.countsByNote(params.noteIds)]);
    return params.noteIds.filter((id) => notes.has(id)).map((id) => ({ id, reactions: counts.get(id) ?? {}, reactionEmojis: {} }));
  },
});
