import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Paging, Ref } from '../../schemas/common.js';
import { pageOf, TimelineContent, timelineOptions } from '../../schemas/timelines.js';

export default defineEndpoint({
  name: 'notes/global-timeline',
  tags: ['notes'],
  description: 'The global timeline: every public note this instance knows.',
  credential: 'optional',
  params: Type.Object({ ...Paging, ...TimelineContent }),
  res: Type.Array(Ref('Note')),
  errors: {
    gtlDisabled: { message: 'Global timeline has been disabled.', code: 'GTL_DISABLED', id: '0332fc13-6ab2-4427-ae80-a9fadffd1a6b', on: ['timeline.disabled'] },
  },
  async handler({ params, me, svc }) {
    const { notes, loaded } = await svc.timelines.page({ kind: 'global' }, me, timelineOptions(params), pageOf(params));
    return new NotePacker(svc).packMany(notes, me, { loaded });
  },
});
