import { Type, type TSchema } from '@sinclair/typebox';
import { DateTime, Id, Nullable, Ref } from './common.js';

// The notes area's entity schemas for /api.json (coarse; the compiler checks the real shapes).
const Loose = (properties: Record<string, TSchema>) => Type.Object(properties, { additionalProperties: true });
const Visibility = Type.Union(['public', 'home', 'followers', 'specified'].map((v) => Type.Literal(v)));

export const noteEntitySchemas: Record<string, TSchema> = {
  Note: Loose({
    id: Id,
    createdAt: DateTime,
    text: Nullable(Type.String()),
    cw: Type.Optional(Nullable(Type.String())),
    userId: Id,
    user: Ref('UserLite'),
    replyId: Type.Optional(Nullable(Id)),
    renoteId: Type.Optional(Nullable(Id)),
    reply: Type.Optional(Nullable(Ref('Note'))),
    renote: Type.Optional(Nullable(Ref('Note'))),
    isHidden: Type.Optional(Type.Boolean()),
    visibility: Visibility,
    mentions: Type.Optional(Type.Array(Id)),
    visibleUserIds: Type.Optional(Type.Array(Id)),
    fileIds: Type.Optional(Type.Array(Id)),
    files: Type.Optional(Type.Array(Type.Unknown())),
    tags: Type.Optional(Type.Array(Type.String())),
    poll: Type.Optional(Nullable(Loose({ multiple: Type.Boolean(), choices: Type.Array(Loose({ text: Type.String(), votes: Type.Integer(), isVoted: Type.Boolean() })) }))),
    reactions: Type.Record(Type.String(), Type.Integer()),
    reactionCount: Type.Integer(),
    reactionEmojis: Type.Record(Type.String(), Type.String()),
    renoteCount: Type.Integer(),
    repliesCount: Type.Integer(),
    myReaction: Type.Optional(Nullable(Type.String())),
  }),
  NoteReaction: Type.Object({ id: Id, createdAt: DateTime, user: Ref('UserLite'), type: Type.String() }),
  NoteFavorite: Type.Object({ id: Id, createdAt: DateTime, note: Ref('Note'), noteId: Id }),
  NoteDraft: Loose({ id: Id, createdAt: DateTime, text: Nullable(Type.String()), userId: Id, visibility: Visibility }),
  EmojiSimple: Loose({ aliases: Type.Array(Type.String()), name: Type.String(), category: Nullable(Type.String()), url: Type.String() }),
  EmojiDetailed: Loose({ id: Id, aliases: Type.Array(Type.String()), name: Type.String(), category: Nullable(Type.String()), host: Nullable(Type.String()), url: Type.String() }),
};
