import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { ApiError } from '../../errors.js';
import { Ref } from '../../schemas/common.js';
import { pageOf, RenoteSwitches, TimelineContent, TimelinePaging, timelineOptions } from '../../schemas/timelines.js';

const errors = {
  stlDisabled: { message: 'Hybrid timeline has been disabled.', code: 'STL_DISABLED', id: '620763f4-f621-4533-ab33-0577a1a3c342', on: ['timeline.disabled'] },
  bothWithRepliesAndWithFiles: { message: 'Specifying both withReplies and withFiles is not supported', code: 'BOTH_WITH_REPLIES_AND_WITH_FILES', id: 'dfaa3eb7-8002-4cb7-bcc4-1095df46656f' },
};

export default defineEndpoint({
  name: 'notes/hybrid-timeline',
  tags: ['notes'],
  description: 'The social timeline: the home timeline and the local timeline together.',
  credential: 'required',
  permission: 'read:account',
  params: Type.Object({ ...TimelinePaging, ...RenoteSwitches, ...TimelineContent, withReplies: Type.Optional(Type.Boolean({ default: false })) }),
  res: Type.Array(Ref('Note')),
  errors,
  async handler({ params, me, svc }) {
    if (params.withReplies && params.withFiles) throw new ApiError(errors.bothWithRepliesAndWithFiles);
    const source = { kind: 'hybrid', withReplies: params.withReplies ?? false } as const;
    const { notes, loaded } = await svc.timelines.page(source, me, timelineOptions(params), pageOf(params));
    return new NotePacker(svc).packMany(notes, me, { loaded });
  },
});
