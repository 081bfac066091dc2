import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';
import type { NoteRow } from '../../../infra/db/schema.js';

export default defineEndpoint({
  name: 'notes/conversation',
  tags: ['notes'],
  description: 'The notes a reply answers, nearest first.',
  credential: 'optional',
  params: Type.Object({
    noteId: Id,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ default: 0 })),
  }),
  res: Type.Array(Ref('Note')),
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: 'e1035875-9551-45ec-afa8-1ded1fcb53c8', on: ['note.notFound'] },
  },
  async handler({ params, me, svc }) {
    const note = await svc.notes.get(params.noteId);
    const byId = new Map((await svc.notesRepo.thread(note.threadId)).map((n) => [n.id, n]));
    const chain: NoteRow[] = [];
    for (let n = note.replyId ? byId.get(note.replyId) : undefined; n; n = n.replyId ? byId.get(n.replyId) : undefined) chain.push(n);
    const offset = params.offset ?? 0;
    return new NotePacker(svc).packMany(chain.slice(offset, offset + (params.limit ?? 10)), me);
  },
});
