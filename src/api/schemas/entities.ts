import { Type, type TSchema } from '@sinclair/typebox';
import { DateTime, Id, Nullable, Ref } from './common.js';
import { noteEntitySchemas } from './note-entities.js';
import { queueEntitySchemas } from './queue.js';

// The entity schemas of /api.json's components. They document the wire shapes; the
// compiler checks the real values against misskey-js's types, so these may stay coarse.
// Add an entity here when an endpoint starts returning it.

const Loose = (properties: Record<string, TSchema>) => Type.Object(properties, { additionalProperties: true });

export const entitySchemas: Record<string, TSchema> = {
  Error: Type.Object({
    error: Type.Object({ code: Type.String(), message: Type.String(), id: Type.String({ format: 'uuid' }) }),
  }),
  RolePolicies: Loose({}),
  UserLite: Loose({
    id: Id,
    name: Nullable(Type.String()),
    username: Type.String(),
    host: Nullable(Type.String()),
    avatarUrl: Type.String(),
    avatarBlurhash: Nullable(Type.String()),
    avatarDecorations: Type.Array(Type.Unknown()),
    emojis: Type.Record(Type.String(), Type.String()),
    onlineStatus: Type.Union(['unknown', 'online', 'active', 'offline'].map((s) => Type.Literal(s))),
  }),
  UserDetailedNotMe: Type.Intersect([
    Ref('UserLite'),
    Loose({ createdAt: DateTime, description: Nullable(Type.String()), followersCount: Type.Integer(), followingCount: Type.Integer(), notesCount: Type.Integer() }),
  ]),
  MeDetailed: Type.Intersect([
    Ref('UserDetailedNotMe'),
    Loose({ isAdmin: Type.Boolean(), isModerator: Type.Boolean(), policies: Ref('RolePolicies') }),
  ]),
  UserDetailed: Type.Union([Ref('UserDetailedNotMe'), Ref('MeDetailed')]),
  DriveFile: Loose({
    id: Id,
    createdAt: DateTime,
    name: Type.String(),
    type: Type.String(),
    md5: Type.String(),
    size: Type.Integer(),
    isSensitive: Type.Boolean(),
    blurhash: Nullable(Type.String()),
    properties: Loose({ width: Type.Optional(Type.Integer()), height: Type.Optional(Type.Integer()), orientation: Type.Optional(Type.Integer()), avgColor: Type.Optional(Type.String()) }),
    url: Type.String(),
    thumbnailUrl: Nullable(Type.String()),
    comment: Nullable(Type.String()),
    folderId: Nullable(Id),
    folder: Type.Optional(Nullable(Ref('DriveFolder'))),
    userId: Nullable(Id),
    user: Type.Optional(Nullable(Ref('UserLite'))),
  }),
  DriveFolder: Loose({
    id: Id,
    createdAt: DateTime,
    name: Type.String(),
    parentId: Nullable(Id),
    foldersCount: Type.Optional(Type.Integer()),
    filesCount: Type.Optional(Type.Integer()),
    parent: Type.Optional(Nullable(Ref('DriveFolder'))),
  }),
  Following: Loose({ id: Id, createdAt: DateTime, followeeId: Id, followerId: Id, followee: Type.Optional(Ref('UserDetailedNotMe')), follower: Type.Optional(Ref('UserDetailedNotMe')) }),
  FollowRequest: Loose({ id: Id, follower: Ref('UserLite'), followee: Ref('UserLite') }),
  Blocking: Loose({ id: Id, createdAt: DateTime, blockeeId: Id, blockee: Ref('UserDetailedNotMe') }),
  Muting: Loose({ id: Id, createdAt: DateTime, expiresAt: Nullable(DateTime), muteeId: Id, mutee: Ref('UserDetailedNotMe') }),
  RenoteMuting: Loose({ id: Id, createdAt: DateTime, muteeId: Id, mutee: Ref('UserDetailedNotMe') }),
  UserList: Loose({ id: Id, createdAt: DateTime, name: Type.String(), userIds: Type.Optional(Type.Array(Id)), isPublic: Type.Boolean() }),
  MetaLite: Loose({ version: Type.String(), name: Nullable(Type.String()), uri: Type.String(), maxNoteTextLength: Type.Integer() }),
  MetaDetailed: Type.Intersect([Ref('MetaLite'), Loose({ features: Loose({}), requireSetup: Type.Boolean() })]),
  ...noteEntitySchemas,
  ...queueEntitySchemas,
  Signin: Type.Object({ id: Id, createdAt: DateTime, ip: Type.String(), headers: Loose({}), success: Type.Boolean() }),
  App: Loose({
    id: Id,
    name: Type.String(),
    callbackUrl: Nullable(Type.String()),
    permission: Type.Array(Type.String()),
    secret: Type.Optional(Type.String()),
    isAuthorized: Type.Optional(Type.Boolean()),
  }),
  Notification: Loose({
    id: Id,
    createdAt: DateTime,
    type: Type.String(),
    userId: Type.Optional(Id),
    user: Type.Optional(Ref('UserLite')),
    note: Type.Optional(Ref('Note')),
  }),
};
