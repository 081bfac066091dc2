import { Type } from '@sinclair/typebox';
import { NewNotePacks } from '../../entities/new-note-packs.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Nullable, Ref } from '../../schemas/common.js';
import { LIMITS } from '../../../domain/instance/meta.js';
import { NoteContentErrors, PollParam, ReactionAcceptance, Visibility } from '../../schemas/note-params.js';

const HOUR = 60 * 60 * 1000;
const FileIds = Type.Array(Id, { uniqueItems: true, minItems: 1, maxItems: 16 });

export default defineEndpoint({
  name: 'notes/create',
  tags: ['notes'],
  description: 'Posts a note: text, reply, renote or quote, poll; with a visibility.',
  credential: 'required',
  permission: 'write:notes',
  prohibitMoved: true,
  limit: { duration: HOUR, max: 300 },
  params: Type.Object(
    {
      visibility: Type.Optional(Visibility),
      visibleUserIds: Type.Optional(Type.Array(Id, { uniqueItems: true })),
      cw: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
      localOnly: Type.Optional(Type.Boolean({ default: false })),
      reactionAcceptance: Type.Optional(ReactionAcceptance),
      noExtractMentions: Type.Optional(Type.Boolean({ default: false })),
      noExtractHashtags: Type.Optional(Type.Boolean({ default: false })),
      noExtractEmojis: Type.Optional(Type.Boolean({ default: false })),
      replyId: Type.Optional(Nullable(Id)),
      renoteId: Type.Optional(Nullable(Id)),
      channelId: Type.Optional(Nullable(Id)),
      text: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: LIMITS.maxNoteTextLength }))),
      fileIds: Type.Optional(FileIds),
      mediaIds: Type.Optional(FileIds),
      poll: Type.Optional(PollParam(2)),
    },
    {
      // Without a renote, files or a poll, the note needs text with something besides spaces.
      if: { properties: { renoteId: { type: 'null' }, fileIds: { type: 'null' }, mediaIds: { type: 'null' }, poll: { type: 'null' } } },
      then: { properties: { text: { type: 'string', pattern: '[^\\s]+' } }, required: ['text'] },
    },
  ),
  res: Type.Object({ createdNote: Ref('Note') }),
  errors: {
    processing: { message: 'We are processing your request. Please wait a moment.', code: 'PROCESSING', id: '3247052c-005d-440e-b3d8-2a64274483b0', httpStatusCode: 202, on: ['note.processing'] },
    ...NoteContentErrors,
    replyingToAnotherBot: { message: 'Replying to another bot account is not allowed.', code: 'REPLY_TO_BOT_NOT_ALLOWED', id: '66819f28-9525-389d-4b0a-4974363fbbbf', on: ['note.replyToBot'] },
    containsTooManyMentions: { message: 'Cannot post because it exceeds the allowed number of mentions.', code: 'CONTAINS_TOO_MANY_MENTIONS', id: '4de0363a-3046-481b-9b0f-feff3e211025', on: ['note.tooManyMentions'] },
  },
  async handler({ params, me, svc }) {
    const note = await svc.notes.create(me, {
      ...params,
      visibility: params.visibility ?? 'public',
      localOnly: params.localOnly ?? false,
      reactionAcceptance: params.reactionAcceptance ?? null,
      fileIds: params.fileIds ?? params.mediaIds,
      noExtractMentions: params.noExtractMentions ?? false,
      noExtractHashtags: params.noExtractHashtags ?? false,
      noExtractEmojis: params.noExtractEmojis ?? false,
    });
    // The same pack the streaming publisher sends: a new note is packed once.
    return { createdNote: await NewNotePacks.of(svc).packed(note, me) };
  },
});
