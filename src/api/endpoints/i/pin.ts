import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'i/pin',
  tags: ['account', 'notes'],
  description: 'Pins one of the caller\'s notes to their profile.',
  credential: 'required',
  permission: 'write:account',
  prohibitMoved: true,
  params: Type.Object({ noteId: Id }),
  res: Ref('MeDetailed'),
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '56734f8b-3928-431e-bf80-6ff87df40cb3', on: ['note.notFound'] },
    pinLimitExceeded: { message: 'You can not pin notes any more.', code: 'PIN_LIMIT_EXCEEDED', id: '72dab508-c64d-498f-8740-a8eec1ba385a', on: ['pin.limitExceeded'] },
    alreadyPinned: { message: 'That note has already been pinned.', code: 'ALREADY_PINNED', id: '8b18c2b7-68fe-4edb-9892-c0cbaeb6c913', on: ['pin.exists'] },
  },
  async handler({ params, me, svc }) {
    await svc.noteExtras.pin(me, params.noteId);
    const [packed, pinned] = await Promise.all([new UserPacker(svc).packMe(me), new NotePacker(svc).pinnedOf(me.id, me)]);
    return { ...packed, ...pinned };
  },
});
