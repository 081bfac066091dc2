import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Nullable, Ref } from '../../schemas/common.js';
import { LIMITS } from '../../../domain/instance/meta.js';

const HOUR = 60 * 60 * 1000;
const FileIds = Type.Array(Id, { uniqueItems: true, minItems: 1, maxItems: 16 });
const Visibility = Type.Union(['public', 'home', 'followers', 'specified'].map((v) => Type.Literal(v as 'public')), { default: 'public' });
const Acceptance = Type.Union(
  [Type.Null(), ...['likeOnly', 'likeOnlyForRemote', 'nonSensitiveOnly', 'nonSensitiveOnlyForLocalLikeOnlyForRemote'].map((v) => Type.Literal(v as 'likeOnly'))],
  { default: null },
);

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
      reactionAcceptance: Type.Optional(Acceptance),
      noExtractMentions: Type.Optional(Type.Boolean({ default: false })),
      noExtractHashtags: Type.Optional(Type.Boolean({ default: false })),
      noExtractEmojis: Type.Optional(Type.Boolean({ default: false })),
      replyId: Type.Optional(Nullable(Id)),
      renoteId: Type.Optional(Nullable(Id)),
      channelId: Type.Optional(Nullable(Id)),
      text: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: LIMITS.maxNoteTextLength }))),
      fileIds: Type.Optional(FileIds),
      mediaIds: Type.Optional(FileIds),
      poll: Type.Optional(
        Nullable(
          Type.Object({
            choices: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { uniqueItems: true, minItems: 2, maxItems: 10 }),
            multiple: Type.Optional(Type.Boolean()),
            expiresAt: Type.Optional(Nullable(Type.Integer())),
            expiredAfter: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
          }),
        ),
      ),
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
    noSuchRenoteTarget: { message: 'No such renote target.', code: 'NO_SUCH_RENOTE_TARGET', id: 'b5c90186-4ab0-49c8-9bba-a1f76c282ba4', on: ['note.noSuchRenoteTarget'] },
    cannotReRenote: { message: 'You can not Renote a pure Renote.', code: 'CANNOT_RENOTE_TO_A_PURE_RENOTE', id: 'fd4cc33e-2a37-48dd-99cc-9b806eb2031a', on: ['note.cannotRenotePureRenote'] },
    cannotRenoteDueToVisibility: { message: 'You can not Renote due to target visibility.', code: 'CANNOT_RENOTE_DUE_TO_VISIBILITY', id: 'be9529e9-fe72-4de0-ae43-0b363c4938af', on: ['note.cannotRenoteDueToVisibility'] },
    noSuchReplyTarget: { message: 'No such reply target.', code: 'NO_SUCH_REPLY_TARGET', id: '749ee0f6-d3da-459a-bf02-282e2da4292c', on: ['note.noSuchReplyTarget'] },
    cannotReplyToInvisibleNote: { message: 'You cannot reply to an invisible Note.', code: 'CANNOT_REPLY_TO_AN_INVISIBLE_NOTE', id: 'b98980fa-3780-406c-a935-b6d0eeee10d1', on: ['note.cannotReplyToInvisible'] },
    cannotReplyToPureRenote: { message: 'You can not reply to a pure Renote.', code: 'CANNOT_REPLY_TO_A_PURE_RENOTE', id: '3ac74a84-8fd5-4bb0-870f-01804f82ce15', on: ['note.cannotReplyToPureRenote'] },
    cannotReplyToSpecifiedVisibilityNoteWithExtendedVisibility: {
      message: 'You cannot reply to a specified visibility note with extended visibility.',
      code: 'CANNOT_REPLY_TO_SPECIFIED_VISIBILITY_NOTE_WITH_EXTENDED_VISIBILITY',
      id: 'ed940410-535c-4d5e-bfa3-af798671e93c',
      on: ['note.cannotReplyToSpecifiedWithExtendedVisibility'],
    },
    cannotCreateAlreadyExpiredPoll: { message: 'Poll is already expired.', code: 'CANNOT_CREATE_ALREADY_EXPIRED_POLL', id: '04da457d-b083-4055-9082-955525eda5a5', on: ['note.pollExpired'] },
    noSuchChannel: { message: 'No such channel.', code: 'NO_SUCH_CHANNEL', id: 'b1653923-5453-4edc-b786-7c4f39bb0bbb', on: ['note.noSuchChannel'] },
    youHaveBeenBlocked: { message: 'You have been blocked by this user.', code: 'YOU_HAVE_BEEN_BLOCKED', id: 'b390d7e1-8a5e-46ed-b625-06271cafd3d3', on: ['user.blocked'] },
    noSuchFile: { message: 'Some files are not found.', code: 'NO_SUCH_FILE', id: 'b6992544-63e7-67f0-fa7f-32444b1b5306', on: ['note.noSuchFile'] },
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
    return { createdNote: await new NotePacker(svc).pack(note, me) };
  },
});
