import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Ref } from '../../schemas/common.js';
import { pageOf, RenoteSwitches, TimelineContent, TimelinePaging, timelineOptions } from '../../schemas/timelines.js';

export default defineEndpoint({
  name: 'notes/timeline',
  tags: ['notes'],
  description: "The home timeline: the caller's notes and those of the users they follow.",
  credential: 'required',
  permission: 'read:account',
  params: Type.Object({ ...TimelinePaging, ...RenoteSwitches, ...TimelineContent }),
  res: Type.Array(Ref('Note')),
  async handler({ params, me, svc }) {
    const { notes, loaded } = await svc.timelines.page({ kind: 'home' }, me, timelineOptions(params), pageOf(params));
    return new NotePacker(svc).packMany(notes, me, { loaded });
  },
});
