import { Type } from '@sinclair/typebox';
import { LIMITS } from '../../domain/instance/meta.js';
import { Id, Nullable } from './common.js';

// Params shared by notes/create and notes/drafts/*, with Misskey's limits.

export const Visibility = Type.Union(['public', 'home', 'followers', 'specified'].map((v) => Type.Literal(v as 'public')), { default: 'public' });

export const ReactionAcceptance = Type.Union(
  [Type.Null(), ...['likeOnly', 'likeOnlyForRemote', 'nonSensitiveOnly', 'nonSensitiveOnlyForLocalLikeOnlyForRemote'].map((v) => Type.Literal(v as 'likeOnly'))],
  { default: null },
);

/** A poll as posted; `minChoices` is 2 for notes and 0 for drafts. */
export const PollParam = (minChoices: number) =>
  Nullable(
    Type.Object({
      choices: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { uniqueItems: true, minItems: minChoices, maxItems: 10 }),
      multiple: Type.Optional(Type.Boolean()),
      expiresAt: Type.Optional(Nullable(Type.Integer())),
      expiredAfter: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    }),
  );

/** The fields a draft holds (notes/drafts/create and update). */
export const DraftFields = {
  visibility: Type.Optional(Visibility),
  visibleUserIds: Type.Optional(Type.Array(Id, { uniqueItems: true })),
  cw: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
  hashtag: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  localOnly: Type.Optional(Type.Boolean({ default: false })),
  reactionAcceptance: Type.Optional(ReactionAcceptance),
  replyId: Type.Optional(Nullable(Id)),
  renoteId: Type.Optional(Nullable(Id)),
  channelId: Type.Optional(Nullable(Id)),
  text: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.maxNoteTextLength }))),
  fileIds: Type.Optional(Type.Array(Id, { uniqueItems: true, maxItems: 16 })),
  poll: Type.Optional(PollParam(0)),
  scheduledAt: Type.Optional(Nullable(Type.Integer())),
  isActuallyScheduled: Type.Optional(Type.Boolean({ default: false })),
};

/** The content errors notes/create and notes/drafts/* share (Misskey's codes and ids). */
export const NoteContentErrors = {
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
};

/** notes/drafts/create and update: the content errors plus the draft limit. */
export const DraftErrors = {
  ...NoteContentErrors,
  tooManyDrafts: { message: 'You cannot create drafts any more.', code: 'TOO_MANY_DRAFTS', id: '9ee33bbe-fde3-4c71-9b51-e50492c6b9c8', on: ['draft.tooMany'] },
  replyingToAnotherBot: { message: 'Replying to another bot account is not allowed.', code: 'REPLY_TO_BOT_NOT_ALLOWED', id: '66819f28-9525-389d-4b0a-4974363fbbbf', on: ['note.replyToBot'] },
  noSuchNoteDraft: { message: 'No such note draft.', code: 'NO_SUCH_NOTE_DRAFT', id: '49cd6b9d-848e-41ee-b0b9-adaca711a6b1', on: ['draft.notFound'] },
};
