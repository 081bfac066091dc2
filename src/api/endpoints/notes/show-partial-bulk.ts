import { Type } from '@sinclair/typebox';
import { fromJson } from '../../../infra/db/dialect.js';
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
    const notes = await svc.notesRepo.findManyByIds(params.noteIds);
    return params.noteIds.flatMap((id) => {
      const note = notes.get(id);
      return note ? [{ id, reactions: fromJson<Record<string, number>>(note.reactions, {}), reactionEmojis: {} }] : [];
    });
  },
});
