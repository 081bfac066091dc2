import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { ApiError } from '../../errors.js';
import { Ref } from '../../schemas/common.js';
import { pageOf, TimelineContent, TimelinePaging, timelineOptions } from '../../schemas/timelines.js';

const errors = {
  ltlDisabled: { message: 'Local timeline has been disabled.', code: 'LTL_DISABLED', id: '45a6eb02-7695-4393-b023-dd3be9aaaefd', on: ['timeline.disabled'] },
  bothWithRepliesAndWithFiles: { message: 'Specifying both withReplies and withFiles is not supported', code: 'BOTH_WITH_REPLIES_AND_WITH_FILES', id: 'dd9c8400-1cb5-4eef-8a31-200c5f933793' },
};

export default defineEndpoint({
  name: 'notes/local-timeline',
  tags: ['notes'],
  description: "The local timeline: this instance's public notes.",
  credential: 'optional',
  params: Type.Object({ ...TimelinePaging, ...TimelineContent, withReplies: Type.Optional(Type.Boolean({ default: false })) }),
  res: Type.Array(Ref('Note')),
  errors,
  async handler({ params, me, svc }) {
    if (params.withReplies && params.withFiles) throw new ApiError(errors.bothWithRepliesAndWithFiles);
    const source = { kind: 'local', withReplies: params.withReplies ?? false } as const;
    const { notes, loaded } = await svc.timelines.page(source, me, timelineOptions(params), pageOf(params));
    return new NotePacker(svc).packMany(notes, me, { loaded });
  },
});
