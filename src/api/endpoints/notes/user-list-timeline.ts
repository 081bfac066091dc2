import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';
import { pageOf, RenoteSwitches, TimelineContent, TimelinePaging, timelineOptions } from '../../schemas/timelines.js';

export default defineEndpoint({
  name: 'notes/user-list-timeline',
  tags: ['notes', 'lists'],
  description: "The notes of the members of one of the caller's lists.",
  credential: 'required',
  permission: 'read:account',
  params: Type.Object({ listId: Id, ...TimelinePaging, ...RenoteSwitches, ...TimelineContent }),
  res: Type.Array(Ref('Note')),
  errors: {
    noSuchList: { message: 'No such list.', code: 'NO_SUCH_LIST', id: '8fb1fbd5-e476-4c37-9fb0-43d55b63a2ff', on: ['list.notFound'] },
  },
  async handler({ params, me, svc }) {
    const { notes, loaded } = await svc.timelines.page({ kind: 'list', listId: params.listId }, me, timelineOptions(params), pageOf(params));
    return new NotePacker(svc).packMany(notes, me, { loaded });
  },
});
